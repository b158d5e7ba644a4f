import type { FastifyInstance } from 'fastify';
import { rejectUnstorableStrings } from '../http/body-checks.js';
import { ADMIN_PREFIX } from '../http/prefixes.js';
import { adminAccountRoutes } from '../routes/admin-accounts.js';
import { adminRoutes } from '../routes/admin.js';
import { adminFeedbackRoutes } from '../routes/admin-feedback.js';
import { isPlausibleId } from '../http/text.js';
import { recordAudit } from '../store/admin-accounts.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The agent side (mounted at /admin/v1): every route here needs an admin —
 * a console session or the admin token — whatever it declares, except the
 * console's sign-in. Every change an admin makes (or tries) goes into the
 * audit log before the answer leaves.
 */
export async function admin(api: FastifyInstance): Promise<void> {
  api.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: route.config?.adminSignIn ? 'public' : 'admin' };
  });
  api.decorateRequest('auditTarget', null);
  api.addHook('preValidation', rejectUnstorableStrings);
  api.addHook('onSend', async (req, reply, payload) => {
    if (req.admin && UNSAFE.has(req.method)) {
      const route = (req.routeOptions.url ?? req.url).slice(ADMIN_PREFIX.length);
      const id = (req.params as Record<string, unknown> | undefined)?.id;
      await recordAudit(api.db, {
        actor: req.admin.actor,
        role: req.admin.role,
        action: `${req.method} ${route}`,
        // An id no route would look up (NUL, a lone surrogate) is kept escaped, so the log can
        // store it and the answer already given is not replaced by a database error.
        target: typeof id === 'string' ? (isPlausibleId(id) ? id : JSON.stringify(id)) : req.auditTarget,
        status: reply.statusCode,
        ip: req.ip,
      });
    }
    return payload;
  });
  await api.register(adminAccountRoutes);
  await api.register(adminRoutes);
  await api.register(adminFeedbackRoutes);
}
