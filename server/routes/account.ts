import type { FastifyInstance } from 'fastify';
import {
  confirmPasswordReset,
  register,
  requestPasswordReset,
  verifyRegistration,
  type RegisterInput,
} from '../auth/accounts.js';
import { schemas } from '../http/schemas.js';

/** Self-registration (with e-mail verification) and password reset. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const signIn = { signIn: true };

  app.post<{ Body: RegisterInput & { mode?: 'cookie' | 'bearer' } }>(
    '/register',
    { schema: { body: schemas.register }, config: signIn },
    async (req, reply) => {
      await register(app, reply, req.body);
      return reply.code(202).send({ sent: true });
    },
  );

  app.post<{ Body: { token: string; mode?: 'cookie' | 'bearer' } }>(
    '/register/verify',
    { schema: { body: schemas.verifyEmail }, config: signIn },
    async (req, reply) => verifyRegistration(app, req, reply, req.body.token, req.body.mode ?? 'cookie'),
  );

  app.post<{ Body: { email: string } }>(
    '/password-reset',
    { schema: { body: schemas.resetRequest }, config: signIn },
    async (req, reply) => {
      await requestPasswordReset(app, reply, req.body.email);
      // The same answer for every address, so nobody learns which ones have an account.
      return reply.code(202).send({ sent: true });
    },
  );

  app.post<{ Body: { token: string; password: string } }>(
    '/password-reset/confirm',
    { schema: { body: schemas.resetConfirm }, config: signIn },
    async (req, reply) => {
      await confirmPasswordReset(app, req, req.body.token, req.body.password);
      return reply.code(204).send();
    },
  );
}
