import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { logAccess } from '../auth/access-log.js';
import { customerCookieOptions, REFRESH_COOKIE_PATH, signedIn } from '../auth/request-auth.js';
import { REFRESH_COOKIE, SESSION_COOKIE, toSession } from '../auth/sessions.js';
import { magicSignIn, passwordSignIn, requestMagicLink, ssoSignIn, startSession } from '../auth/sign-in.js';
import { fieldIssue, problem } from '../http/problem.js';
import * as res from '../http/responses.js';
import { schemas } from '../http/schemas.js';

export async function sessionRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const signIn = { signIn: true, auth: 'public' } as const;

  app.get('/session', { schema: { response: { 200: res.session } } }, async (req) => toSession(signedIn(req)));

  app.post(
    '/session',
    { schema: { body: schemas.signIn, response: { 200: res.session, 202: res.sent } }, config: signIn },
    async (req, reply) => {
      const { email, password, magicLink, magicToken, mode = 'cookie', returnTo } = req.body;
      const { portal } = await app.settings.get();
      if (magicLink) {
        if (password !== undefined || magicToken !== undefined) {
          throw problem.badRequest('Ask for a link or sign in, not both.', [fieldIssue('magicLink', 'invalid')]);
        }
        if (!portal.loginMethods.includes('magic-link'))
          throw problem.forbidden('Sign-in links are turned off.', 'method-disabled');
        await requestMagicLink(app, reply, email, returnTo);
        return reply.code(202).send({ sent: true });
      }
      if (magicToken !== undefined) {
        if (!portal.loginMethods.includes('magic-link'))
          throw problem.forbidden('Sign-in links are turned off.', 'method-disabled');
        const customer = await magicSignIn(app, req, email, magicToken);
        return startSession(app, req, reply, customer, mode, 'magic-link');
      }
      if (password === undefined) throw problem.invalidField('password', 'required');
      if (!portal.loginMethods.includes('password'))
        throw problem.forbidden('Password sign-in is turned off.', 'method-disabled');
      const customer = await passwordSignIn(app, req, email, password);
      return startSession(app, req, reply, customer, mode, 'password');
    },
  );

  app.post(
    '/session/sso',
    { schema: { body: schemas.sso, response: { 200: res.session } }, config: signIn },
    async (req, reply) => {
      const customer = await ssoSignIn(app, req, req.body.jwt);
      return startSession(app, req, reply, customer, req.body.mode ?? 'cookie', 'sso');
    },
  );

  app.delete('/session', { config: { auth: 'public' } }, async (req, reply) => {
    const p = req.principal;
    if (p) {
      await app.sessions.revoke(p.sessionId);
      await logAccess(app.db, req, {
        event: 'sign-out',
        method: 'session',
        email: p.customer.email,
        customerId: p.customer.id,
      });
    }
    reply.clearCookie(SESSION_COOKIE, customerCookieOptions(req));
    reply.clearCookie(REFRESH_COOKIE, customerCookieOptions(req, REFRESH_COOKIE_PATH));
    return reply.code(204).send();
  });

  // Bearer mode after a reload: the HttpOnly refresh cookie gives the page its session's token again.
  // Every page load asks, and a guess is hopeless (32 random bytes): the general limit, per cookie.
  app.post(
    '/session/refresh',
    { schema: { response: { 200: res.session } }, config: { ...signIn, rateLimit: {} } },
    async (req, reply) => {
      const token = req.cookies[REFRESH_COOKIE];
      const principal = token ? await app.sessions.resolve(token, 'bearer') : null;
      if (!principal) {
        if (token) reply.clearCookie(REFRESH_COOKIE, customerCookieOptions(req, REFRESH_COOKIE_PATH));
        throw problem.unauthorized('No session to resume.', 'session-expired');
      }
      return toSession(principal, token);
    },
  );
}
