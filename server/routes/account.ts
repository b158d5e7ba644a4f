import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { confirmPasswordReset, register, requestPasswordReset, verifyRegistration } from '../auth/accounts.js';
import * as res from '../http/responses.js';
import { schemas } from '../http/schemas.js';

/** Self-registration (with e-mail verification) and password reset. */
export async function accountRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const signIn = { signIn: true, auth: 'public' } as const;

  app.post(
    '/register',
    { schema: { body: schemas.register, response: { 202: res.sent } }, config: signIn },
    async (req, reply) => {
      await register(app, reply, req.body);
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/register/verify',
    { schema: { body: schemas.verifyEmail, response: { 200: res.session } }, config: signIn },
    async (req, reply) => verifyRegistration(app, req, reply, req.body.token, req.body.mode ?? 'cookie'),
  );

  app.post(
    '/password-reset',
    { schema: { body: schemas.resetRequest, response: { 202: res.sent } }, config: signIn },
    async (req, reply) => {
      await requestPasswordReset(app, reply, req.body.email, req.body.returnTo);
      // The same answer for every address, so nobody learns which ones have an account.
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/password-reset/confirm',
    { schema: { body: schemas.resetConfirm }, config: signIn },
    async (req, reply) => {
      await confirmPasswordReset(app, req, req.body.token, req.body.password);
      return reply.code(204).send();
    },
  );
}
