import type { FastifyInstance } from 'fastify';

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  app.get('/portal', { config: { auth: 'public' } }, async () => {
    const { portal } = await app.settings.get();
    return portal;
  });
}
