import type { FastifyInstance } from 'fastify';
import { problem } from '../http/problem.js';
import { isPlausibleId } from '../http/text.js';
import { getForm, listForms } from '../store/forms.js';

/** Form schemas are public: the new-ticket form may be shown before sign-in. */
export async function formRoutes(app: FastifyInstance): Promise<void> {
  app.get('/forms', async () => ({ items: await listForms(app.portico.db) }));

  app.get<{ Params: { id: string } }>('/forms/:id', async (req) => {
    const form = isPlausibleId(req.params.id) ? await getForm(app.portico.db, req.params.id) : null;
    if (!form) throw problem.notFound('No such form.');
    return form;
  });
}
