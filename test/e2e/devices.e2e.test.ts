/**
 * Any device: on phone, tablet and desktop sizes, on the demo support page and
 * on a host page that overflows sideways (which makes a phone's layout
 * viewport wider than its screen), the launcher sits in the visible corner,
 * the panel fits the screen (full-screen on narrow screens) with its close
 * button visible, and the consent banner is never covered by the panel.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { connectorFromEnv, type Gateway, launchBrowser, startGateway } from './harness.js';
import { hostPage, type HostSite, startHostSite } from './host-pages.js';

const skip = connectorFromEnv() === 'embedded' ? false : 'embedding tests run with the embedded connector only';

const SIZES = [
  { name: 'small phone', width: 320, height: 568, mobile: true },
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'tablet', width: 768, height: 1024, mobile: true },
  { name: 'desktop', width: 1280, height: 800, mobile: false },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The visual viewport, in the same (layout viewport) coordinates as getBoundingClientRect(). */
const visualViewport = (page: Page): Promise<Box> =>
  page.evaluate(() => {
    const vv = window.visualViewport!;
    return { x: vv.offsetLeft, y: vv.offsetTop, width: vv.width, height: vv.height };
  });

/** getBoundingClientRect(): layout viewport coordinates, like the visual viewport's offsets and elementFromPoint(). */
const rect = (target: Locator): Promise<Box> =>
  target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });

function assertInside(inner: Box | null, outer: Box, what: string): void {
  assert.ok(inner, `${what} has a box`);
  const ok =
    inner.x >= outer.x - 0.5 &&
    inner.y >= outer.y - 0.5 &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5;
  assert.ok(ok, `${what} ${JSON.stringify(inner)} is not inside the visible area ${JSON.stringify(outer)}`);
}

describe('any device', { skip }, () => {
  let gw: Gateway;
  let site: HostSite;
  let browser: Browser;

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector: 'embedded' }), launchBrowser()]);
    site = await startHostSite(gw.origin);
    site.set('/wide.html', {
      html: hostPage(
        'Wide',
        `<div style="inline-size: 1400px; block-size: 40px; background: #eee">a table wider than any phone</div>
         <script src="/dist/portico.js" data-backend="/portico/v1" async></script>`,
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
      ),
    });
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await gw?.close();
  });

  for (const size of SIZES) {
    for (const where of ['the demo support page', 'a page wider than the screen']) {
      test(`${size.name} ${size.width}×${size.height}, ${where}: launcher in the visible corner, panel fits, close button visible`, async () => {
        const context = await browser.newContext({
          viewport: { width: size.width, height: size.height },
          isMobile: size.mobile,
          hasTouch: size.mobile,
          deviceScaleFactor: size.mobile ? 2 : 1,
          locale: 'en-GB',
        });
        try {
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(String(e)));
          await page.goto(where.startsWith('the demo') ? `${gw.origin}/` : `${site.origin}/wide.html`);
          const facade = page.locator('portico-launcher-facade [part="button"]');
          await facade.waitFor();
          await page.waitForTimeout(100); // the visual viewport is read on the next frame
          let view = await visualViewport(page);
          assertInside(await rect(facade), view, 'the launcher button');
          const corner = await rect(facade);
          assert.ok(view.x + view.width - (corner.x + corner.width) < 40, 'in the inline-end corner');
          assert.ok(view.y + view.height - (corner.y + corner.height) < 40, 'in the bottom corner');

          await facade.click();
          const dialog = page.getByRole('dialog');
          await dialog.waitFor({ state: 'visible' });
          await dialog.getByLabel('Email address').waitFor();
          await page.waitForTimeout(150);
          view = await visualViewport(page);
          const panel = await rect(dialog);
          assertInside(panel, view, 'the panel');
          if (size.width <= 480) {
            assert.ok(
              Math.abs(panel.width - view.width) <= 1,
              `full width on a phone: ${panel.width} of ${view.width}`,
            );
            assert.ok(Math.abs(panel.height - view.height) <= 1, `full height: ${panel.height} of ${view.height}`);
          }
          const close = dialog.getByRole('button', { name: 'Close', exact: true });
          assertInside(await rect(close), view, 'the close button');
          assertInside(await rect(page.locator('portico-chat-launcher [part~="header"]')), view, 'the panel header');

          // A consent question while the panel is open: the banner is on top, reachable.
          await page.evaluate(() => window.Portico!.consent.open());
          const banner = page.locator('portico-consent-banner [part="base"]');
          await banner.waitFor({ state: 'visible' });
          await page.waitForTimeout(150);
          const b = await rect(banner);
          // Focus moving into the panel or the banner may have scrolled the visual viewport: read it again.
          view = await visualViewport(page);
          const topmost = await page.evaluate(
            ([x, y]) => document.elementFromPoint(x!, y!)?.tagName.toLowerCase(),
            [b.x + b.width / 2, b.y + b.height / 2],
          );
          assertInside(b, view, 'the consent banner');
          assert.equal(topmost, 'portico-consent-banner', `the consent banner is covered by ${topmost}`);
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('a page that widens after load (no resize event): launcher and real launcher follow the visible corner', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await page.goto(`${gw.origin}/`);
      const corner = async (target: Locator) => {
        await page.waitForTimeout(150);
        const view = await visualViewport(page);
        const box = await rect(target);
        assertInside(box, view, 'the launcher button');
        assert.ok(view.x + view.width - (box.x + box.width) < 40, `in the inline-end corner: ${JSON.stringify(box)}`);
      };
      const widen = (px: number) =>
        page.evaluate((w) => {
          const wide = document.createElement('div');
          wide.style.inlineSize = `${w}px`;
          wide.textContent = 'a table rendered late';
          document.body.prepend(wide);
        }, px);
      const facade = page.locator('portico-launcher-facade [part="button"]');
      await facade.waitFor();
      await corner(facade);
      await widen(900);
      await corner(facade);
      await facade.click();
      await page.getByRole('dialog').waitFor({ state: 'visible' });
      await page.evaluate(() => window.Portico!.close());
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await widen(1300);
      await corner(page.locator('portico-chat-launcher [part~="button"]').first());
    } finally {
      await context.close();
    }
  });

  test('the real launcher, once loaded, stays in the visible corner of a wide page on a phone', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-GB',
    });
    try {
      const page = await context.newPage();
      await page.goto(`${site.origin}/wide.html`);
      await page.locator('portico-launcher-facade [part="button"]').click();
      await page.getByRole('dialog').waitFor({ state: 'visible' });
      await page.evaluate(() => window.Portico!.close());
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      const button = page.locator('portico-chat-launcher [part~="button"]').first();
      await page.waitForTimeout(100);
      assertInside(await rect(button), await visualViewport(page), 'the app’s launcher button');
      // Panning sideways moves the visual viewport; the button follows it.
      await page.evaluate(() => window.scrollTo(600, 0));
      await page.waitForTimeout(200);
      assertInside(await rect(button), await visualViewport(page), 'the launcher after panning');
    } finally {
      await context.close();
    }
  });
});
