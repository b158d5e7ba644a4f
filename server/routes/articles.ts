import type { FastifyInstance } from 'fastify';
import { textParam } from '../http/query.js';
import { searchArticles } from '../store/articles.js';

/** Knowledge suggestions while someone types (deflection). Public, like a knowledge base. */
export async function articleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/articles', { config: { auth: 'public' } }, async (req) => {
    const q = textParam(req.query as Record<string, unknown>, 'q');
    return { items: await searchArticles(app.db, q) };
  });
}
