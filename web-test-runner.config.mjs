import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { readFile } from 'node:fs/promises';
import { launchOptions } from './scripts/chromium.mjs';

const MSW_WORKER = new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url);

/** msw's service worker must sit at the root scope: serve it at /mockServiceWorker.js. */
async function serveMockServiceWorker(ctx, next) {
  if (ctx.path !== '/mockServiceWorker.js') return next();
  ctx.type = 'application/javascript';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = await readFile(MSW_WORKER, 'utf8');
}

export default {
  files: ['test/components/**/*.test.ts'],
  nodeResolve: { browser: true },
  middleware: [serveMockServiceWorker],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions })],
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
};
