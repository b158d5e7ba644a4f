import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { customerCookieOptions } from '../auth/request-auth.js';
import { safeEqual, SESSION_COOKIE } from '../auth/sessions.js';
import { PROTOCOL_PREFIX } from '../http/prefixes.js';
import { problem } from '../http/problem.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication as route configuration, checked in this one hook for every
 * route of the app: `config.auth` is `'public'`, `'customer'` (the default, so
 * a route that says nothing is closed to anonymous callers) or `'admin'` (the
 * admin token as bearer).
 *
 * On the protocol, the session is resolved (bearer header, `?access_token=`
 * where the route allows it, or the HttpOnly cookie), unsafe requests from
 * origins that are neither ours nor configured are refused, and cookie
 * sessions need the CSRF token on unsafe requests.
 */
export const authPlugin = fp(
  async (app) => {
    const { sessions, allowedOrigins, adminToken } = app;
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

    async function resolveSession(req: FastifyRequest, reply: FastifyReply): Promise<void> {
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
        reply.clearCookie(SESSION_COOKIE, customerCookieOptions(req));
        return;
      }
      if (unsafe && !req.routeOptions.config.signIn) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, req.principal.csrfToken)) throw problem.csrf();
      }
    }

    app.addHook('onRequest', async (req, reply) => {
      // No route: the not-found handler answers.
      if (req.is404) return;
      const access = req.routeOptions.config.auth ?? 'customer';
      if (access === 'admin') {
        const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
        if (!adminToken || !m || !safeEqual(m[1]!, adminToken)) throw problem.unauthorized('Admin token required.');
        return;
      }
      // Sessions belong to the protocol (the cookie's path); static files need none.
      if (req.routeOptions.url?.startsWith(`${PROTOCOL_PREFIX}/`)) await resolveSession(req, reply);
      if (access === 'customer' && !req.principal) throw problem.unauthorized();
    });
  },
  { name: 'portico-auth', fastify: '5.x', dependencies: ['portico-services'] },
);
