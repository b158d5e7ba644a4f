/**
 * The built bundle on host pages that make embedding hard: the script tag
 * twice, a page that owns one of Portico's element names, and the
 * iframe/full-page demos (a strict CSP with Trusted Types has its own file,
 * strict-csp.e2e.test.ts). Embedded store only: these are about the browser
 * side, not about where tickets live.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  accessibleElements,
  connectorFromEnv,
  type Gateway,
  launchBrowser,
  openLauncher,
  openPage,
  type OpenedPage,
  ROOT,
  signInThroughPanel,
  startGateway,
  unexpectedProblems,
  waitForAccessible,
} from './harness.js';
import { hostPage, type HostSite, startHostSite } from './host-pages.js';

const skip = connectorFromEnv() === 'embedded' ? false : 'embedding tests run with the embedded connector only';
const scriptTag = (extra = '') => `<script src="/dist/portico.js" data-backend="/portico/v1" async ${extra}></script>`;

describe('embedding the bundle in host pages', { skip }, () => {
  let gw: Gateway;
  let site: HostSite;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector: 'embedded' }), launchBrowser()]);
    site = await startHostSite(gw.origin);
  });

  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    await gw?.close();
  });

  async function visit(url: string, setup?: (context: BrowserContext) => Promise<void>): Promise<OpenedPage> {
    const o = await openPage(browser, url, { setup });
    opened.push(o);
    return o;
  }

  test('the script tag twice on one page: one launcher, no errors, window.Portico works', async () => {
    site.set('/twice.html', { html: hostPage('Twice', `${scriptTag()}\n${scriptTag()}`) });
    const { page, problems } = await visit(`${site.origin}/twice.html`);
    await waitForAccessible(page, 'button', 'Open support');
    await page.waitForFunction(() => typeof window.Portico?.open === 'function');
    assert.equal((await accessibleElements(page, 'button', 'Open support')).length, 1, 'one launcher button');

    await openLauncher(page);
    await page.getByRole('dialog').getByLabel('Email address').waitFor();
    assert.equal(
      (await accessibleElements(page, 'button', /^(Open|Close) support$/)).length,
      1,
      'still one launcher once the app has loaded',
    );

    await page.evaluate(() => window.Portico!.close());
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await page.evaluate(() => window.Portico!.open());
    await page.getByRole('dialog').waitFor({ state: 'visible' });
    assert.match(await page.evaluate(() => window.Portico!.version), /^\d+\.\d+\.\d+/);
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('a page that defined <portico-ticket-list> itself: the bundle does not throw', async () => {
    site.set('/own-element.html', {
      html: hostPage(
        'Own element',
        `<script>customElements.define('portico-ticket-list', class extends HTMLElement { connectedCallback() { this.textContent = 'the page’s own list'; } });</script>
         ${scriptTag()}`,
      ),
    });
    const { page, problems } = await visit(`${site.origin}/own-element.html`);
    await openLauncher(page);
    await signInThroughPanel(page, 'carol@acme.example');
    await page.getByRole('dialog').getByRole('tab', { name: 'Tickets' }).waitFor();
    assert.equal(
      await page.evaluate(() => customElements.get('portico-ticket-list')!.toString().includes('the page’s own list')),
      true,
      'the page keeps its own definition',
    );
    assert.deepEqual(problems.pageErrors, []);
    assert.deepEqual(
      problems.consoleErrors.filter((e) => !/^Failed to load resource/.test(e)),
      [],
      'no console errors (a warning about the name is fine)',
    );
  });

  const demoPage = (name: string) => path.join(ROOT, 'demo', name);

  test('demo/portal.html renders the portal dashboard and its tabs', async (t) => {
    if (!existsSync(demoPage('portal.html'))) {
      t.skip('demo/portal.html does not exist yet');
      return;
    }
    const { page, problems } = await visit(`${gw.origin}/portal.html`);
    const email = page.getByLabel('Email address');
    const tablist = page.getByRole('tablist', { name: 'Portal sections' });
    await email.or(tablist).first().waitFor();
    if (await email.isVisible()) {
      await email.fill('carol@acme.example');
      await page.getByLabel('Password', { exact: true }).fill('portico-demo');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    }
    await tablist.waitFor();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    for (const name of ['All tickets', 'My tickets', 'New ticket', 'Profile']) {
      await tablist.getByRole('tab', { name }).waitFor();
    }

    await tablist.getByRole('tab', { name: 'My tickets' }).click();
    assert.equal(await tablist.getByRole('tab', { name: 'My tickets' }).getAttribute('aria-selected'), 'true');
    await page.getByRole('tabpanel').getByRole('grid').waitFor();
    await tablist.getByRole('tab', { name: 'Profile' }).click();
    assert.equal(await tablist.getByRole('tab', { name: 'Profile' }).getAttribute('aria-selected'), 'true');
    await page.getByRole('tabpanel').getByText('carol@acme.example').first().waitFor();
    assert.deepEqual(unexpectedProblems(problems), []);
  });

  test('demo/intranet.html on whatever port the gateway runs: the framed portal sizes its iframe and follows the sidebar', async (t) => {
    if (!existsSync(demoPage('intranet.html'))) {
      t.skip('demo/intranet.html does not exist yet');
      return;
    }
    // Served as they are (nothing rewritten): the portal's allowed origin comes from where it runs
    // (demo/portal.js), not from a port written into portal.html.
    assert.doesNotMatch(readFileSync(demoPage('portal.html'), 'utf8'), /allowed-origins=|127\.0\.0\.1:\d+/);
    const { page, problems } = await visit(`${gw.origin}/intranet.html`);
    const iframe = page.locator('iframe').first();
    await iframe.waitFor();
    const frame = page.frameLocator('iframe').first();
    const frameEl = await iframe.elementHandle();
    // intranet.js: block-size = max(320, reported height + 2) — the 2 px are the frame's border.
    const fitsContent = () =>
      page.waitForFunction(
        (el) => {
          const f = el as HTMLIFrameElement;
          const inner = Math.ceil(f.contentDocument?.documentElement.getBoundingClientRect().height ?? 0);
          const outer = Math.round(f.getBoundingClientRect().height);
          return inner > 0 && Math.abs(outer - Math.max(320, inner + 2)) <= 1 ? outer : false;
        },
        frameEl,
        { timeout: 5_000 },
      );

    const email = frame.getByLabel('Email address');
    const tablist = frame.getByRole('tablist', { name: 'Portal sections' });
    await email.or(tablist).first().waitFor();
    assert.equal(
      await frame.locator('portico-portal').getAttribute('allowed-origins'),
      gw.origin,
      'the portal lets this gateway’s own origin (this test’s port) frame it',
    );
    const before = Number(await (await fitsContent()).jsonValue());
    if (await email.isVisible()) {
      await email.fill('carol@acme.example');
      await frame.getByLabel('Password', { exact: true }).fill('portico-demo');
      await frame.getByRole('button', { name: 'Sign in', exact: true }).click();
    }
    await tablist.waitFor();
    // The portal tells its parent its route: the page's "loading…" gives way to it.
    const route = page.locator('#current-route');
    await frame.getByRole('tab', { name: 'My tickets' }).click();
    await frame.getByRole('tabpanel').getByRole('grid').waitFor();
    await page.waitForFunction(() => document.getElementById('current-route')?.textContent === '/mine');
    await page.waitForFunction(
      ([el, old]) => Math.round((el as HTMLElement).getBoundingClientRect().height) !== old,
      [frameEl, before] as const,
      {
        timeout: 5_000,
      },
    );
    const after = Number(await (await fitsContent()).jsonValue());
    assert.notEqual(after, before, 'the iframe was resized when the portal grew');
    assert.notEqual(after, 600, 'not the stylesheet’s initial height');

    // And the other way: a sidebar link sends the portal a route, which it takes from this origin.
    await page.getByRole('navigation', { name: 'Intranet' }).getByRole('link', { name: 'My support profile' }).click();
    await frame.getByRole('tab', { name: 'Profile' }).and(frame.locator('[aria-selected="true"]')).waitFor();
    await page.waitForFunction(() => document.getElementById('current-route')?.textContent === '/profile');
    assert.equal(await route.textContent(), '/profile');
    assert.deepEqual(unexpectedProblems(problems), []);
  });
});
