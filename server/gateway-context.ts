import type { SignInThrottle } from './auth/throttle.js';
import type { Principal, SessionStore } from './auth/sessions.js';
import type { SsoVerifier } from './auth/sso.js';
import type { TicketConnector } from './connectors/connector.js';
import type { Database } from './db/database.js';
import type { EventBus } from './events/event-bus.js';
import type { Mailer } from './mail/mailer.js';
import type { SettingsStore } from './store/settings.js';
import type { TicketService } from './tickets/ticket-service.js';

/** Everything a route needs, hung on the Fastify instance as `app.portico`. */
export interface GatewayContext {
  db: Database;
  connector: TicketConnector;
  settings: SettingsStore;
  sessions: SessionStore;
  throttle: SignInThrottle;
  sso: SsoVerifier;
  mailer: Mailer;
  events: EventBus;
  tickets: TicketService;
  dataDir: string;
  uploadsDir: string;
  outboxDir: string;
  publicUrl: string;
  allowedOrigins: string[];
  adminToken: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    portico: GatewayContext;
  }
  interface FastifyRequest {
    /** The signed-in customer, or null (set by the protocol's auth hook). */
    principal: Principal | null;
    /** The Idempotency-Key record this request fills in, if any. */
    idempotency: { scope: string; key: string } | null;
  }
  interface FastifyContextConfig {
    /** Sign-in style routes: no CSRF token needed, stricter rate limit, no idempotency replay. */
    signIn?: boolean;
    /** Routes that accept `?access_token=` because browsers cannot send a header there. */
    tokenInQuery?: boolean;
  }
}
