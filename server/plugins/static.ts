import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The demo pages at / and the bundle at /dist/, open to anyone. */
export async function staticFiles(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, auth: 'public' };
  });
  const demo = path.join(ROOT, 'demo');
  const dist = path.join(ROOT, 'dist');
  if (existsSync(demo)) await app.register(fastifyStatic, { root: demo, prefix: '/', index: ['index.html'] });
  if (existsSync(dist)) await app.register(fastifyStatic, { root: dist, prefix: '/dist/', decorateReply: false });
}
