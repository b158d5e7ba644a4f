/**
 * Immune to the host page: a page with hostile global CSS renders Portico
 * the same as a plain page. Compared are element boxes (every [part] in the
 * launcher's shadow trees, relative to the panel), not pixels. And long
 * unbroken strings wrap inside the panel.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
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
} from './harness.js';
import { hostPage, type HostSite, startHostSite } from './host-pages.js';

const skip = connectorFromEnv() === 'embedded' ? false : 'embedding tests run with the embedded connector only';
const CAROL = 'carol@acme.example';
const HOSTILE_CSS = `<style>
  * { font-size: 31px; letter-spacing: 3px; word-spacing: 9px; line-height: 3; text-transform: uppercase;
      font-family: 'Courier New', monospace; font-weight: 900; font-style: italic; text-indent: 40px;
      text-align: right; text-shadow: 2px 2px red; white-space: nowrap; color: #f0f; }
  button, input, textarea, select { all: unset; }
  * { box-sizing: content-box !important; }
</style>`;
const SCRIPT = '<script src="/dist/portico.js" data-backend="/portico/v1" async></script>';

interface PartBox {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Every element with a part attribute in the launcher's shadow trees, relative to the panel.
 * (A string: tsx's helpers would not exist in the page.)
 */
const PART_BOXES = `(() => {
  const launcher = document.querySelector('portico-chat-launcher');
  const panel = launcher.shadowRoot.querySelector('[part="panel"]').getBoundingClientRect();
  const out = [];
  const walk = (root, path) => root.querySelectorAll('*').forEach((el, i) => {
    const part = el.getAttribute('part');
    const r = el.getBoundingClientRect();
    if (part && (r.width || r.height))
      out.push({ key: path + '/' + el.localName + '[' + part + ']#' + i, x: Math.round(r.x - panel.x),
        y: Math.round(r.y - panel.y), width: Math.round(r.width), height: Math.round(r.height) });
    if (el.shadowRoot) walk(el.shadowRoot, path + '/' + el.localName);
  });
  walk(launcher.shadowRoot, 'launcher');
  return out;
})()`;

const partBoxes = (page: Page): Promise<PartBox[]> => page.evaluate(PART_BOXES) as Promise<PartBox[]>;

/** Elements in the launcher's shadow trees that reach past the panel's right edge. */
const OVERFLOWING = `(() => {
  const launcher = document.querySelector('portico-chat-launcher');
  const panel = launcher.shadowRoot.querySelector('[part="panel"]').getBoundingClientRect();
  const wide = [];
  const walk = (root) => root.querySelectorAll('*').forEach((el) => {
    const r = el.getBoundingClientRect();
    // (visibility: hidden boxes draw nothing: visual-viewport.ts's probe spans the viewport on purpose)
    if (r.width && r.right > panel.right + 1 && getComputedStyle(el).visibility !== 'hidden') wide.push(el.localName + '.' + el.className + ' right ' + r.right);
    if (el.shadowRoot) walk(el.shadowRoot);
  });
  walk(launcher.shadowRoot);
  return { wide, panelRight: panel.right };
})()`;

function assertSameBoxes(plain: PartBox[], hostile: PartBox[], view: string): void {
  assert.ok(plain.length > 5, `${view}: enough parts to compare (${plain.length})`);
  const byKey = new Map(hostile.map((b) => [b.key, b]));
  const differences = plain
    .map((p) => ({ p, h: byKey.get(p.key) }))
    .filter(
      ({ p, h }) =>
        !h ||
        Math.abs(p.x - h.x) > 1 ||
        Math.abs(p.y - h.y) > 1 ||
        Math.abs(p.width - h.width) > 1 ||
        Math.abs(p.height - h.height) > 1,
    )
    .map(({ p, h }) => `${p.key}: plain ${JSON.stringify(p)} hostile ${JSON.stringify(h ?? null)}`);
  assert.deepEqual(differences, [], `${view}: boxes differ under hostile CSS`);
}

describe('immune to host CSS', { skip }, () => {
  let gw: Gateway;
  let site: HostSite;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector: 'embedded' }), launchBrowser()]);
    site = await startHostSite(gw.origin);
    site.set('/plain.html', { html: hostPage('Plain', SCRIPT) });
    site.set('/hostile.html', { html: hostPage('Hostile', SCRIPT, HOSTILE_CSS) });
  });

  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    await gw?.close();
  });

  async function visit(name: string): Promise<Page> {
    const o = await openPage(browser, `${site.origin}/${name}.html`);
    opened.push(o);
    return o.page;
  }

  test('sign-in view, ticket list and a ticket render with the same boxes as on a plain page', async () => {
    const long = `https://example.com/${'a'.repeat(30)}/${'verylongunbrokenword'.repeat(8)}`;
    await createTicketAs(gw.origin, CAROL, `Link broken [e2e ${RUN}] ${long}`, `See ${long} please.`);
    const [plain, hostile] = await Promise.all([visit('plain'), visit('hostile')]);
    for (const page of [plain, hostile]) await openLauncher(page);
    for (const page of [plain, hostile]) await page.getByRole('dialog').getByLabel('Email address').waitFor();
    await Promise.all([plain, hostile].map((p) => p.waitForTimeout(200)));
    assertSameBoxes(await partBoxes(plain), await partBoxes(hostile), 'sign-in');

    for (const page of [plain, hostile]) await signInThroughPanel(page, CAROL);
    for (const page of [plain, hostile])
      await page
        .getByRole('dialog')
        .getByRole('button', { name: new RegExp(`Link broken \\[e2e ${RUN}\\]`) })
        .waitFor();
    await Promise.all([plain, hostile].map((p) => p.waitForTimeout(200)));
    assertSameBoxes(await partBoxes(plain), await partBoxes(hostile), 'ticket list');

    for (const page of [plain, hostile]) {
      await page
        .getByRole('dialog')
        .getByRole('button', { name: new RegExp(`Link broken \\[e2e ${RUN}\\]`) })
        .click();
      await page.locator('portico-ticket-detail').getByRole('heading', { name: 'Conversation' }).waitFor();
    }
    await Promise.all([plain, hostile].map((p) => p.waitForTimeout(200)));
    assertSameBoxes(await partBoxes(plain), await partBoxes(hostile), 'ticket detail');

    // The long subject and body wrap: nothing in the panel is wider than the panel.
    const overflow = (await hostile.evaluate(OVERFLOWING)) as { wide: string[]; panelRight: number };
    assert.deepEqual(overflow.wide, [], `elements run out of the panel (right edge ${overflow.panelRight})`);
  });
});
