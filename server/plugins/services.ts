import fp from 'fastify-plugin';
import { SessionStore } from '../auth/sessions.js';
import { SsoVerifier } from '../auth/sso.js';
import { DEFAULT_LOCKOUT, SignInThrottle } from '../auth/throttle.js';
import type { GatewayOptions } from '../config.js';
import { type ConnectorRelay, relayConnectorChanges } from '../events/connector-relay.js';
import { EventBus } from '../events/event-bus.js';
import { DEFAULT_STREAM_LIMITS } from '../events/stream-hub.js';
import { Mailer } from '../mail/mailer.js';
import { MailNotifier } from '../mail/notifier.js';
import { purgeExpiredAuthTokens } from '../auth/auth-tokens.js';
import { purgeIdempotency } from '../store/idempotency.js';
import {
  deepMerge,
  DEFAULT_PORTAL,
  DEFAULT_SERVER_SETTINGS,
  SettingsStore,
  type PortalConfig,
} from '../store/settings.js';
import { DEFAULT_UPLOAD_QUOTA, purgeStaleUploads } from '../store/uploads.js';
import { purgeRegistrations } from '../store/registrations.js';
import { purgeAdminSessions } from '../store/admin-accounts.js';
import { TicketService } from '../tickets/ticket-service.js';

const HOUSEKEEPING_MS = 15 * 60_000;

export type ServicesOptions = Pick<
  GatewayOptions,
  | 'sso'
  | 'settings'
  | 'lockout'
  | 'smtp'
  | 'publicUrl'
  | 'allowedOrigins'
  | 'adminToken'
  | 'uploadQuota'
  | 'eventStreams'
>;

/** The settings as started: defaults ← the options (SSO configured turns the SSO sign-in on). */
export function startingSettings(opts: Pick<ServicesOptions, 'settings'>, ssoEnabled: boolean): PortalConfig {
  const base = deepMerge<PortalConfig>(
    { portal: DEFAULT_PORTAL, server: DEFAULT_SERVER_SETTINGS },
    opts.settings ?? {},
  );
  if (ssoEnabled && !base.portal.loginMethods.includes('sso'))
    base.portal.loginMethods = [...base.portal.loginMethods, 'sso'];
  return base;
}

/**
 * The gateway's services: `settings`, `sessions`, `throttle`, `sso`, `mailer`,
 * `events`, `tickets` and the configuration routes read (`publicUrl`,
 * `allowedOrigins`, `adminToken`); the housekeeping timer; and, once the app
 * is ready, the relay that turns agents' changes in the helpdesk into live events.
 */
export const servicesPlugin = fp<ServicesOptions>(
  async (app, opts) => {
    const { db, connector, outboxDir } = app;
    const sso = new SsoVerifier(opts.sso ?? {});
    const base = startingSettings(opts, sso.enabled);
    const settings = new SettingsStore(db, base, connector.capabilities);
    const events = new EventBus(db);
    await events.start();
    app.addHook('onClose', () => events.stop());
    const sessions = new SessionStore(db, settings, db.kind === 'pglite' ? 1000 : 0);
    app.addHook('onClose', async () => sessions.dispose());

    app.decorate('settings', settings);
    app.decorate('sessions', sessions);
    app.decorate('throttle', new SignInThrottle(db, { ...DEFAULT_LOCKOUT, ...opts.lockout }));
    app.decorate('sso', sso);
    const mailer = new Mailer(
      outboxDir,
      opts.smtp?.from ?? `${base.portal.name} <no-reply@portico.local>`,
      opts.smtp,
      () => settings.get(),
      (err) => app.log.error({ err }, 'background mail failed'),
    );
    app.decorate('mailer', mailer);
    // Mail goes out after the answer: wait for what is still being written before closing.
    app.addHook('onClose', async () => mailer.drain());
    app.decorate('events', events);
    app.decorate('streamLimits', { ...DEFAULT_STREAM_LIMITS, ...opts.eventStreams });
    const publicUrl = (opts.publicUrl ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
    const notifier = new MailNotifier(db, mailer, settings, publicUrl);
    app.decorate('tickets', new TicketService(db, connector, events, settings, notifier));
    app.decorate('uploadQuota', { ...DEFAULT_UPLOAD_QUOTA, ...opts.uploadQuota });
    app.decorate('publicUrl', publicUrl);
    app.decorate('allowedOrigins', opts.allowedOrigins ?? []);
    app.decorate('adminToken', opts.adminToken ?? null);

    // Changes agents make in the helpdesk itself reach customers as live events.
    let relay: ConnectorRelay | null = null;
    app.addHook('onReady', async () => {
      relay = relayConnectorChanges(connector, app.tickets, db);
    });
    app.addHook('onClose', async () => relay?.stop());

    const housekeeping = setInterval(() => {
      void Promise.allSettled([
        sessions.purgeExpired(),
        purgeStaleUploads(db),
        purgeIdempotency(db),
        events.purge(),
        relay?.purge(),
        purgeExpiredAuthTokens(db),
        app.throttle.purge(),
        purgeRegistrations(db),
        purgeAdminSessions(db),
      ]);
    }, HOUSEKEEPING_MS);
    housekeeping.unref();
    app.addHook('onClose', async () => clearInterval(housekeeping));
  },
  { name: 'portico-services', fastify: '5.x', dependencies: ['portico-store', 'portico-connector'] },
);
