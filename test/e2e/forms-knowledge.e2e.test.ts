/**
 * Issue 12 as a customer does it, on the real gateway and the built bundle:
 * pick the access-request form and send it, see the ticket's fields with
 * their form's labels, read an article and say whether it helped, rate a
 * solved ticket — on the support page's launcher in English, and on the
 * full-page portal in Dutch. The site owner then finds the rating and the
 * article feedback in the admin API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  connectorFromEnv,
  createTicketAs,
  DEMO_PASSWORD,
  type Gateway,
  launchBrowser,
  openLauncher,
  openPage,
  type OpenedPage,
  RUN,
  signInThroughPanel,
  skipReason,
  startGateway,
  unexpectedProblems,
} from './harness.js';

const connector = connectorFromEnv();
const skip = await skipReason(connector);
const CAROL = 'carol@acme.example';

describe(`forms, the whole ticket, knowledge and ratings (${connector} connector)`, { skip: skip ?? false }, () => {
  let gw: Gateway;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector }), launchBrowser()]);
  });
  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await gw?.close();
  });

  const admin = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${gw.origin}/admin/v1${path}`, { headers: { authorization: `Bearer ${gw.adminToken}` } });
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return (await res.json()) as T;
  };

  /** A solved ticket of Carol's, made and solved behind the page's back. */
  async function solvedTicket(what: string) {
    const t = await createTicketAs(gw.origin, CAROL, `${what} [e2e ${RUN}]`);
    await gw.agent.setStatus(t.id, 'solved');
    return t;
  }

  async function fillAccessRequest(form: Locator, labels: Record<string, string>, subject: string): Promise<void> {
    await form.getByLabel(new RegExp(`^${labels.subject}`)).fill(subject);
    await form.getByLabel(new RegExp(`^${labels.description}`)).fill('I start working from home next month.');
    await form.getByLabel(new RegExp(`^${labels.system}`)).selectOption('vpn');
    await form.getByLabel(new RegExp(`^${labels.start}`)).fill('2027-01-04');
    await form.getByLabel(new RegExp(`^${labels.manager}`)).fill('manager@acme.example');
    // VPN asks why (a condition of the form).
    await form.getByLabel(new RegExp(`^${labels.reason}`)).fill('Working from home two days a week.');
  }

  test('English, on the launcher: pick the access-request form, see its fields, read an article, rate a solved ticket', async () => {
    const solved = await solvedTicket('Projector in room 4 flickers');
    const o = await openPage(browser, `${gw.origin}/`);
    opened.push(o);
    const { page } = o;
    await openLauncher(page);
    await signInThroughPanel(page, CAROL);
    const dialog = page.getByRole('dialog');

    // 1. The form picker: names and descriptions from the gateway.
    await dialog.getByRole('tab', { name: 'New ticket' }).click();
    const form = dialog.locator('portico-support-form');
    await form.getByRole('heading', { name: 'What is your request about?' }).waitFor();
    await form.getByText('Your manager is asked to approve.').waitFor();
    await form.getByRole('button', { name: /Request access to a system/ }).click();
    await form.getByRole('heading', { name: 'Request access to a system', level: 2 }).waitFor();
    const subject = `VPN for home working [e2e ${RUN}]`;
    await fillAccessRequest(
      form,
      {
        subject: 'Subject',
        description: 'Description',
        system: 'System',
        start: 'Start date',
        manager: 'Manager’s e-mail',
        reason: 'Why do you need it',
      },
      subject,
    );
    await form.getByRole('button', { name: 'Send request' }).click();
    // The launcher opens the new ticket in Tickets.
    // 2. The whole ticket: the form's labels, option names, the service.
    const detail = dialog.locator('portico-ticket-detail');
    await detail.getByRole('heading', { name: subject, level: 2 }).waitFor();
    const fields = detail.locator('[part~="field-list"]');
    await fields.getByText('VPN', { exact: true }).waitFor();
    const rows = await fields
      .locator('div')
      .evaluateAll((divs) =>
        divs.map((d) => [d.querySelector('dt')!.textContent!.trim(), d.querySelector('dd')!.textContent!.trim()]),
      );
    assert.deepEqual(rows, [
      ['System', 'VPN'],
      ['Start date', 'Jan 4, 2027'],
      ['Manager’s e-mail', 'manager@acme.example'],
      ['Why do you need it?', 'Working from home two days a week.'],
    ]);
    await detail.locator('[part="facts"]').getByText('Access management').waitFor();

    // 3. An article, from the suggestions while typing: any word matches; it opens in place.
    await dialog.getByRole('tab', { name: 'New ticket' }).click();
    // The New ticket view still says the last request was sent; a new one starts from the form picked.
    await form.getByRole('button', { name: 'New request' }).click();
    await form.getByRole('button', { name: 'Choose another kind of request' }).click();
    await form.getByRole('button', { name: /Ask a question or report a problem/ }).click();
    await form.getByLabel(/^Subject/).fill('I forgot my password');
    await form.getByRole('button', { name: 'Reset your password' }).click();
    const article = form.locator('portico-knowledge');
    await article.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await article.getByRole('heading', { name: 'Step by step' }).waitFor();
    await article.getByRole('button', { name: 'Yes' }).click();
    await article.getByText('Thank you! Glad it helped.').waitFor();

    // 4. The solved ticket asks how we did.
    await dialog.getByRole('tab', { name: 'Tickets' }).click();
    // Tickets still shows the ticket just made; selecting it again goes to the list.
    await dialog.getByRole('tab', { name: 'Tickets' }).click();
    // Found the way a customer finds one among many: by what its subject says.
    // A solved ticket is not among the open ones the list starts with.
    await dialog.getByLabel('Status', { exact: true }).selectOption('all');
    await dialog.getByLabel('Search tickets').fill(`flickers [e2e ${RUN}]`);
    await dialog.getByRole('button', { name: new RegExp(solved.subject.replace(/[[\]]/g, '\\$&')) }).click();
    await detail.getByRole('heading', { name: 'How did we do?' }).waitFor();
    await detail.getByLabel('Very satisfied').check();
    await detail.getByLabel('Anything you want to add? (optional)').fill(`Fixed in a day (${RUN}).`);
    await detail.getByRole('button', { name: 'Send rating' }).click();
    await detail.getByText('5 of 5 — Very satisfied').waitFor();

    // What the site owner sees.
    const ratings = await admin<{ items: Array<{ ticketId: string; score: number; comment: string }> }>('/ratings');
    assert.deepEqual(
      ratings.items.filter((r) => r.ticketId === solved.id).map((r) => [r.score, r.comment]),
      [[5, `Fixed in a day (${RUN}).`]],
    );
    const feedback = await admin<{ items: Array<{ articleId: string; helpful: number }> }>('/articles/feedback');
    assert.ok(feedback.items.find((f) => f.articleId === 'kb-reset-password')!.helpful >= 1);
    assert.deepEqual(unexpectedProblems(o.problems), []);
  });

  test('Dutch, on the full-page portal: the same, with no English word on the way', async () => {
    const solved = await solvedTicket('Beamer in zaal 4 knippert');
    const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    context.setDefaultTimeout(10_000);
    const page: Page = await context.newPage();
    opened.push({
      context,
      page,
      problems: { pageErrors: [], consoleErrors: [], consoleWarnings: [], failedRequests: [] },
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // The portal page in Dutch: the same page with `<html lang="nl">`.
    await context.route(
      (url) => url.origin === gw.origin && url.pathname === '/portal.html',
      async (route) => {
        const response = await route.fetch();
        const html = await response.text();
        const body = html.replace(/<html[^>]*>/, '<html lang="nl">');
        assert.notEqual(body, html, 'portal.html has no <html> tag to set lang on');
        await route.fulfill({ response, body });
      },
    );
    await page.goto(`${gw.origin}/portal.html`);
    await page.getByLabel('E-mailadres').fill(CAROL);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();

    await page.getByRole('tab', { name: 'Nieuwe melding' }).click();
    const form = page.locator('portico-support-form');
    await form.getByRole('heading', { name: 'Waar gaat je melding over?' }).waitFor();
    await form.getByRole('button', { name: /Toegang tot een systeem aanvragen/ }).click();
    assert.match(page.url(), /#\/new\/access-request$/, 'the chosen form is a deep link');
    const subject = `VPN voor thuiswerken [e2e ${RUN}]`;
    await fillAccessRequest(
      form,
      {
        subject: 'Onderwerp',
        description: 'Omschrijving',
        system: 'Systeem',
        start: 'Startdatum',
        manager: 'E-mail van je leidinggevende',
        reason: 'Waarom heb je het nodig',
      },
      subject,
    );
    await form.getByRole('button', { name: 'Melding versturen' }).click();
    const detail = page.locator('portico-ticket-detail');
    await detail.getByRole('heading', { name: subject, level: 2 }).waitFor();
    const fields = detail.locator('[part~="field-list"]');
    await fields.getByText('Systeem').waitFor();
    const rows = await fields
      .locator('div')
      .evaluateAll((divs) =>
        divs.map((d) => [d.querySelector('dt')!.textContent!.trim(), d.querySelector('dd')!.textContent!.trim()]),
      );
    assert.deepEqual(rows.slice(0, 2), [
      ['Systeem', 'VPN'],
      ['Startdatum', '4 jan 2027'],
    ]);

    await page.getByRole('tab', { name: 'Hulpartikelen' }).click();
    const kb = page.locator('portico-knowledge');
    await kb.getByLabel('Zoek in de artikelen').fill('wachtwoorden vergeten');
    await kb.getByRole('button', { name: 'Wachtwoord vergeten?' }).first().click();
    await kb.getByRole('heading', { name: 'Wachtwoord vergeten?' }).waitFor();
    assert.match(page.url(), /#\/kb\/kb-nl-wachtwoord-vergeten$/);
    await kb.getByRole('heading', { name: 'Zo doe je het' }).waitFor();
    await kb.getByRole('button', { name: 'Ja' }).click();
    await kb.getByText('Bedankt! Fijn dat het hielp.').waitFor();

    // A deep link to the solved ticket (the portal follows hash changes).
    await page.evaluate((id) => (location.hash = `#/ticket/${encodeURIComponent(id)}`), solved.id);
    await detail.getByRole('heading', { name: 'Hoe hebben we het gedaan?' }).waitFor();
    await detail.getByLabel('Zeer tevreden').check();
    await detail.getByRole('button', { name: 'Beoordeling versturen' }).click();
    await detail.getByText('5 van 5 — Zeer tevreden').waitFor();
    // Nothing of this view in English.
    const shown = await detail.evaluate((el) => el.shadowRoot!.querySelector('[part="rating"]')!.textContent!);
    assert.doesNotMatch(shown, /\b(How|rating|Send|satisfied|Change)\b/);
    assert.deepEqual(errors, []);
  });
});
