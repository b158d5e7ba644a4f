import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ADMIN_COOKIE, createAdmin, signInAdmin } from '../admin/admin-accounts.js';
import { adminCookieOptions } from '../auth/request-auth.js';
import { problem } from '../http/problem.js';
import * as res from '../http/responses.js';
import { adminSchemas, limitOf } from '../http/schemas.js';
import { deleteAdminSession, listAdminAccounts, readAudit } from '../store/admin-accounts.js';

/**
 * The console's accounts: sign-in and sign-out (a session of its own, cookie
 * `portico_admin` on /admin with a CSRF token), the accounts of site owners
 * and agents, and the audit log of every admin action.
 */
export async function adminAccountRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app;

  app.post(
    '/session',
    {
      schema: { body: adminSchemas.signIn, response: { 200: res.adminSession } },
      config: { adminSignIn: true, signIn: true },
    },
    async (req, reply) => {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `${req.protocol}://${req.host}`)
        throw problem.forbidden(`Origin ${origin} is not allowed.`, 'origin-not-allowed');
      const s = await signInAdmin(app, req, req.body.email, req.body.password);
      reply.setCookie(ADMIN_COOKIE, s.token, { ...adminCookieOptions(req), expires: s.expiresAt });
      return { account: s.account, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    },
  );

  /** Who is signed in to the console (also the CSRF token again, after a reload). */
  app.get(
    '/session',
    { schema: { response: { 200: res.adminSession } }, config: { adminRole: 'agent' } },
    async (req) => {
      const { account, csrfToken, expiresAt } = req.admin!;
      if (!account || !csrfToken || !expiresAt) throw problem.badRequest('The admin token has no console session.');
      return { account, csrfToken, expiresAt: expiresAt.toISOString() };
    },
  );

  app.delete('/session', { config: { adminRole: 'agent' } }, async (req, reply) => {
    if (req.admin?.sessionId) await deleteAdminSession(db, req.admin.sessionId);
    reply.clearCookie(ADMIN_COOKIE, adminCookieOptions(req));
    return reply.code(204).send();
  });

  app.get('/accounts', { schema: { response: { 200: res.list(res.adminAccount) } } }, async () => ({
    items: await listAdminAccounts(db),
  }));

  app.post(
    '/accounts',
    { schema: { body: adminSchemas.newAccount, response: { 201: res.adminAccount } } },
    async (req, reply) => reply.code(201).send(await createAdmin(app, req.body)),
  );

  app.get(
    '/audit-log',
    { schema: { querystring: adminSchemas.auditQuery, response: { 200: res.list(res.auditEntry) } } },
    async (req) => ({ items: await readAudit(db, { actor: req.query.actor, limit: limitOf(req.query.limit, 100) }) }),
  );
}
