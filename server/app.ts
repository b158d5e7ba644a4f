import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { isEmailAddress } from '../src/protocol/index.js';
import { hashToken, SESSION_COOKIE, SessionStore } from './auth/sessions.js';
import { installRequestAuth } from './auth/request-auth.js';
import { SsoVerifier } from './auth/sso.js';
import { DEFAULT_LOCKOUT, SignInThrottle } from './auth/throttle.js';
import type { GatewayOptions, RateLimitOptions } from './config.js';
import type { TicketConnector } from './connectors/connector.js';
import { createEmbeddedConnector } from './connectors/embedded/index.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { type ConnectorRelay, relayConnectorChanges } from './events/connector-relay.js';
import { EventBus } from './events/event-bus.js';
import type { GatewayContext } from './gateway-context.js';
import { rejectUnstorableStrings } from './http/body-checks.js';
import { installIdempotency, purgeIdempotency } from './http/idempotency.js';
import { installProblemHandlers, problem, sendProblem, toProblem } from './http/problem.js';
import { staticFiles } from './http/static-files.js';
import { Mailer } from './mail/mailer.js';
import { accountRoutes } from './routes/account.js';
import { adminRoutes } from './routes/admin.js';
import { articleRoutes } from './routes/articles.js';
import { chatRoutes } from './routes/chat.js';
import { eventRoutes } from './routes/events.js';
import { formRoutes } from './routes/forms.js';
import { meRoutes } from './routes/me.js';
import { portalRoutes } from './routes/portal.js';
import { sessionRoutes } from './routes/session.js';
import { ticketRoutes } from './routes/tickets.js';
import { uploadRoutes } from './routes/uploads.js';
import {
  deepMerge,
  DEFAULT_PORTAL,
  DEFAULT_SERVER_SETTINGS,
  SettingsStore,
  type PortalConfig,
} from './store/settings.js';
import { ensureBuiltinForms } from './store/forms.js';
import { purgeRegistrations } from './store/registrations.js';
import { getOrganization, organizationForDomain } from './store/organizations.js';
import { purgeStaleUploads } from './store/uploads.js';
import { TicketService } from './tickets/ticket-service.js';

export const PROTOCOL_PREFIX = '/portico/v1';
export const ADMIN_PREFIX = '/admin/v1';
const HOUSEKEEPING_MS = 15 * 60_000;

async function makeConnector(opts: GatewayOptions, ctxDb: GatewayContext['db']): Promise<TicketConnector> {
  const choice = opts.connector ?? 'embedded';
  if (typeof choice === 'object') return choice;
  if (choice === 'rt') {
    // Loaded only when chosen, so the embedded setup never needs the RT module.
    const rtModule = './connectors/rt/index.js';
    const mod = (await import(rtModule)) as {
      createRtConnector(env: NodeJS.ProcessEnv): TicketConnector | Promise<TicketConnector>;
    };
    return mod.createRtConnector(opts.env ?? process.env);
  }
  return createEmbeddedConnector(ctxDb);
}

/** Identifies a client for rate limiting: its session when it has one, else its address. */
function rateLimitKey(req: FastifyRequest): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ?? req.cookies?.[SESSION_COOKIE];
  return token ? `s:${hashToken(token).slice(0, 32)}` : `ip:${req.ip}`;
}

/**
 * Builds the Portico gateway: the protocol at /portico/v1, the admin API at
 * /admin/v1 (when an admin token is set), the demo at / and the bundle at
 * /dist/. Migrations run here; listening is up to the caller.
 */
export async function buildGateway(opts: GatewayOptions = {}): Promise<FastifyInstance> {
  const dataDir = path.resolve(opts.dataDir ?? './.portico-data');
  const uploadsDir = path.join(dataDir, 'uploads');
  const outboxDir = path.join(dataDir, 'outbox');
  await mkdir(uploadsDir, { recursive: true });

  const db = await openDatabase({
    databaseUrl: opts.databaseUrl,
    dataDir: opts.inMemory ? 'memory://' : path.join(dataDir, 'pgdata'),
  });
  let connector: TicketConnector;
  try {
    await migrate(db);
    await ensureBuiltinForms(db);
    connector = await makeConnector(opts, db);
    connector.useOrganizations?.({
      forDomain: async (domain) => {
        const org = await organizationForDomain(db, domain);
        return org ? { id: org.id, name: org.name } : null;
      },
      domainsOf: async (id) => (await getOrganization(db, id))?.domains ?? [],
    });
    await connector.start();
  } catch (err) {
    await db.close();
    throw err;
  }

  const sso = new SsoVerifier(opts.sso ?? {});
  const base = deepMerge<PortalConfig>(
    { portal: DEFAULT_PORTAL, server: DEFAULT_SERVER_SETTINGS },
    opts.settings ?? {},
  );
  if (sso.enabled && !base.portal.loginMethods.includes('sso'))
    base.portal.loginMethods = [...base.portal.loginMethods, 'sso'];
  const settings = new SettingsStore(db, base, connector.capabilities);
  const events = new EventBus(db);
  await events.start();
  const publicUrl = (opts.publicUrl ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
  const ctx: GatewayContext = {
    db,
    connector,
    settings,
    sessions: new SessionStore(db, settings, db.kind === 'pglite' ? 1000 : 0),
    throttle: new SignInThrottle(db, { ...DEFAULT_LOCKOUT, ...opts.lockout }),
    sso,
    mailer: new Mailer(outboxDir, opts.smtp?.from ?? `${base.portal.name} <no-reply@portico.local>`, opts.smtp),
    events,
    tickets: new TicketService(db, connector, events, settings),
    dataDir,
    uploadsDir,
    outboxDir,
    publicUrl,
    allowedOrigins: opts.allowedOrigins ?? [],
    adminToken: opts.adminToken ?? null,
  };

  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimitBytes ?? 256 * 1024,
    trustProxy: opts.trustProxy ?? false,
    // Refuse unknown fields and wrong types instead of silently fixing them.
    // Errors before routing (a malformed URL) answer as problems too.
    frameworkErrors: (err, _req, reply) => {
      void sendProblem(reply, toProblem(err));
    },
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        useDefaults: false,
        allErrors: true,
      },
      // After ajv-formats: the protocol's e-mail rule is the `email` format.
      onCreate: (ajv) => ajv.addFormat('email', isEmailAddress),
    },
  });
  app.decorate('portico', ctx);
  installProblemHandlers(app);
  // JSON only: a text/plain body on a JSON route is 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');

  const limits: RateLimitOptions | null =
    opts.rateLimit === false ? null : { perMinute: 600, authPerMinute: 20, ...opts.rateLimit };
  // Sign-in style routes get the stricter per-address limit (set before rate-limit sees the route).
  app.addHook('onRoute', (route) => {
    if (limits && route.config?.signIn) {
      (route.config as Record<string, unknown>).rateLimit = {
        max: limits.authPerMinute,
        timeWindow: 60_000,
        keyGenerator: (r: FastifyRequest) => `auth:${r.ip}`,
      };
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'", ...ctx.allowedOrigins],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // The bundle is loaded by other sites' pages, and portal.html is framed by allowed origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    frameguard: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, !!origin && ctx.allowedOrigins.includes(origin)),
    credentials: true,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-CSRF-Token', 'Idempotency-Key', 'Last-Event-ID'],
    exposedHeaders: ['Idempotent-Replayed', 'Retry-After'],
    maxAge: 600,
  });
  if (limits) {
    await app.register(rateLimit, {
      global: true,
      max: limits.perMinute,
      timeWindow: 60_000,
      keyGenerator: rateLimitKey,
      errorResponseBuilder: (_req, c) => problem.rateLimited('Too many requests; slow down.', c.ttl / 1000),
    });
  }
  await app.register(multipart, {
    // Keep the client's name as sent, so names with paths are refused rather than quietly cut.
    preservePath: true,
    limits: { fileSize: base.portal.uploads.maxBytes, files: 1, fields: 5, parts: 6 },
  });

  await app.register(
    async (api) => {
      installRequestAuth(api);
      api.addHook('preValidation', rejectUnstorableStrings);
      installIdempotency(api);
      await api.register(portalRoutes);
      await api.register(sessionRoutes);
      await api.register(accountRoutes);
      await api.register(meRoutes);
      await api.register(ticketRoutes);
      await api.register(formRoutes);
      await api.register(articleRoutes);
      await api.register(uploadRoutes);
      await api.register(eventRoutes);
      await api.register(chatRoutes);
    },
    { prefix: PROTOCOL_PREFIX },
  );
  await app.register(
    async (adminApi) => {
      adminApi.addHook('preValidation', rejectUnstorableStrings);
      await adminApi.register(adminRoutes);
    },
    { prefix: ADMIN_PREFIX },
  );

  if (opts.serveStatic ?? true) await app.register(staticFiles);

  // Changes agents make in the helpdesk itself reach customers as live events (started once the app is ready).
  let relay: ConnectorRelay | null = null;
  const housekeeping = setInterval(() => {
    void Promise.allSettled([
      ctx.sessions.purgeExpired(),
      purgeStaleUploads(db),
      purgeIdempotency(app),
      events.purge(),
      relay?.purge(),
      db.query('DELETE FROM auth_tokens WHERE expires_at < now()'),
      ctx.throttle.purge(),
      purgeRegistrations(db),
    ]);
  }, HOUSEKEEPING_MS);
  housekeeping.unref();

  app.addHook('onClose', async () => {
    clearInterval(housekeeping);
    await ctx.mailer.drain();
    ctx.sessions.dispose();
    await relay?.stop();
    await events.stop();
    await connector.stop();
    await db.close();
  });
  await app.ready();
  relay = relayConnectorChanges(connector, ctx.tickets, db);
  return app;
}
