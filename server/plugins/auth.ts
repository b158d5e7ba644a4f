import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ADMIN_COOKIE } from '../admin/admin-accounts.js';
import { adminCookieOptions, customerCookieOptions } from '../auth/request-auth.js';
import { safeEqual, SESSION_COOKIE } from '../auth/sessions.js';
import { PROTOCOL_PREFIX } from '../http/prefixes.js';
import { problem } from '../http/problem.js';
import { resolveAdminSession } from '../store/admin-accounts.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication as route configuration, checked in this one hook for every
 * route of the app: `config.auth` is `'public'`, `'customer'` (the default, so
 * a route that says nothing is closed to anonymous callers) or `'admin'` (a
 * console session — its own cookie, never a customer's, with its CSRF token —
 * or the admin token as bearer, for automation). Admin routes name the least
 * role that may call them (`config.adminRole`, the site owner's by default).
 *
 * On the protocol, the session is resolved (bearer header, `?access_token=`
 * where the route allows it, or the HttpOnly cookie), unsafe requests from
 * origins that are neither ours nor configured are refused, and cookie
 * sessions need the CSRF token on unsafe requests.
 */
export const authPlugin = fp(
  async (app) => {
    const { sessions, allowedOrigins, adminToken, db, settings } = app;
    app.decorateRequest('principal', null);
    app.decorateRequest('admin', null);
    // Nothing said to a signed-in person, to a request that carried credentials or to a sign-in call is kept by a cache.
    app.addHook('onSend', async (req, reply, payload) => {
      const credentials =
        req.headers.authorization !== undefined || !!req.cookies[SESSION_COOKIE] || !!req.cookies[ADMIN_COOKIE];
      if (
        !reply.hasHeader('cache-control') &&
        (req.principal || credentials || req.routeOptions.config.signIn || reply.hasHeader('set-cookie'))
      )
        reply.header('cache-control', 'no-store');
      return payload;
    });

    function checkOrigin(req: FastifyRequest, allowed: readonly string[]): void {
      const origin = req.headers.origin;
      if (UNSAFE.has(req.method) && origin !== undefined) {
        const own = `${req.protocol}://${req.host}`;
        if (origin !== own && !allowed.includes(origin))
          throw problem.forbidden(`Origin ${origin} is not allowed.`, 'origin-not-allowed');
      }
    }

    /** The bearer admin token, or a console session (own cookie + CSRF, same origin only); then the role. */
    async function resolveAdmin(req: FastifyRequest, reply: FastifyReply): Promise<void> {
      const authz = req.headers.authorization;
      if (authz !== undefined) {
        const m = /^Bearer\s+(\S+)$/i.exec(authz);
        if (!adminToken || !m || !safeEqual(m[1]!, adminToken)) throw problem.unauthorized('Admin token required.');
        req.admin = { actor: 'token', role: 'owner', account: null, sessionId: null, csrfToken: null, expiresAt: null };
      } else {
        const cookie = req.cookies[ADMIN_COOKIE];
        const { server } = await settings.get();
        const s = cookie ? await resolveAdminSession(db, cookie, server.sessionIdleMinutes) : null;
        if (!s) {
          if (cookie) reply.clearCookie(ADMIN_COOKIE, adminCookieOptions(req));
          throw problem.unauthorized('Sign in to the console, or send the admin token.');
        }
        // The console is the gateway's own page: no other origin sends its cookie.
        checkOrigin(req, []);
        if (UNSAFE.has(req.method)) {
          const sent = req.headers['x-csrf-token'];
          if (typeof sent !== 'string' || !safeEqual(sent, s.csrfToken)) throw problem.csrf();
        }
        req.admin = {
          actor: s.account.email,
          role: s.account.role,
          account: s.account,
          sessionId: s.sessionId,
          csrfToken: s.csrfToken,
          expiresAt: s.expiresAt,
        };
      }
      const needed = req.routeOptions.config.adminRole ?? 'owner';
      if (needed === 'owner' && req.admin.role !== 'owner')
        throw problem.forbidden('Only a site owner may do this.', 'scope-forbidden');
    }

    async function resolveSession(req: FastifyRequest, reply: FastifyReply): Promise<void> {
      const unsafe = UNSAFE.has(req.method);
      checkOrigin(req, allowedOrigins);

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
      if (access === 'admin') return resolveAdmin(req, reply);
      // Sessions belong to the protocol (the cookie's path); static files need none.
      if (req.routeOptions.url?.startsWith(`${PROTOCOL_PREFIX}/`)) await resolveSession(req, reply);
      if (access === 'customer' && !req.principal) throw problem.unauthorized();
    });
  },
  { name: 'portico-auth', fastify: '5.x', dependencies: ['portico-services'] },
);
