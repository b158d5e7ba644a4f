import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { problem } from '../http/problem.js';
import * as res from '../http/responses.js';
import { idParams, line } from '../http/schemas.js';
import { isPlausibleId } from '../http/text.js';
import { getArticle, recordArticleFeedback, searchArticles } from '../store/articles.js';

const articleQuery = Type.Object({
  q: Type.Optional(line(200)),
  /** The asker's language: its articles first, its stemming and filler words. */
  locale: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$' })),
  limit: Type.Optional(Type.String({ pattern: '^(?:[1-9]|[1-4]\\d|50)$' })),
});

const feedbackBody = Type.Object({ helpful: Type.Boolean() }, { additionalProperties: false });

/**
 * The knowledge base, public like one: suggestions while someone types
 * (deflection) and the searchable list, one article, and "did this answer
 * your question?" (recorded for the site owner, `GET /admin/v1/articles/feedback`).
 */
export async function articleRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const open = { auth: 'public' } as const;

  app.get(
    '/articles',
    { schema: { querystring: articleQuery, response: { 200: res.list(res.article) } }, config: open },
    async (req) => ({
      items: await searchArticles(app.db, req.query.q?.trim() ?? '', {
        locale: req.query.locale ?? req.principal?.customer.locale ?? 'en',
        limit: req.query.limit ? Number(req.query.limit) : 5,
      }),
    }),
  );

  async function article(id: string) {
    const a = isPlausibleId(id) ? await getArticle(app.db, id) : null;
    if (!a) throw problem.notFound('No such article.');
    return a;
  }

  app.get(
    '/articles/:id',
    { schema: { params: idParams, response: { 200: res.articleDetail } }, config: open },
    async (req) => article(req.params.id),
  );

  app.post(
    '/articles/:id/feedback',
    { schema: { params: idParams, body: feedbackBody }, config: open },
    async (req, reply) => {
      const a = await article(req.params.id);
      await recordArticleFeedback(app.db, a.id, req.body.helpful, req.principal?.customer.id ?? null);
      return reply.code(204).send();
    },
  );
}
