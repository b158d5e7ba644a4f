import type { FastifyInstance } from 'fastify';
import { rejectUnstorableStrings } from '../http/body-checks.js';
import { adminRoutes } from '../routes/admin.js';
import { adminFeedbackRoutes } from '../routes/admin-feedback.js';

/** The agent side (mounted at /admin/v1): every route here needs the admin token. */
export async function admin(api: FastifyInstance): Promise<void> {
  api.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: 'admin' };
  });
  api.addHook('preValidation', rejectUnstorableStrings);
  await api.register(adminRoutes);
  await api.register(adminFeedbackRoutes);
}
