import type { FastifyInstance } from 'fastify';

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  app.get('/portal', async () => {
    const { portal } = await app.portico.settings.get();
    return portal;
  });
}
