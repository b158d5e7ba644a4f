/**
 * The gateway's static files, served like a CDN would:
 *
 *  - /dist/ — the bundle. Public code that any site's page loads, so it
 *    answers `Access-Control-Allow-Origin: *` (no credentials; the API's
 *    CORS stays an exact allow-list) and lies outside the API rate limit.
 *    Files named by their content (chunks/, locales/: the build hashes them)
 *    are cached for a year, immutable; everything else — portico.js, the one
 *    stable URL — for a few minutes, then revalidated by ETag (304).
 *    Brotli and gzip copies made by the build (.br, .gz) are chosen by
 *    Accept-Encoding.
 *  - / — the demo pages, revalidated on every use, also outside the rate limit.
 *    The console (/admin/) among them may not be framed by any page.
 *
 * To host dist/ on a CDN instead, give it the same three rules (see README).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** portico.js and other unhashed bundle files: a new release reaches pages within five minutes. */
export const SHORT = 'public, max-age=300';
export const DEMO = 'no-cache';

/** Folders of dist/ whose files carry a content hash in their name (rollup.config.mjs). */
const HASHED_DIRS = ['chunks', 'locales'];

export interface StaticFilesOptions {
  /** Defaults to the repository's demo/ and dist/. */
  demoDir?: string;
  distDir?: string;
}

/** The Cache-Control for a file below dist/ (path relative to dist/, precompressed suffix allowed). */
export function distCacheControl(relative: string): string {
  const first = relative.split(/[\\/]/)[0]!;
  return HASHED_DIRS.includes(first) ? IMMUTABLE : SHORT;
}

export async function staticFiles(app: FastifyInstance, opts: StaticFilesOptions = {}): Promise<void> {
  const demo = opts.demoDir ?? path.join(ROOT, 'demo');
  const dist = opts.distDir ?? path.join(ROOT, 'dist');
  const hasDemo = existsSync(demo);
  const hasDist = existsSync(dist);
  if (!hasDemo && !hasDist) return;

  await app.register(fastifyStatic, {
    root: hasDist ? dist : demo,
    serve: false,
    preCompressed: true,
    index: ['index.html'],
    // Cache-Control is ours (setHeaders); ETag and Last-Modified are send's.
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders(reply: FastifyReply, file: string) {
      const relative = path.relative(dist, file);
      if (hasDist && !relative.startsWith('..') && !path.isAbsolute(relative)) {
        reply.header('cache-control', distCacheControl(relative));
        reply.header('access-control-allow-origin', '*');
      } else {
        reply.header('cache-control', DEMO);
      }
    },
  });

  // Outside the rate limit (config.rateLimit) and the API's credentialed CORS (config.cors).
  const config = { rateLimit: false, cors: false } as const;
  const serve = (root: string) => (req: FastifyRequest, reply: FastifyReply) =>
    reply.sendFile((req.params as { '*': string })['*'] || '/', root);
  if (hasDist) app.route({ method: ['GET', 'HEAD'], url: '/dist/*', config, handler: serve(dist) });
  if (hasDemo) app.route({ method: ['GET', 'HEAD'], url: '/*', config, handler: serve(demo) });
  // The console is never framed, not even by the origins that may frame the portal page (clickjacking).
  app.addHook('onSend', async (req, reply) => {
    if (!/^\/admin(?:\/(?!v1\/)|$)/.test(req.url)) return;
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') {
      reply.header('content-security-policy', csp.replace(/frame-ancestors[^;]*/, "frame-ancestors 'none'"));
    }
    reply.header('x-frame-options', 'DENY');
  });
}
