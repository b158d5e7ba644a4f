import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formAvailableTo } from '../../src/protocol/index.js';
import { problem } from '../http/problem.js';
import * as res from '../http/responses.js';
import { idParams } from '../http/schemas.js';
import { isPlausibleId } from '../http/text.js';
import { getForm, listForms } from '../store/forms.js';

/**
 * Form schemas are public: the new-ticket form may be shown before sign-in.
 * A form the site owner offers only to some organisations is listed and
 * served to their members only; to anyone else it does not exist.
 */
export async function formRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const open = { auth: 'public' } as const;
  const organizationOf = (req: FastifyRequest) => req.principal?.customer.organizationId ?? null;
  app.get('/forms', { schema: { response: { 200: res.list(res.formSummary) } }, config: open }, async (req) => ({
    items: await listForms(app.db, organizationOf(req)),
  }));

  app.get('/forms/:id', { schema: { params: idParams, response: { 200: res.form } }, config: open }, async (req) => {
    const form = isPlausibleId(req.params.id) ? await getForm(app.db, req.params.id) : null;
    if (!form || !formAvailableTo(form, organizationOf(req))) throw problem.notFound('No such form.');
    return form;
  });
}
