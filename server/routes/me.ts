import type { FastifyInstance } from 'fastify';
import type { ProfileUpdate } from '../../src/protocol/index.js';
import { changePassword } from '../auth/accounts.js';
import { requireUser } from '../auth/request-auth.js';
import { problem } from '../http/problem.js';
import { schemas } from '../http/schemas.js';
import { toUser, updateCustomer } from '../store/customers.js';
import { getOrganization, toOrganization } from '../store/organizations.js';

export async function meRoutes(app: FastifyInstance): Promise<void> {
  app.get('/me', async (req) => {
    const { customer } = requireUser(req);
    const { portal } = await app.portico.settings.get();
    const org =
      customer.organizationId && portal.profile.showOrganizationDetails
        ? await getOrganization(app.portico.db, customer.organizationId)
        : null;
    return {
      ...toUser(customer),
      organizationDetails: org ? toOrganization(org, portal.profile.showAccountManager) : null,
    };
  });

  app.patch<{ Body: ProfileUpdate }>('/me', { schema: { body: schemas.profile } }, async (req) => {
    const { customer } = requireUser(req);
    const { portal } = await app.portico.settings.get();
    if (!portal.profile.editable)
      throw problem.forbidden('This portal does not let you change your profile.', 'profile-locked');
    const name = req.body.name?.trim();
    if (req.body.name !== undefined && !name) throw problem.invalidField('name', 'required');
    const updated = await updateCustomer(app.portico.db, customer.id, {
      name,
      phone: req.body.phone === undefined ? undefined : req.body.phone?.trim() || null,
      locale: req.body.locale,
    });
    return toUser(updated);
  });

  app.post<{ Body: { current: string; next: string } }>(
    '/me/password',
    { schema: { body: schemas.changePassword } },
    async (req, reply) => {
      await changePassword(app, req, requireUser(req), req.body.current, req.body.next);
      return reply.code(204).send();
    },
  );
}
