import type { FastifyInstance } from 'fastify';
import { problem } from '../http/problem.js';
import { isPlausibleId } from '../http/text.js';
import { getForm, listForms } from '../store/forms.js';

/** Form schemas are public: the new-ticket form may be shown before sign-in. */
export async function formRoutes(app: FastifyInstance): Promise<void> {
  app.get('/forms', { config: { auth: 'public' } }, async () => ({ items: await listForms(app.db) }));

  app.get<{ Params: { id: string } }>('/forms/:id', { config: { auth: 'public' } }, async (req) => {
    const form = isPlausibleId(req.params.id) ? await getForm(app.db, req.params.id) : null;
    if (!form) throw problem.notFound('No such form.');
    return form;
  });
}
