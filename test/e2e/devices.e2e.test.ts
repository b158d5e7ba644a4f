/**
 * Any device: on phone, tablet and desktop sizes, on the demo support page and
 * on a host page that overflows sideways (which makes a phone's layout
 * viewport wider than its screen), the launcher sits in the visible corner,
 * the panel fits the screen (full-screen on narrow screens) with its close
 * button visible, and the consent banner is never covered by the panel. The
 * on-screen keyboard leaves the composer being typed in, its Send button and
 * the close button in sight, and the demo pages themselves fit a phone's width.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { connectorFromEnv, DEMO_PASSWORD, type Gateway, launchBrowser, startGateway } from './harness.js';
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

/** The screen minus an on-screen keyboard: what is left of a 390×844 phone with the keyboard up. */
const KEYBOARD_UP = { width: 390, height: 450 };

/**
 * The on-screen keyboard coming up, as Chromium can show it: headless Chromium
 * has no keyboard, and neither `Emulation.setVisibleSize` (ignored) nor a
 * `viewport` in `Emulation.setDeviceMetricsOverride` (not seen by the page)
 * shrinks the visual viewport alone; a smaller window does — the layout
 * viewport shrinks with it, as with `interactive-widget=resizes-content`. On
 * the wide page the layout viewport stays wider and taller than the visual one.
 */
async function keyboard(page: Page, up: boolean): Promise<void> {
  await page.setViewportSize(up ? KEYBOARD_UP : { width: 390, height: 844 });
  await page.waitForTimeout(200); // the visual viewport is read on the next frame
}

/** The focused element, inside shadow roots: its id. */
const focusedId = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.id;
  });

/** Every element of the page reaching past `width` (the screen): what makes it scroll sideways. */
const tooWide = (page: Page, width: number): Promise<string[]> =>
  page.evaluate(
    (w) =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > w + 0.5)
        .map(
          (el) =>
            `${el.localName}${el.className ? `.${String(el.className)}` : ''} to ${Math.round(el.getBoundingClientRect().right)}`,
        ),
    width,
  );

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
  for (const where of ['the demo support page', 'a page wider than the screen']) {
    test(`phone 390×844, ${where}: with the keyboard up, the composer, its Send button and the close button stay in sight`, async () => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        locale: 'en-GB',
      });
      context.setDefaultTimeout(10_000);
      try {
        const page = await context.newPage();
        await page.goto(where.startsWith('the demo') ? `${gw.origin}/` : `${site.origin}/wide.html`);
        await page.locator('portico-launcher-facade [part="button"]').click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Email address').fill('carol@acme.example');
        await dialog.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
        await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
        const close = dialog.getByRole('button', { name: 'Close', exact: true });

        const assertTyping = async (field: Locator, id: string, send: Locator, what: string) => {
          assert.equal(await focusedId(page), id, `${what} has focus`);
          const view = await visualViewport(page);
          assert.ok(Math.abs(view.height - KEYBOARD_UP.height) <= 1, `the keyboard is up: ${JSON.stringify(view)}`);
          const panel = await rect(dialog);
          assert.ok(Math.abs(panel.height - view.height) <= 1, `the panel fits above the keyboard: ${panel.height}`);
          assertInside(panel, view, `the panel (${what})`);
          assertInside(await rect(field), view, what);
          assertInside(await rect(send), view, `the Send button of ${what}`);
          assertInside(await rect(close), view, `the close button (${what})`);
        };

        // A ticket's reply box, at the bottom of a long conversation: tapped, then the keyboard comes up.
        await dialog.locator('portico-ticket-list [part="row-button"]').first().click();
        const reply = dialog.getByLabel('Your message');
        await reply.click();
        await keyboard(page, true);
        await assertTyping(reply, 'reply-text', dialog.getByRole('button', { name: 'Send reply' }), 'the reply box');
        await reply.fill('Typed with the keyboard up.');
        await assertTyping(reply, 'reply-text', dialog.getByRole('button', { name: 'Send reply' }), 'the reply box');
        await keyboard(page, false);

        // The chat's composer, below the transcript.
        await dialog.getByRole('tab', { name: 'Chat' }).click();
        const message = dialog.locator('portico-chat').getByLabel('Message', { exact: true });
        await message.click();
        await keyboard(page, true);
        const send = dialog.locator('portico-chat').getByRole('button', { name: 'Send', exact: true });
        await assertTyping(message, 'composer-text', send, 'the chat composer');
        await keyboard(page, false);
        assertInside(await rect(close), await visualViewport(page), 'the close button with the keyboard down');
      } finally {
        await context.close();
      }
    });
  }

  for (const size of SIZES.filter((s) => s.width < 400)) {
    test(`${size.name} ${size.width}×${size.height}: the demo pages fit the screen, nothing scrolls sideways`, async () => {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        isMobile: true,
        hasTouch: true,
        locale: 'en-GB',
      });
      context.setDefaultTimeout(10_000);
      try {
        const page = await context.newPage();
        for (const path of ['/', '/portal.html', '/intranet.html', '/compose.html']) {
          await page.goto(`${gw.origin}${path}`);
          // Drawn: the language picker where the page has one, and Portico's button or sign-in form (framed on the intranet page).
          if (path === '/' || path === '/compose.html') await page.getByLabel('Language').waitFor();
          if (path === '/') await page.locator('portico-launcher-facade [part="button"]').waitFor();
          else if (path === '/intranet.html') await page.frameLocator('iframe').getByLabel('Email address').waitFor();
          else await page.getByLabel('Email address').first().waitFor();
          await page.waitForTimeout(100);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.deepEqual(await tooWide(page, size.width), [], `${path}: elements wider than the screen`);
          assert.ok(width <= size.width, `${path} is ${width} px wide on a ${size.width} px screen`);
        }
      } finally {
        await context.close();
      }
    });
  }
});
