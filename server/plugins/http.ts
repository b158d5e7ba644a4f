import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashToken, REFRESH_COOKIE, SESSION_COOKIE } from '../auth/sessions.js';
import type { GatewayOptions, RateLimitOptions } from '../config.js';
import { installProblemHandlers, problem } from '../http/problem.js';
import { EVENT_CURSOR_HEADER } from '../../src/protocol/index.js';

export type HttpOptions = Pick<GatewayOptions, 'rateLimit'> & { maxUploadBytes: number };

/** Identifies a client for rate limiting: its session when it has one, else its address. */
function rateLimitKey(req: FastifyRequest): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ?? req.cookies?.[SESSION_COOKIE] ?? req.cookies?.[REFRESH_COOKIE];
  return token ? `s:${hashToken(token).slice(0, 32)}` : `ip:${req.ip}`;
}

/**
 * HTTP around every route: problem+json for every error (the one error
 * handler), security headers, cookies, CORS for the configured origins, rate
 * limits (stricter on sign-in routes) and multipart uploads.
 */
export const httpPlugin = fp<HttpOptions>(
  async (app, opts) => {
    installProblemHandlers(app);
    // JSON only: a text/plain body on a JSON route is 415, not a string that fails validation.
    app.removeContentTypeParser('text/plain');

    const limits: RateLimitOptions | null =
      opts.rateLimit === false ? null : { perMinute: 600, authPerMinute: 20, ...opts.rateLimit };
    // Sign-in style routes get the stricter per-address limit (set before rate-limit sees the route),
    // unless they bring their own.
    app.addHook('onRoute', (route) => {
      if (limits && route.config?.signIn && !route.config.rateLimit) {
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
          frameAncestors: ["'self'", ...app.allowedOrigins],
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
      origin: (origin, cb) => cb(null, !!origin && app.allowedOrigins.includes(origin)),
      credentials: true,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: [
        'Content-Type',
        'Authorization',
        'X-CSRF-Token',
        'Idempotency-Key',
        'Last-Event-ID',
        'Accept-Language',
      ],
      exposedHeaders: ['Idempotent-Replayed', 'Retry-After', EVENT_CURSOR_HEADER],
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
      limits: { fileSize: opts.maxUploadBytes, files: 1, fields: 5, parts: 6 },
    });
  },
  { name: 'portico-http', fastify: '5.x', dependencies: ['portico-services'] },
);
