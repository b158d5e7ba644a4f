import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { matchAcceptLanguage } from '../../src/protocol/index.js';
import * as res from '../http/responses.js';
import { publicPortal } from '../store/settings.js';

export async function portalRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/portal',
    { schema: { response: { 200: res.portalSettings } }, config: { auth: 'public' } },
    async (req, reply) => {
      const { portal } = await app.settings.get();
      // Texts are in the visitor's language: a cache keeps one answer per language.
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language');
      return publicPortal(portal, matchAcceptLanguage(req.headers['accept-language']));
    },
  );
}
