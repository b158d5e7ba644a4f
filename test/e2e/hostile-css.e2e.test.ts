/**
 * Immune to the host page: a page with hostile global CSS renders Portico
 * the same as a plain page, in every view — the launcher's sign-in, ticket
 * list, ticket, support form, chat, account menu and profile, the consent
 * banner, and the portal element. Compared are element boxes (every element
 * in the shadow trees, relative to the panel, the banner or the portal), not
 * pixels. And long unbroken strings wrap: nothing reaches past those edges.
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
  DEMO_PASSWORD,
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
 * Where a view's boxes are measured: the element whose shadow trees are
 * walked, and the box they are measured from (a part in its shadow root, or
 * the element itself) — so the host page's own text above it does not count.
 */
interface Scope {
  host: string;
  from?: string;
}

const LAUNCHER: Scope = { host: 'portico-chat-launcher', from: '[part="panel"]' };
const PORTAL: Scope = { host: 'portico-portal' };
const BANNER: Scope = { host: 'portico-consent-banner', from: '[part="base"]' };

/**
 * Every element with a box in the scope's shadow trees (nested elements'
 * too), relative to the scope's reference box: parts, labels, fields,
 * buttons, text. (A string: tsx's helpers would not exist in the page.)
 */
const BOXES = `(({ host, from }) => {
  const el = document.querySelector(host);
  const ref = (from ? el.shadowRoot.querySelector(from) : el).getBoundingClientRect();
  const out = [{ key: host, x: 0, y: 0, width: Math.round(ref.width), height: Math.round(ref.height) }];
  const walk = (root, path) => root.querySelectorAll('*').forEach((el, i) => {
    const part = el.getAttribute('part');
    const r = el.getBoundingClientRect();
    if (r.width || r.height)
      out.push({ key: path + '/' + el.localName + (part ? '[' + part + ']' : '') + '#' + i, x: Math.round(r.x - ref.x),
        y: Math.round(r.y - ref.y), width: Math.round(r.width), height: Math.round(r.height) });
    if (el.shadowRoot) walk(el.shadowRoot, path + '/' + el.localName);
  });
  walk(el.shadowRoot, host);
  return out;
})`;

const boxes = (page: Page, scope: Scope): Promise<PartBox[]> =>
  page.evaluate(`${BOXES}(${JSON.stringify(scope)})`) as Promise<PartBox[]>;

/** Elements in the scope's shadow trees that reach past its reference box's inline edges. */
const OVERFLOWING = `(({ host, from }) => {
  const el = document.querySelector(host);
  const ref = (from ? el.shadowRoot.querySelector(from) : el).getBoundingClientRect();
  const wide = [];
  const walk = (root) => root.querySelectorAll('*').forEach((el) => {
    const r = el.getBoundingClientRect();
    // (visibility: hidden boxes draw nothing: visual-viewport.ts's probe spans the viewport on purpose)
    if (r.width && (r.right > ref.right + 1 || r.left < ref.left - 1) && getComputedStyle(el).visibility !== 'hidden')
      wide.push(el.localName + '.' + el.className + ' ' + Math.round(r.left) + '…' + Math.round(r.right));
    if (el.shadowRoot) walk(el.shadowRoot);
  });
  walk(el.shadowRoot);
  return { wide, edges: Math.round(ref.left) + '…' + Math.round(ref.right) };
})`;

async function assertNoOverflow(page: Page, scope: Scope, view: string): Promise<void> {
  const overflow = (await page.evaluate(`${OVERFLOWING}(${JSON.stringify(scope)})`)) as {
    wide: string[];
    edges: string;
  };
  assert.deepEqual(overflow.wide, [], `${view}: elements run out of ${scope.host} (${overflow.edges})`);
}

function assertSameBoxes(plain: PartBox[], hostile: PartBox[], view: string): void {
  assert.ok(plain.length > 5, `${view}: enough boxes to compare (${plain.length})`);
  assert.equal(hostile.length, plain.length, `${view}: as many boxes under hostile CSS as on the plain page`);
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

/** Both pages settled (a frame or two for the visual viewport, layout, fonts), then their boxes compared. */
async function compare(plain: Page, hostile: Page, scope: Scope, view: string): Promise<void> {
  await Promise.all([plain, hostile].map((p) => p.waitForTimeout(200)));
  assertSameBoxes(await boxes(plain, scope), await boxes(hostile, scope), view);
  await assertNoOverflow(hostile, scope, view);
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

  /**
   * A page in a fresh context. `now`: the time its clock stands still at. Ticket lists say
   * "12 seconds ago": on two pages signed in a moment apart that text (and so its box) could
   * differ for reasons that have nothing to do with CSS, so pages compared by their lists
   * share one frozen Date.now() (timers keep running).
   */
  async function visit(name: string, now?: number): Promise<Page> {
    const o = await openPage(browser, `${site.origin}/${name}.html`, {
      setup: now === undefined ? undefined : (context) => context.clock.setFixedTime(now),
    });
    opened.push(o);
    return o.page;
  }

  /** Both pages, one after the other (the same step on each, so they stay alike). */
  const both = async (pages: Page[], step: (page: Page) => Promise<unknown>) => {
    for (const page of pages) await step(page);
  };

  test('sign-in view, ticket list and a ticket render with the same boxes as on a plain page', async () => {
    const long = `https://example.com/${'a'.repeat(30)}/${'verylongunbrokenword'.repeat(8)}`;
    await createTicketAs(gw.origin, CAROL, `Link broken [e2e ${RUN}] ${long}`, `See ${long} please.`);
    const now = Date.now();
    const pages = await Promise.all([visit('plain', now), visit('hostile', now)]);
    const [plain, hostile] = pages as [Page, Page];
    await both(pages, openLauncher);
    await both(pages, (page) => page.getByRole('dialog').getByLabel('Email address').waitFor());
    await compare(plain, hostile, LAUNCHER, 'sign-in');

    await both(pages, (page) => signInThroughPanel(page, CAROL));
    const row = (page: Page) =>
      page.getByRole('dialog').getByRole('button', { name: new RegExp(`Link broken \\[e2e ${RUN}\\]`) });
    await both(pages, (page) => row(page).waitFor());
    await compare(plain, hostile, LAUNCHER, 'ticket list');

    await both(pages, async (page) => {
      await row(page).click();
      await page.locator('portico-ticket-detail').getByRole('heading', { name: 'Conversation' }).waitFor();
    });
    // The long subject and body wrap: nothing in the panel is wider than the panel.
    await compare(plain, hostile, LAUNCHER, 'ticket detail');
  });

  test('the support form, the chat, the account menu and the consent banner render with the same boxes', async () => {
    const long = `https://example.com/${'b'.repeat(30)}/${'anotherunbrokenword'.repeat(8)}`;
    const pages = await Promise.all([visit('plain'), visit('hostile')]);
    const [plain, hostile] = pages as [Page, Page];
    const dialog = (page: Page) => page.getByRole('dialog');
    await both(pages, openLauncher);
    await both(pages, (page) => signInThroughPanel(page, CAROL));

    // The support form: first the choice of form (the demo has two), then the form itself.
    await both(pages, async (page) => {
      await dialog(page).getByRole('tab', { name: 'New ticket' }).click();
      await page
        .locator('portico-support-form')
        .getByRole('button', { name: /Ask a question or report a problem/ })
        .waitFor();
    });
    await compare(plain, hostile, LAUNCHER, 'support form: choice of form');
    await both(pages, async (page) => {
      const form = page.locator('portico-support-form');
      await form.getByRole('button', { name: /Ask a question or report a problem/ }).click();
      await form.getByLabel(/^Subject/).waitFor();
    });
    await compare(plain, hostile, LAUNCHER, 'support form');
    // Sent with nothing filled in: the error summary and the fields' errors.
    await both(pages, async (page) => {
      const form = page.locator('portico-support-form');
      await form.getByRole('button', { name: 'Send request' }).click();
      await form.locator('[part="error-summary"]').waitFor();
    });
    await compare(plain, hostile, LAUNCHER, 'support form: errors');
    // A long unbroken subject, sent: the launcher shows the new ticket, its subject wrapped.
    const subject = `Form ${RUN} ${long}`;
    await both(pages, async (page) => {
      const form = page.locator('portico-support-form');
      await form.getByLabel(/^Subject/).fill(subject);
      await form.getByLabel(/^Description/).fill(`The link ${long} gives a blank page.`);
      await form.getByLabel(/^Product/).selectOption({ label: 'Customer portal' });
    });
    await compare(plain, hostile, LAUNCHER, 'support form: filled in');
    await both(pages, async (page) => {
      await page.locator('portico-support-form').getByRole('button', { name: 'Send request' }).click();
      await page.locator('portico-ticket-detail').getByRole('heading', { name: subject }).waitFor();
    });
    await compare(plain, hostile, LAUNCHER, 'support form: the ticket sent');

    // The chat: empty, then with a long unbroken message of the customer's.
    await both(pages, async (page) => {
      await dialog(page).getByRole('tab', { name: 'Chat' }).click();
      await page.locator('portico-chat').getByLabel('Message', { exact: true }).waitFor();
    });
    await compare(plain, hostile, LAUNCHER, 'chat');
    const message = `Chat ${RUN} ${long}`;
    await both(pages, async (page) => {
      const chat = page.locator('portico-chat');
      await chat.getByLabel('Message', { exact: true }).fill(message);
      await chat.getByRole('button', { name: 'Send', exact: true }).click();
      await chat.locator('[part~="message"]:not(.pending)', { hasText: message }).waitFor();
    });
    await compare(plain, hostile, LAUNCHER, 'chat: a message sent');

    // The account menu in the panel's header, and the profile it opens.
    await both(pages, async (page) => {
      await dialog(page).getByRole('button', { name: 'Account' }).click();
      await dialog(page).getByRole('menu', { name: 'Account' }).waitFor();
    });
    await compare(plain, hostile, LAUNCHER, 'account menu');
    await both(pages, async (page) => {
      await dialog(page).getByRole('menuitem', { name: 'Profile' }).click();
      await page.locator('portico-portal-profile').getByText(CAROL).first().waitFor();
    });
    await compare(plain, hostile, LAUNCHER, 'account: profile');

    // The consent banner, over the open panel.
    await both(pages, async (page) => {
      await page.evaluate(() => window.Portico!.consent.open());
      await page.locator('portico-consent-banner [part="base"]').waitFor({ state: 'visible' });
    });
    await compare(plain, hostile, BANNER, 'consent banner');
  });

  test('the portal element renders with the same boxes as on a plain page', async () => {
    const long = `https://example.com/${'c'.repeat(30)}/${'portalunbrokenword'.repeat(8)}`;
    await createTicketAs(gw.origin, CAROL, `Portal ${RUN} ${long}`, `See ${long} please.`);
    // As demo/portal.html has it: the element in the page, no floating launcher.
    const portal = `<portico-portal></portico-portal>
      <script src="/dist/portico.js" data-backend="/portico/v1" data-launcher="false" async></script>`;
    site.set('/portal-plain.html', { html: hostPage('Plain', portal) });
    site.set('/portal-hostile.html', { html: hostPage('Hostile', portal, HOSTILE_CSS) });
    const now = Date.now();
    const pages = await Promise.all([visit('portal-plain', now), visit('portal-hostile', now)]);
    const [plain, hostile] = pages as [Page, Page];
    await both(pages, (page) => page.locator('portico-portal').getByLabel('Email address').waitFor());
    await compare(plain, hostile, PORTAL, 'portal: sign-in');

    await both(pages, async (page) => {
      await page.getByLabel('Email address').fill(CAROL);
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await page.locator('portico-portal [part="chart-graphic"]').first().waitFor();
    });
    await compare(plain, hostile, PORTAL, 'portal: overview');

    const tablist = (page: Page) => page.getByRole('tablist', { name: 'Portal sections' });
    const row = (page: Page) => page.getByRole('button', { name: new RegExp(`Portal ${RUN}`) });
    await both(pages, async (page) => {
      await tablist(page).getByRole('tab', { name: 'My tickets' }).click();
      await row(page).waitFor();
    });
    await compare(plain, hostile, PORTAL, 'portal: my tickets');
    await both(pages, async (page) => {
      await row(page).click();
      await page.locator('portico-ticket-detail').getByRole('heading', { name: 'Conversation' }).waitFor();
    });
    await compare(plain, hostile, PORTAL, 'portal: a ticket');
    await both(pages, async (page) => {
      await tablist(page).getByRole('tab', { name: 'Profile' }).click();
      await page.getByRole('tabpanel').getByText(CAROL).first().waitFor();
    });
    await compare(plain, hostile, PORTAL, 'portal: profile');
  });
});
