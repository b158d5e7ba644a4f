/**
 * The README's script tag, verbatim but for its URLs, on a page of another
 * *site* than the gateway — the page on http://127.0.0.1, the gateway at
 * https://localhost behind a TLS proxy — in a Chromium that blocks
 * third-party cookies, the way browsers are heading. In cookie mode and in
 * bearer mode: open, sign in, list, detail, reply, an agent's reply arriving
 * live, and a reload that keeps the visitor signed in. The only gateway
 * setting is the page's origin.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { templates } from '../../src/locales/nl.js';
import {
  clickAccessible,
  connectorFromEnv,
  createTicketAs,
  DEMO_PASSWORD,
  type Gateway,
  launchBrowser,
  openPage,
  type OpenedPage,
  ROOT,
  RUN,
  startGateway,
  unexpectedProblems,
} from './harness.js';
import { hostPage, type HostSite, startHostSite } from './host-pages.js';
import { startTlsProxy, type TlsProxy } from './tls-proxy.js';

const skip = connectorFromEnv() === 'embedded' ? false : 'embedding tests run with the embedded connector only';
const CAROL = 'carol@acme.example';
/** The snippet says data-locale="nl": the visitor sees Dutch. */
const nl = (id: string) => {
  const text = templates[id];
  if (typeof text !== 'string') throw new Error(`no Dutch string ${id}`);
  return text;
};

/** The README's "One script tag" snippet, as a site owner copies it. */
function readmeSnippet(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = /## One script tag\s+```html\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('README.md has no "One script tag" snippet');
  return m[1]!;
}

describe('the README snippet on another site, with third-party cookies blocked', { skip }, () => {
  let gw: Gateway;
  let tls: TlsProxy;
  let site: HostSite;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  before(async () => {
    [gw, browser] = await Promise.all([
      startGateway({ connector: 'embedded', trustProxy: true }),
      launchBrowser(['--ignore-certificate-errors', '--test-third-party-cookie-phaseout']),
    ]);
    tls = await startTlsProxy(gw.origin);
    site = await startHostSite(gw.origin);
    // The one setting a site owner makes: the page's origin.
    gw.app.allowedOrigins.push(site.origin);
    const snippet = readmeSnippet().replaceAll('https://support.example.com', tls.origin);
    assert.notEqual(snippet, readmeSnippet(), 'the snippet names the gateway by URL');
    site.set('/cookie.html', { html: hostPage('Shop', snippet) });
    site.set('/bearer.html', {
      html: hostPage('Shop', snippet.replace(/\n(\s*)async/, '\n$1data-auth-mode="bearer"\n$1async')),
    });
  });

  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    await tls?.close();
    await gw?.close();
  });

  const live = (page: Page) => {
    const stream = page.waitForResponse(
      (r) => r.url().startsWith(`${tls.origin}/portico/v1/events`) && r.status() === 200,
      { timeout: 15_000 },
    );
    stream.catch(() => {});
    return stream;
  };

  async function openPanel(page: Page) {
    await clickAccessible(page, 'button', nl('launcher.open'));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor({ state: 'visible' });
    return dialog;
  }

  for (const mode of ['cookie', 'bearer'] as const) {
    test(`${mode} mode: sign in, list, detail, reply, a live agent reply, and a reload keeps the session`, async () => {
      const subject = `Order arrived damaged (${mode}) [e2e ${RUN}]`;
      const ticket = await createTicketAs(gw.origin, CAROL, subject);
      const o = await openPage(browser, `${site.origin}/${mode}.html`);
      opened.push(o);
      const { page, context, problems } = o;
      assert.notEqual(new URL(site.origin).hostname, new URL(tls.origin).hostname, 'page and gateway are two sites');

      const stream = live(page);
      let dialog = await openPanel(page);
      const signedIn = page.waitForResponse(
        (r) => r.url() === `${tls.origin}/portico/v1/session` && r.request().method() === 'POST',
      );
      await dialog.getByLabel(nl('signIn.email')).fill(CAROL);
      await dialog.getByLabel(nl('signIn.password'), { exact: true }).fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: nl('signIn.submit'), exact: true }).click();
      const answer = await signedIn;
      assert.equal(answer.status(), 200);
      const setCookie = (await answer.allHeaders())['set-cookie'] ?? '';
      const cookieName = mode === 'cookie' ? 'portico_session' : 'portico_refresh';
      assert.match(setCookie, new RegExp(`^${cookieName}=`), setCookie);
      for (const attr of [/; Secure/i, /; SameSite=None/i, /; Partitioned/i, /; HttpOnly/i])
        assert.match(setCookie, attr, setCookie);

      // List and detail.
      const row = dialog.getByRole('button', { name: new RegExp(subject.replace(/[()[\]]/g, '\\$&')) });
      await row.click();
      let detail = dialog.locator('portico-ticket-detail');
      await detail.getByRole('heading', { name: nl('tickets.detail.conversation') }).waitFor();
      await stream;

      // A reply from the visitor, then one from the agent, arriving live.
      const mine = `Photos of the box are attached to the courier's form (${mode} ${RUN}).`;
      await detail.getByLabel(nl('tickets.detail.replyLabel')).fill(mine);
      await detail.getByRole('button', { name: nl('tickets.detail.send') }).click();
      await detail.locator('[part~="message"]', { hasText: mine }).waitFor();
      const agent = `A replacement leaves the warehouse today (${mode} ${RUN}).`;
      await gw.agent.reply(ticket.id, agent);
      await detail.locator('[part~="message"]', { hasText: agent }).waitFor({ timeout: 10_000 });

      if (mode === 'bearer') {
        const { token } = (await answer.json()) as { token: string };
        const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
        assert.ok(!stored.includes(token), 'the bearer token is in neither localStorage nor sessionStorage');
      }

      // The reload: still signed in, the ticket and both replies there.
      await page.reload();
      dialog = await openPanel(page);
      await row.click();
      detail = dialog.locator('portico-ticket-detail');
      await detail.locator('[part~="message"]', { hasText: agent }).waitFor();
      await detail.locator('[part~="message"]', { hasText: mine }).waitFor();
      assert.equal(await dialog.getByLabel(nl('signIn.password'), { exact: true }).count(), 0, 'no sign-in form');

      // The cookie lives in the page's partition (CHIPS), not as a third-party cookie.
      const cookies = (await context.cookies()).filter((c) => c.domain === 'localhost');
      assert.deepEqual(
        cookies.map((c) => ({ name: c.name, partitionKey: c.partitionKey })),
        [{ name: cookieName, partitionKey: 'http://127.0.0.1' }],
        JSON.stringify(cookies),
      );

      // Signing out ends it for good: after another reload the panel asks to sign in.
      await page.evaluate(() => window.Portico!.signOut());
      await page.reload();
      dialog = await openPanel(page);
      await dialog.getByLabel(nl('signIn.password'), { exact: true }).waitFor();
      assert.deepEqual(
        (await context.cookies()).filter((c) => c.domain === 'localhost').map((c) => c.name),
        [],
        'the cookie is cleared in its partition',
      );
      assert.deepEqual(unexpectedProblems(problems), []);
    });
  }
});
