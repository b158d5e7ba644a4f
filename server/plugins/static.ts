import type { FastifyInstance } from 'fastify';
import { staticFiles as bundleAndDemo } from '../http/static-files.js';

/**
 * The demo pages at / and the bundle at /dist/, open to anyone. How they are
 * served (hashed names, caching, precompression, CORS) is server/http/static-files.ts.
 */
export async function staticFiles(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: 'public' };
  });
  await app.register(bundleAndDemo);
}
