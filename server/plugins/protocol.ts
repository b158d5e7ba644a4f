import type { FastifyInstance } from 'fastify';
import { rejectUnstorableStrings } from '../http/body-checks.js';
import { installIdempotency } from '../http/idempotency.js';
import { accountRoutes } from '../routes/account.js';
import { articleRoutes } from '../routes/articles.js';
import { chatRoutes } from '../routes/chat.js';
import { eventRoutes } from '../routes/events.js';
import { formRoutes } from '../routes/forms.js';
import { meRoutes } from '../routes/me.js';
import { portalRoutes } from '../routes/portal.js';
import { sessionRoutes } from '../routes/session.js';
import { ticketRoutes } from '../routes/tickets.js';
import { uploadRoutes } from '../routes/uploads.js';

/** The customer protocol (mounted at /portico/v1): text checks, Idempotency-Key, and the routes. */
export async function protocol(api: FastifyInstance): Promise<void> {
  api.addHook('preValidation', rejectUnstorableStrings);
  installIdempotency(api);
  await api.register(portalRoutes);
  await api.register(sessionRoutes);
  await api.register(accountRoutes);
  await api.register(meRoutes);
  await api.register(ticketRoutes);
  await api.register(formRoutes);
  await api.register(articleRoutes);
  await api.register(uploadRoutes);
  await api.register(eventRoutes);
  await api.register(chatRoutes);
}
