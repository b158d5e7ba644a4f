import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as res from '../http/responses.js';
import { searchQuery } from '../http/schemas.js';
import { searchArticles } from '../store/articles.js';

/** Knowledge suggestions while someone types (deflection). Public, like a knowledge base. */
export async function articleRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/articles',
    { schema: { querystring: searchQuery, response: { 200: res.list(res.article) } }, config: { auth: 'public' } },
    async (req) => ({ items: await searchArticles(app.db, req.query.q?.trim() ?? '') }),
  );
}
