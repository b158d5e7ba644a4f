import type { AdminCaller } from './admin/admin-accounts.js';
import type { SignInThrottle } from './auth/throttle.js';
import type { Principal, SessionStore } from './auth/sessions.js';
import type { SsoVerifier } from './auth/sso.js';
import type { TicketConnector } from './connectors/connector.js';
import type { Database } from './db/database.js';
import type { EventBus } from './events/event-bus.js';
import type { IdempotencyClaim } from './http/idempotency.js';
import type { StreamLimits } from './events/stream-hub.js';
import type { Mailer } from './mail/mailer.js';
import type { AdminRole } from './store/admin-accounts.js';
import type { SettingsStore } from './store/settings.js';
import type { UploadQuota } from './store/uploads.js';
import type { TicketService } from './tickets/ticket-service.js';

/** Who may call a route: anyone, a signed-in customer (the default), or the agent side (console session or admin token). */
export type RouteAccess = 'public' | 'customer' | 'admin';

/**
 * The services the gateway's plugins decorate the Fastify instance with
 * (server/plugins/): each plugin declares what it adds and what it needs.
 */
export interface GatewayServices {
  /** portico-store */
  db: Database;
  dataDir: string;
  uploadsDir: string;
  outboxDir: string;
  /** portico-connector */
  connector: TicketConnector;
  /** portico-services */
  settings: SettingsStore;
  sessions: SessionStore;
  throttle: SignInThrottle;
  sso: SsoVerifier;
  mailer: Mailer;
  events: EventBus;
  streamLimits: StreamLimits;
  tickets: TicketService;
  /** How much one customer may upload per hour. */
  uploadQuota: UploadQuota;
  publicUrl: string;
  allowedOrigins: string[];
  adminToken: string | null;
}

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FastifyInstance extends GatewayServices {}
  interface FastifyRequest {
    /** The signed-in customer, or null (set by the portico-auth hook). */
    principal: Principal | null;
    /** The admin (console account or the token) on an admin route, or null (set by the portico-auth hook). */
    admin: AdminCaller | null;
    /** What an admin change's audit entry names as its target when the route has no id (plugins/admin.ts). */
    auditTarget: string | null;
    /** The Idempotency-Key of this request, if any (http/idempotency.ts). */
    idempotency: IdempotencyClaim | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route (portico-auth); a route that says nothing is for signed-in customers only. */
    auth?: RouteAccess;
    /** Sign-in style routes: no CSRF token needed, stricter rate limit, no idempotency replay. */
    signIn?: boolean;
    /**
     * Routes that create something and answer through `writeOnce`
     * (http/idempotency.ts): the Idempotency-Key's record commits in the
     * write's own transaction.
     */
    writeOnce?: boolean;
    /** Routes that accept `?access_token=` because browsers cannot send a header there. */
    tokenInQuery?: boolean;
    /** Admin routes: the least role that may call it; a route that says nothing is the site owner's only. */
    adminRole?: AdminRole;
    /** The console's sign-in: open on the admin API (no session yet). */
    adminSignIn?: boolean;
  }
}
