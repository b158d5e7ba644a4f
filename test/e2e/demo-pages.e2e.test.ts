/**
 * The demo pages under the gateway's own strict CSP, on whatever port it
 * runs: the compose demo's wiring comes from a file (no inline script), the
 * script-tag demo follows the browser's language, and the language picker
 * switches Portico.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  accessibleElements,
  connectorFromEnv,
  cspViolations,
  type Gateway,
  launchBrowser,
  openPage,
  startGateway,
  unexpectedProblems,
  waitForAccessible,
  DEMO_PASSWORD,
} from './harness.js';
import { templates as heLauncher } from '../../src/locales/he/launcher.js';
import { templates as heSignIn } from '../../src/locales/he/sign-in.js';
import { templates as heTickets } from '../../src/locales/he/tickets.js';
import { templates as heCommon } from '../../src/locales/he/common.js';

const skip = connectorFromEnv() === 'embedded' ? false : 'demo page tests run with the embedded connector only';

describe('demo pages', { skip }, () => {
  let gw: Gateway;
  let browser: Browser;

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector: 'embedded' }), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await gw?.close();
  });

  test('compose.html runs its wiring under the gateway’s CSP: the sign-in shows, no violation', async () => {
    const { page, problems, context } = await openPage(browser, `${gw.origin}/compose.html`);
    try {
      // The section starts hidden; compose.js shows it once it knows nobody is signed in.
      await page.locator('#sign-in').waitFor({ state: 'visible' });
      await page.locator('#sign-in portico-sign-in').getByLabel('Email address').waitFor();
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(unexpectedProblems(problems), []);
    } finally {
      await context.close();
    }
  });

  test('the script-tag demo follows the browser’s language, and the picker switches it', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    try {
      const page = await context.newPage();
      await page.goto(`${gw.origin}/`);
      await waitForAccessible(page, 'button', 'Ondersteuning openen');
      const picker = page.getByLabel('Language');
      assert.equal(await picker.inputValue(), 'nl');
      await picker.selectOption('en');
      await waitForAccessible(page, 'button', 'Open support');
      assert.equal((await accessibleElements(page, 'button', 'Ondersteuning openen')).length, 0);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    } finally {
      await context.close();
    }
  });

  test('a Hebrew browser gets Portico in Hebrew, laid out right to left on the English page', async () => {
    const context = await browser.newContext({ locale: 'he-IL', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    try {
      const page = await context.newPage();
      await page.goto(`${gw.origin}/`);
      // The facade's button already sits in the mirrored corner (the inline end is the left).
      await waitForAccessible(page, 'button', heLauncher['launcher.open']);
      const corner = await page.locator('portico-launcher-facade [part="button"]').boundingBox();
      assert.ok(corner && corner.x < 640, `the button at x=${corner?.x}`);
      await page.getByRole('button', { name: heLauncher['launcher.open'] }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(heSignIn['signIn.email']).fill('carol@acme.example');
      await dialog.getByLabel(heSignIn['signIn.password'], { exact: true }).fill(DEMO_PASSWORD);
      await dialog.getByRole('button', { name: heSignIn['signIn.submit'], exact: true }).click();
      await dialog.getByRole('tab', { name: heLauncher['launcher.tab.tickets'] }).waitFor();
      await dialog.getByLabel(heTickets['tickets.list.search']).waitFor();
      const launcher = page.locator('portico-chat-launcher');
      assert.equal(await launcher.getAttribute('lang'), 'he');
      assert.equal(await launcher.evaluate((el) => getComputedStyle(el).direction), 'rtl');
      // The panel opens from the left corner, its own start edge on the right.
      const panel = await dialog.boundingBox();
      assert.ok(panel && panel.x < 640 - panel.width / 2, `the panel at x=${panel?.x}`);
      // No word of the panel's own in English: tabs and column headings.
      const chrome = [
        ...(await dialog.getByRole('tab').allTextContents()),
        ...(await dialog.getByRole('columnheader').allTextContents()),
      ].map((t) => t.trim());
      assert.ok(chrome.length >= 5, chrome.join(' | '));
      for (const text of chrome) assert.doesNotMatch(text, /[A-Za-z]/, `"${text}" is not Hebrew`);
      // A ticket: its back button points right, where reading came from.
      await dialog.locator('portico-ticket-list [part="row-button"]').first().click();
      const back = dialog.getByRole('button', { name: heCommon['common.back'] });
      await back.waitFor();
      const transform = await back.locator('.back-arrow').evaluate((el) => getComputedStyle(el).transform);
      assert.equal(transform, 'matrix(-1, 0, 0, 1, 0, 0)');
    } finally {
      await context.close();
    }
  });
});
