// Takes the README screenshot: opens the demo page, opens the launcher, signs
// in with a demo account when asked, waits for the ticket list and saves
// docs/screenshot.png.
//
//   node scripts/screenshot.mjs [url] [--out docs/screenshot.png]
//   (default url http://127.0.0.1:8787/ — start the gateway first: npm start)
//
// Env: PORTICO_DEMO_EMAIL / PORTICO_DEMO_PASSWORD (default carol@acme.example / portico-demo).
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.mjs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 ? args.splice(outIndex, 2)[1] : 'docs/screenshot.png');
const url = args[0] ?? 'http://127.0.0.1:8787/';
const email = process.env.PORTICO_DEMO_EMAIL ?? 'carol@acme.example';
const password = process.env.PORTICO_DEMO_PASSWORD ?? 'portico-demo';

const browser = await chromium.launch(launchOptions);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  page.on('pageerror', (err) => console.error(`[page] ${err.message}`));
  await page.goto(url, { waitUntil: 'load' });

  // Playwright's CSS locators pierce open shadow roots.
  // The page first holds the facade's button; its click loads the app and opens the panel.
  const facadeButton = page.locator('portico-launcher-facade [part="button"]');
  await facadeButton.waitFor({ state: 'visible', timeout: 15000 });
  await facadeButton.click();

  const panel = page.locator('portico-chat-launcher [role="dialog"]');
  await panel.waitFor({ state: 'visible', timeout: 10000 });
  const row = panel.locator('portico-ticket-list [part="row"]').first();
  const signIn = panel.locator('portico-sign-in [part="form"]').first();
  await Promise.race([
    row.waitFor({ state: 'visible', timeout: 15000 }),
    signIn.waitFor({ state: 'visible', timeout: 15000 }),
  ]);
  if (await signIn.isVisible()) {
    await signIn.locator('input[name="email"]').fill(email);
    await signIn.locator('input[name="password"]').fill(password);
    await signIn.locator('[part="submit"]').click();
  }
  await row.waitFor({ state: 'visible', timeout: 15000 });
  // Let fonts and the panel's placement settle before the shot.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);

  await mkdir(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} catch (err) {
  console.error(`screenshot failed: ${err instanceof Error ? err.message : err}`);
  console.error(`Is the gateway running at ${url}? (npm start)`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
