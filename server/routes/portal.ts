import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as res from '../http/responses.js';

export async function portalRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/portal', { schema: { response: { 200: res.portalSettings } }, config: { auth: 'public' } }, async () => {
    const { portal } = await app.settings.get();
    return portal;
  });
}
