import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problem } from '../http/problem.js';
import { safeEqual, SESSION_COOKIE, type Principal } from './sessions.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function cookieOptions(req: FastifyRequest) {
  return {
    path: '/portico/v1',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure everywhere except plain http on loopback (the demo), where browsers would drop it.
    secure: !(req.protocol === 'http' && isLoopback(req.hostname.replace(/:\d+$/, ''))),
  };
}

export function requireUser(req: FastifyRequest): Principal {
  if (!req.principal) throw problem.unauthorized();
  return req.principal;
}

/**
 * Resolves the session (bearer header, or the HttpOnly cookie), refuses
 * unsafe requests from origins that are neither ours nor configured, and
 * requires the CSRF token on unsafe requests in cookie mode.
 */
export function installRequestAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  // Nothing said to a signed-in person, to a request that carried credentials or to a sign-in call is kept by a cache.
  app.addHook('onSend', async (req, reply, payload) => {
    const credentials = req.headers.authorization !== undefined || !!req.cookies[SESSION_COOKIE];
    if (
      !reply.hasHeader('cache-control') &&
      (req.principal || credentials || req.routeOptions.config.signIn || reply.hasHeader('set-cookie'))
    )
      reply.header('cache-control', 'no-store');
    return payload;
  });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const { sessions, allowedOrigins } = app.portico;
    const unsafe = UNSAFE.has(req.method);
    const origin = req.headers.origin;
    if (unsafe && origin !== undefined) {
      const own = `${req.protocol}://${req.host}`;
      if (origin !== own && !allowedOrigins.includes(origin))
        throw problem.forbidden(`Origin ${origin} is not allowed.`, 'origin-not-allowed');
    }

    const authz = req.headers.authorization;
    const queryToken = req.routeOptions.config.tokenInQuery
      ? (req.query as Record<string, unknown> | undefined)?.access_token
      : undefined;
    if (authz !== undefined || typeof queryToken === 'string') {
      const m = /^Bearer\s+(\S+)$/i.exec(authz ?? '');
      const token = m?.[1] ?? (typeof queryToken === 'string' ? queryToken : '');
      req.principal = await sessions.resolve(token, 'bearer');
      // A bearer token that does not work is an error, not "signed out": the client must know.
      if (!req.principal && !req.routeOptions.config.signIn)
        throw problem.unauthorized('The session token is unknown or expired.', 'session-expired');
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    req.principal = await sessions.resolve(cookie, 'cookie');
    if (!req.principal) {
      reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
      return;
    }
    if (unsafe && !req.routeOptions.config.signIn) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, req.principal.csrfToken)) throw problem.csrf();
    }
  });
}
