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
} from './harness.js';

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
});
