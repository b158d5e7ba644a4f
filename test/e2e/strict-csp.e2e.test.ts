/**
 * A host page of another origin that enforces exactly the CSP the README
 * gives a strict host — nonce + 'strict-dynamic', Trusted Types required and
 * only the policies `portico` and `lit-html` allowed — with the README's
 * script tag (its URLs changed, the nonce added). Every view runs there:
 * launcher, sign-in, list, a ticket with an HTML body, the support form, chat,
 * the consent banner loading gtag.js on Accept, and the portal; nothing may
 * be refused (no securitypolicyviolation, no console error) and no other
 * Trusted Types policy name may be asked for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  connectorFromEnv,
  cspViolations,
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
const NONCE = 'e2e-strict-7c41d2';
const MEASUREMENT_ID = 'G-E2ESTRICT1';
/** The README's CSP for a strict host, nonce filled in. */
const README_CSP =
  `script-src 'nonce-${NONCE}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; ` +
  "require-trusted-types-for 'script'; trusted-types portico lit-html";

/** Every Trusted Types policy name the page asks for, allowed or not (recorded before any page script runs). */
async function recordPolicies(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as {
      e2ePolicies: string[];
      trustedTypes?: { createPolicy: (...a: unknown[]) => unknown };
    };
    w.e2ePolicies = [];
    const tt = w.trustedTypes;
    if (!tt) return;
    const create = tt.createPolicy.bind(tt);
    tt.createPolicy = (name: unknown, ...rest: unknown[]) => {
      w.e2ePolicies.push(String(name));
      return create(name, ...rest);
    };
  });
  // gtag.js itself, as Google would serve it (the machine has no internet): it must load under the CSP.
  await context.route('https://www.googletagmanager.com/gtag/js**', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      headers: { 'access-control-allow-origin': '*' },
      body: 'window.e2eGtagRan = true;',
    }),
  );
}

const policies = (page: Page) => page.evaluate(() => (window as unknown as { e2ePolicies: string[] }).e2ePolicies);

describe('a strict CSP with Trusted Types, exactly as the README gives it', { skip }, () => {
  let gw: Gateway;
  let site: HostSite;
  let browser: Browser;
  const opened: OpenedPage[] = [];
  let snippet: string;

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector: 'embedded' }), launchBrowser()]);
    site = await startHostSite(gw.origin);
    gw.app.allowedOrigins.push(site.origin);
    // A portal with analytics: the consent banner asks, and Accept loads gtag.js.
    const res = await fetch(`${gw.origin}/admin/v1/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ portal: { analytics: { ga4MeasurementId: MEASUREMENT_ID } } }),
    });
    assert.equal(res.status, 200, await res.text());
    snippet = `<script
  src="${gw.origin}/dist/portico.js"
  data-backend="${gw.origin}/portico/v1"
  nonce="${NONCE}"
  async
></script>`;
  });

  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    await gw?.close();
  });

  async function visit(path: string, body: string): Promise<OpenedPage> {
    site.set(path, { html: hostPage('Strict host', body), headers: { 'content-security-policy': README_CSP } });
    const o = await openPage(browser, `${site.origin}${path}`, { setup: recordPolicies });
    opened.push(o);
    return o;
  }

  async function assertClean(o: OpenedPage, view: string): Promise<void> {
    assert.deepEqual(await cspViolations(o.page), [], `${view}: no securitypolicyviolation`);
    assert.deepEqual(unexpectedProblems(o.problems), [], `${view}: no errors`);
    const asked = [...new Set(await policies(o.page))].sort();
    assert.ok(
      asked.every((n) => n === 'portico' || n === 'lit-html'),
      `${view}: only portico and lit-html are asked for, not ${asked.join(', ')}`,
    );
  }

  test('launcher, consent banner, sign-in, list, HTML body, support form and chat: no violation', async () => {
    const o = await visit('/shop.html', snippet);
    const { page } = o;
    const dialog = page.getByRole('dialog');

    // The facade's button, then the panel and its sign-in view.
    await waitForAccessible(page, 'button', 'Open support');
    await openLauncher(page);
    await dialog.getByLabel('Email address').waitFor();
    await assertClean(o, 'sign-in');

    // The consent banner (the portal has a GA4 id): Accept loads gtag.js through the portico policy.
    const banner = page.locator('portico-consent-banner');
    await banner.getByRole('button', { name: 'Allow analytics' }).click();
    await page.waitForFunction(() => (window as unknown as { e2eGtagRan?: boolean }).e2eGtagRan === true);
    assert.equal(
      await page.locator(`script[src^="https://www.googletagmanager.com/gtag/js?id=${MEASUREMENT_ID}"]`).count(),
      1,
    );
    await assertClean(o, 'consent banner and gtag.js');

    await signInThroughPanel(page, CAROL);
    const row = dialog.getByRole('button', { name: /Invoice for March shows 40 seats instead of 25/ });
    await row.waitFor();
    await assertClean(o, 'ticket list');

    // A ticket whose agent answer is HTML: sanitized (DOMPurify through portico), rendered through lit-html.
    await row.click();
    const detail = dialog.locator('portico-ticket-detail');
    await detail.locator('strong', { hasText: '15 seats' }).waitFor();
    await detail.getByText('A credit note follows.').waitFor();
    await assertClean(o, 'ticket detail');

    // The support form, with article suggestions as the subject is typed.
    await dialog.getByRole('tab', { name: 'New ticket' }).click();
    const form = dialog.locator('portico-support-form');
    const subject = `Password reset mail never arrives [e2e ${RUN}]`;
    await form.getByLabel(/^Subject/).fill(subject);
    await form.getByLabel(/^Description/).fill('I asked twice; nothing in the inbox or the spam folder.');
    await form.getByLabel(/^Product/).selectOption({ label: 'Customer portal' });
    await form.getByRole('button', { name: 'Send request' }).click();
    await dialog
      .getByText('Thank you — your request was sent')
      .or(dialog.getByRole('heading', { name: subject }))
      .first()
      .waitFor();
    await assertClean(o, 'support form');

    // The built-in chat: a message sent.
    await dialog.getByRole('tab', { name: 'Chat' }).click();
    const chat = dialog.locator('portico-chat');
    const text = `Is there a status page? (${RUN})`;
    await chat.getByLabel('Message', { exact: true }).fill(text);
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await chat.getByText(text).waitFor();
    await assertClean(o, 'chat');
    assert.deepEqual([...new Set(await policies(page))].sort(), ['lit-html', 'portico']);
  });

  test('the portal on a strict page: dashboard and tabs, no violation', async () => {
    const o = await visit('/portal.html', `<portico-portal></portico-portal>\n${snippet}`);
    const { page } = o;
    await page.getByLabel('Email address').fill(CAROL);
    await page.getByLabel('Password', { exact: true }).fill('portico-demo');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('tab', { name: 'Tickets' }).first().waitFor();
    await assertClean(o, 'portal dashboard');
    await page.getByRole('tab', { name: 'Tickets' }).first().click();
    await page.getByRole('button', { name: /Invoice for March shows 40 seats instead of 25/ }).click();
    await page.locator('portico-ticket-detail strong', { hasText: '15 seats' }).waitFor();
    await assertClean(o, 'portal ticket');
  });
});
