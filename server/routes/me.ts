import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { changePassword } from '../auth/accounts.js';
import { signedIn } from '../auth/request-auth.js';
import { problem } from '../http/problem.js';
import * as res from '../http/responses.js';
import { schemas } from '../http/schemas.js';
import { toUser, updateCustomer } from '../store/customers.js';
import { mailNotificationsOn, setMailNotifications } from '../store/mail-notices.js';
import { getOrganization, toOrganization } from '../store/organizations.js';

export async function meRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/me', { schema: { response: { 200: res.me } } }, async (req) => {
    const { customer } = signedIn(req);
    const { portal } = await app.settings.get();
    const org =
      customer.organizationId && portal.profile.showOrganizationDetails
        ? await getOrganization(app.db, customer.organizationId)
        : null;
    return {
      ...toUser(customer),
      organizationDetails: org ? toOrganization(org, portal.profile.showAccountManager) : null,
      mailNotifications: await mailNotificationsOn(app.db, customer.id),
    };
  });

  app.patch('/me', { schema: { body: schemas.profile, response: { 200: res.user } } }, async (req) => {
    const { customer } = signedIn(req);
    const { portal } = await app.settings.get();
    // Which mail a person gets is theirs to say, even where the profile itself is locked.
    if (req.body.mailNotifications !== undefined)
      await setMailNotifications(app.db, customer.id, req.body.mailNotifications);
    const { mailNotifications: _, ...profile } = req.body;
    if (!Object.keys(profile).length) return toUser(customer);
    if (!portal.profile.editable)
      throw problem.forbidden('This portal does not let you change your profile.', 'profile-locked');
    const name = req.body.name?.trim();
    if (req.body.name !== undefined && !name) throw problem.invalidField('name', 'required');
    const updated = await updateCustomer(app.db, customer.id, {
      name,
      phone: req.body.phone === undefined ? undefined : req.body.phone?.trim() || null,
      locale: req.body.locale,
    });
    return toUser(updated);
  });

  app.post('/me/password', { schema: { body: schemas.changePassword } }, async (req, reply) => {
    await changePassword(app, req, signedIn(req), req.body.current, req.body.next);
    return reply.code(204).send();
  });
}
