/**
 * The README's script tag on a page of another origin, loading the bundle and
 * talking to the gateway directly (no proxy): the only gateway setting is
 * the page's origin in allowedOrigins. Bearer mode there keeps the session
 * across a reload. And the launcher never fails silently when the app cannot
 * be loaded. (Another *site*, behind TLS: cross-site.e2e.test.ts.)
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  BUNDLE,
  connectorFromEnv,
  createTicketAs,
  type Gateway,
  launchBrowser,
  openLauncher,
  openPage,
  type OpenedPage,
  RUN,
  signInThroughPanel,
  startGateway,
  unexpectedProblems,
  waitForAccessible,
} from './harness.js';
import { hostPage, type HostSite, startHostSite } from './host-pages.js';

const skip = connectorFromEnv() === 'embedded' ? false : 'embedding tests run with the embedded connector only';
const CAROL = 'carol@acme.example';

describe('the script tag on another origin', { skip }, () => {
  let gw: Gateway;
  let site: HostSite;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector: 'embedded' }), launchBrowser()]);
    site = await startHostSite(gw.origin);
    // The site's origin is known only once it listens: the one setting a site owner makes.
    gw.app.allowedOrigins.push(site.origin);
  });

  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    await gw?.close();
  });

  test('the bundle from the gateway, on a page of another origin: opens, signs in, and an agent reply arrives live', async () => {
    const snippet = `<script src="${gw.origin}/dist/portico.js" data-backend="${gw.origin}/portico/v1" async></script>`;
    site.set('/shop.html', { html: hostPage('Shop', snippet) });
    const ticket = await createTicketAs(gw.origin, CAROL, `Parcel never arrived [e2e ${RUN}]`);
    const o = await openPage(browser, `${site.origin}/shop.html`);
    opened.push(o);
    const { page, problems } = o;
    const live = page.waitForResponse(
      (r) => r.url().startsWith(`${gw.origin}/portico/v1/events`) && r.status() === 200,
      { timeout: 15_000 },
    );
    live.catch(() => {});
    await openLauncher(page);
    await signInThroughPanel(page, CAROL);
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: new RegExp(`Parcel never arrived \\[e2e ${RUN}\\]`) }).click();
    const detail = dialog.locator('portico-ticket-detail');
    await detail.getByRole('heading', { name: 'Conversation' }).waitFor();
    await live;
    const answer = `It is at the depot; it comes tomorrow (${RUN}).`;
    await gw.agent.reply(ticket.id, answer);
    await detail.locator('[part~="message"]', { hasText: answer }).waitFor({ timeout: 10_000 });
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('plain http on loopback, bearer mode: a reload keeps the session (a SameSite=Lax refresh cookie)', async () => {
    const snippet = `<script src="${gw.origin}/dist/portico.js" data-backend="${gw.origin}/portico/v1" data-auth-mode="bearer" async></script>`;
    site.set('/bearer.html', { html: hostPage('Shop', snippet) });
    const subject = `Invoice address wrong [e2e ${RUN}]`;
    await createTicketAs(gw.origin, CAROL, subject);
    const o = await openPage(browser, `${site.origin}/bearer.html`);
    opened.push(o);
    const { page, problems } = o;
    await openLauncher(page);
    await signInThroughPanel(page, CAROL);
    const row = page
      .getByRole('dialog')
      .getByRole('button', { name: new RegExp(`Invoice address wrong \\[e2e ${RUN}\\]`) });
    await row.waitFor();
    const [cookie] = (await o.context.cookies()).filter((c) => c.name === 'portico_refresh');
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal(cookie?.httpOnly, true);
    await page.reload();
    await openLauncher(page);
    await row.waitFor();
    assert.equal(await page.getByRole('dialog').getByLabel('Password', { exact: true }).count(), 0, 'no sign-in form');
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('when the app cannot load, the button says so and the console names the setting', async () => {
    // portico.js copied to a place without the rest of dist/: its app file is not there.
    site.set('/copied/portico.js', {
      html: readFileSync(BUNDLE, 'utf8'),
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    });
    site.set('/copied.html', {
      html: hostPage(
        'Copied',
        `<script src="/copied/portico.js" data-backend="${gw.origin}/portico/v1" async></script>`,
      ),
    });
    const o = await openPage(browser, `${site.origin}/copied.html`);
    opened.push(o);
    const { page, problems } = o;
    await waitForAccessible(page, 'button', 'Open support');
    await page.locator('portico-launcher-facade').locator('button').click();
    await waitForAccessible(page, 'button', 'Support could not load. Try again');
    const label = page.locator('portico-launcher-facade').locator('[part="label"]');
    assert.ok(((await label.boundingBox())?.width ?? 0) > 50, 'the failure is visible, not only announced');
    const reported = problems.consoleErrors.filter((e) => e.startsWith('[Portico] could not load the app'));
    assert.equal(reported.length, 1, `console: ${problems.consoleErrors.join(' | ')}`);
    assert.match(reported[0]!, /<script src>/);
    assert.match(reported[0]!, /\/copied\/chunks\/portico-app-[\w-]+\.js/);
  });
});
