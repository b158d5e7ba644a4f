import type { SignInThrottle } from './auth/throttle.js';
import type { Principal, SessionStore } from './auth/sessions.js';
import type { SsoVerifier } from './auth/sso.js';
import type { TicketConnector } from './connectors/connector.js';
import type { Database } from './db/database.js';
import type { EventBus } from './events/event-bus.js';
import type { StreamLimits } from './events/stream-hub.js';
import type { Mailer } from './mail/mailer.js';
import type { SettingsStore } from './store/settings.js';
import type { TicketService } from './tickets/ticket-service.js';

/** Who may call a route: anyone, a signed-in customer (the default), or the agent side with the admin token. */
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
    /** The Idempotency-Key record this request fills in, if any. */
    idempotency: { scope: string; key: string } | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route (portico-auth); a route that says nothing is for signed-in customers only. */
    auth?: RouteAccess;
    /** Sign-in style routes: no CSRF token needed, stricter rate limit, no idempotency replay. */
    signIn?: boolean;
    /** Routes that accept `?access_token=` because browsers cannot send a header there. */
    tokenInQuery?: boolean;
  }
}
