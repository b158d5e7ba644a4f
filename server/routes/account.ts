import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { logAccess } from '../auth/access-log.js';
import { issueAuthToken, redeemAuthToken } from '../auth/auth-tokens.js';
import { hashPassword, passwordIssue } from '../auth/passwords.js';
import { startSession } from '../auth/sign-in.js';
import { fieldIssue, problem } from '../http/problem.js';
import * as res from '../http/responses.js';
import { schemas } from '../http/schemas.js';
import { createCustomer, findCustomerByEmail, findCustomerById, updateCustomer } from '../store/customers.js';

const RESET_MINUTES = 60;

/** Self-registration and password reset. */
export async function accountRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const signIn = { signIn: true, auth: 'public' } as const;

  app.post(
    '/register',
    { schema: { body: schemas.register, response: { 201: res.session } }, config: signIn },
    async (req, reply) => {
      const { db, settings } = app;
      const { portal, server } = await settings.get();
      if (!portal.registration.enabled)
        throw problem.forbidden('Registration is turned off for this portal.', 'registration-closed');
      const errors = [];
      const pw = passwordIssue('password', req.body.password);
      if (pw) errors.push(pw);
      if (portal.registration.consentText && req.body.consent !== true)
        errors.push(fieldIssue('consent', 'consent-required'));
      if (errors.length) throw problem.invalid(errors);
      // An address we already know (a contact, or an account) is never taken over by registering.
      if (await findCustomerByEmail(db, req.body.email)) {
        throw problem.conflict(
          'This address is known already. Sign in, or ask for a sign-in link or a new password.',
          'email-taken',
        );
      }
      const customer = await createCustomer(
        db,
        {
          email: req.body.email,
          name: req.body.name,
          locale: req.body.locale ?? null,
          role: 'user',
          passwordHash: await hashPassword(req.body.password),
          portalAccess: true,
        },
        server.autoCreateOrganizations,
      );
      await logAccess(db, req, {
        event: 'registered',
        method: 'register',
        email: customer.email,
        customerId: customer.id,
      });
      const session = await startSession(app, req, reply, customer, req.body.mode ?? 'cookie', 'register');
      return reply.code(201).send(session);
    },
  );

  app.post(
    '/password-reset',
    { schema: { body: schemas.resetRequest, response: { 202: res.sent } }, config: signIn },
    async (req, reply) => {
      const { db, mailer, publicUrl, settings } = app;
      const customer = await findCustomerByEmail(db, req.body.email);
      if (customer?.portalAccess) {
        const { portal } = await settings.get();
        const token = await issueAuthToken(db, 'reset', customer.id, RESET_MINUTES);
        await mailer.send({
          to: customer.email,
          subject: `Choose a new password for ${portal.name}`,
          text: `Hello ${customer.name},\n\nChoose a new password with this link (valid for an hour, once):\n\n${publicUrl}/?portico_reset=${token}\n\nDid not ask for it? Then ignore this e-mail; your password stays as it is.\n`,
        });
      }
      // The same answer for every address, so nobody learns which ones have an account.
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/password-reset/confirm',
    { schema: { body: schemas.resetConfirm }, config: signIn },
    async (req, reply) => {
      const { db, sessions, throttle } = app;
      const pw = passwordIssue('password', req.body.password);
      if (pw) throw problem.invalid([pw]);
      const customerId = await redeemAuthToken(db, 'reset', req.body.token);
      const customer = customerId ? await findCustomerById(db, customerId) : null;
      if (!customer) {
        await logAccess(db, req, { event: 'sign-in-failed', method: 'reset', detail: 'bad or used reset token' });
        throw problem.invalid([fieldIssue('token', 'invalid')], 'This link is not valid any more.', 'link-invalid');
      }
      await updateCustomer(db, customer.id, {
        passwordHash: await hashPassword(req.body.password),
        portalAccess: true,
      });
      await sessions.revokeAll(customer.id);
      await throttle.clear(customer.email);
      await logAccess(db, req, {
        event: 'password-reset',
        method: 'reset',
        email: customer.email,
        customerId: customer.id,
      });
      return reply.code(204).send();
    },
  );
}
