import type { JSONWebKeySet } from 'jose';
import type { TicketConnector } from './connectors/connector.js';
import type { PortalConfigPatch } from './store/settings.js';
import type { SmtpOptions } from './mail/smtp.js';
import type { UploadQuota } from './store/uploads.js';
import type { StreamLimits } from './events/stream-hub.js';

export interface SsoOptions {
  /** HS256 shared secret of the host site. */
  hs256Secret?: string;
  /** RS256: the host site's public keys, inline… */
  jwks?: JSONWebKeySet;
  /** …or fetched from a URL. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Allowed clock difference with the host site (default 30 s, at most 300 s). */
  clockToleranceSeconds?: number;
  /** Reject tokens whose lifetime (exp − iat, or exp − now) exceeds this (default 3600 s). */
  maxLifetimeSeconds?: number;
}

export interface RateLimitOptions {
  /** Requests per minute per session or IP on the protocol (default 600). */
  perMinute: number;
  /** Sign-in, registration and reset requests per minute per IP (default 20). */
  authPerMinute: number;
}

/** Throttling of sign-in failures and of mailed links (server/auth/throttle.ts); never a hard lock. */
export interface LockoutOptions {
  /** Failures per account (e-mail address, known or not) without delay (default 3). */
  freeFailures: number;
  /** Failures per client IP address without delay (default 20). */
  freeFailuresPerIp: number;
  /** The first delay; each further failure doubles it (default 1 s)… */
  baseDelaySeconds: number;
  /** …up to this (default 60 s per account, 300 s per IP address). */
  maxDelaySeconds: number;
  maxDelaySecondsPerIp: number;
  /** Failures are forgotten after this long without one (default 15 min). */
  windowMinutes: number;
  /** Mailed links (sign-in, reset, verification) per address: at most one per cooldown… (default 60 s) */
  mailCooldownSeconds: number;
  /** …and at most this many per hour (default 5). */
  mailsPerHour: number;
}

export interface GatewayOptions {
  /** Files (uploads, outbox) and, without databaseUrl, the PGlite database. Default ./.portico-data. */
  dataDir?: string;
  /** Keep PGlite in memory (tests); files still go to dataDir. */
  inMemory?: boolean;
  /** postgres://… — use a PostgreSQL server instead of PGlite. */
  databaseUrl?: string;
  /** `embedded` (default), `rt`, or a connector instance (tests, other helpdesks). */
  connector?: 'embedded' | 'rt' | TicketConnector;
  /** Environment handed to connectors that read their own settings (rt). */
  env?: NodeJS.ProcessEnv;
  /** Bearer token for /admin/v1; without it the admin API is off. */
  adminToken?: string;
  /** Where people reach the portal (links in e-mail). Default http://127.0.0.1:8787. */
  publicUrl?: string;
  /** Host-site origins allowed by CORS (cross-site embedding). */
  allowedOrigins?: string[];
  /** Settings over the defaults; an admin's stored changes go over these. */
  settings?: PortalConfigPatch;
  sso?: SsoOptions;
  smtp?: SmtpOptions;
  /** false turns rate limiting off (benchmarks). */
  rateLimit?: Partial<RateLimitOptions> | false;
  lockout?: Partial<LockoutOptions>;
  /** Uploads per customer per hour (default 60 files, 100 MiB); unattached ones are dropped within the hour. */
  uploadQuota?: Partial<UploadQuota>;
  /** Open GET /events streams per session, per account and in all on one instance (429 over them). */
  eventStreams?: Partial<StreamLimits>;
  /** JSON body limit in bytes (default 256 KiB). */
  bodyLimitBytes?: number;
  /** Serve demo/ at / and dist/ at /dist/ (default true). */
  serveStatic?: boolean;
  /** Fastify logger (default false). */
  logger?: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy?: boolean;
}

/** Options for the CLI entry from environment variables. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayOptions {
  const list = (v: string | undefined) => (v ? v.split(/[\s,]+/).filter(Boolean) : undefined);
  const sso: SsoOptions = {
    hs256Secret: env.PORTICO_SSO_SECRET || undefined,
    jwksUrl: env.PORTICO_SSO_JWKS_URL || undefined,
    issuer: env.PORTICO_SSO_ISSUER || undefined,
    audience: env.PORTICO_SSO_AUDIENCE || undefined,
  };
  const connector = env.PORTICO_CONNECTOR === 'rt' ? 'rt' : 'embedded';
  return {
    dataDir: env.PORTICO_DATA_DIR || './.portico-data',
    databaseUrl: env.DATABASE_URL || undefined,
    connector,
    env,
    adminToken: env.PORTICO_ADMIN_TOKEN || undefined,
    publicUrl: env.PORTICO_PUBLIC_URL || undefined,
    allowedOrigins: list(env.PORTICO_ALLOWED_ORIGINS),
    sso: sso.hs256Secret || sso.jwksUrl ? sso : undefined,
    smtp: env.PORTICO_SMTP_URL ? { url: env.PORTICO_SMTP_URL, from: env.PORTICO_MAIL_FROM } : undefined,
    trustProxy: env.PORTICO_TRUST_PROXY === '1',
    logger: env.PORTICO_LOG === '1',
  };
}
