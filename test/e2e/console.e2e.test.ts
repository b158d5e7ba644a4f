// The console at /admin/ against the real gateway: a console account signs
// in, finds a customer's ticket, answers it, adds an internal note and
// changes the status — and the customer, signed in on the support page, sees
// the answer and the status arrive live, and never the note.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import type { Ticket } from '../../src/protocol/index.js';
import {
  accessibleElements,
  axeViolations,
  connectorFromEnv,
  createTicketAs,
  cspViolations,
  type Gateway,
  launchBrowser,
  mailedLink,
  openLauncher,
  openPage,
  type OpenedPage,
  RUN,
  signInThroughPanel,
  skipReason,
  startGateway,
  unexpectedProblems,
} from './harness.js';
import { outboxFor } from '../server/helpers/gateway-harness.js';
import { hostPage, startHostSite } from './host-pages.js';

const connector = connectorFromEnv();
const skip = await skipReason(connector);
const AGENT = { email: `agent-${RUN}@portico.test`, name: 'Alex Agent', password: `console-${RUN}-pass` };
const OWNER = { email: `owner-${RUN}@portico.test`, name: 'Olga Owner', password: `owner-${RUN}-pass` };

describe('the console at /admin/', { skip: skip ?? false }, () => {
  let gw: Gateway;
  let browser: Browser;
  let ticket: Ticket;
  const opened: OpenedPage[] = [];

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector }), launchBrowser()]);
    for (const [account, role] of [
      [AGENT, 'agent'],
      [OWNER, 'owner'],
    ] as const) {
      const res = await fetch(`${gw.origin}/admin/v1/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...account, role }),
      });
      assert.equal(res.status, 201, await res.text());
    }
    ticket = await createTicketAs(gw.origin, 'carol@acme.example', `Projector in room 4 flickers [console ${RUN}]`);
  });

  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await gw?.close();
  });

  async function open(url: string): Promise<OpenedPage> {
    const o = await openPage(browser, url);
    opened.push(o);
    return o;
  }

  const consoleOf = (o: OpenedPage): Locator => o.page.locator('portico-console');

  async function signInToConsole(o: OpenedPage, password: string, email = AGENT.email): Promise<void> {
    const c = consoleOf(o);
    await c.getByLabel('Email address').fill(email);
    await c.getByLabel('Password').fill(password);
    await c.getByRole('button', { name: 'Sign in' }).click();
  }

  test('an agent answers a ticket, notes internally and solves it; the customer sees answer and status live', async () => {
    // The customer, with her ticket open on the support page.
    const customer = await open(`${gw.origin}/`);
    const live = customer.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/portico/v1/events' && r.status() === 200,
      { timeout: 15_000 },
    );
    await openLauncher(customer.page);
    await signInThroughPanel(customer.page, 'carol@acme.example');
    const dialog = customer.page.getByRole('dialog');
    await dialog.getByRole('button', { name: new RegExp(ticket.subject.replace(/[[\]]/g, '\\$&')) }).click();
    const detail = dialog.locator('portico-ticket-detail');
    await detail.getByRole('heading', { name: 'Conversation' }).waitFor();
    await live;

    // The agent: a wrong password is refused in words, the right one opens the tickets.
    const agent = await open(`${gw.origin}/admin/`);
    const c = consoleOf(agent);
    await signInToConsole(agent, 'not-the-password');
    await c.getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    assert.match((await c.getByRole('alert').textContent()) ?? '', /password/i);
    assert.deepEqual(await axeViolations(agent.page), [], 'axe: the sign-in with its error');
    await signInToConsole(agent, AGENT.password);
    await c.getByRole('heading', { name: 'Tickets', level: 2 }).waitFor();
    assert.match((await c.locator('header').textContent()) ?? '', /Alex Agent\s*\(agent\)/);
    assert.equal(await c.getByRole('link', { name: 'Settings' }).count(), 0, 'agents do not change settings');

    // Found by a word of its subject.
    await c.getByLabel('Search', { exact: true }).fill(`Projector ${RUN}`);
    await c.getByRole('button', { name: 'Search' }).click();
    await c.getByRole('row').filter({ hasText: ticket.number }).waitFor();
    assert.equal(await c.locator('tbody tr').count(), 1, 'the search finds this one ticket');
    assert.deepEqual(await axeViolations(agent.page), [], 'axe: the ticket list');
    await c.getByRole('button', { name: ticket.subject }).click();
    const view = agent.page.locator('portico-console-ticket');
    await view.getByRole('heading', { name: `#${ticket.number} ${ticket.subject}` }).waitFor();
    assert.match((await view.locator('.meta').textContent()) ?? '', /carol@acme\.example/);

    // An internal note first, then the answer: once the answer is shown, the note had its chance to leak.
    const note = `INTERNAL ${RUN}: the projector is under warranty.`;
    const answer = `A technician comes by at 14:00 (${RUN}).`;
    await view.getByLabel('Answer').fill(note);
    await view.getByLabel(/Internal note/).check();
    await view.getByRole('button', { name: 'Send' }).click();
    await view.getByRole('status').filter({ hasText: 'Internal note saved' }).waitFor();
    await view.getByLabel('Answer').fill(answer);
    await view.getByRole('button', { name: 'Send' }).click();
    await view.getByRole('status').filter({ hasText: 'Answer sent to the customer.' }).waitFor();
    await view.locator('li.agent').filter({ hasText: answer }).waitFor();
    assert.deepEqual(await axeViolations(agent.page), [], 'axe: the ticket view');

    await detail.locator('[part~="message"]').filter({ hasText: answer }).waitFor({ timeout: 10_000 });
    assert.equal(await detail.getByText(note).count(), 0, 'the customer never sees the internal note');

    // Solved in the console; the customer's open ticket says so without a reload.
    await view.getByLabel('Status').selectOption('solved');
    await view.getByRole('button', { name: 'Change status' }).click();
    await view.getByRole('status').filter({ hasText: 'Status changed to Solved.' }).waitFor();
    await detail.locator('[part="status-badge"]').filter({ hasText: 'Solved' }).first().waitFor({ timeout: 10_000 });

    // A reload keeps the console session and the open ticket; signing out ends it.
    await agent.page.reload();
    await view.getByRole('heading', { name: `#${ticket.number} ${ticket.subject}` }).waitFor();
    assert.ok((await accessibleElements(agent.page, 'button', 'Sign out')).length > 0);
    await c.getByRole('button', { name: 'Sign out' }).click();
    await c.getByLabel('Email address').waitFor();
    await agent.page.reload();
    await c.getByLabel('Email address').waitFor();

    assert.deepEqual(await cspViolations(agent.page), [], 'the console runs under the gateway CSP');
    // The wrong password's 401 and the signed-out session checks are expected answers.
    const problems = unexpectedProblems(agent.problems).filter((p) => !/401 .*\/admin\/v1\/session/.test(p));
    assert.deepEqual(problems, []);
  });

  test('a customer’s session never opens the console, and the console page is not the customer bundle', async () => {
    const o = await open(`${gw.origin}/`);
    await openLauncher(o.page);
    await signInThroughPanel(o.page, 'carol@acme.example');
    await o.page.goto(`${gw.origin}/admin/`);
    const c = consoleOf(o);
    await c.getByLabel('Email address').waitFor();
    assert.equal(
      await c.getByRole('heading', { name: 'Tickets' }).count(),
      0,
      'signed in as a customer, still the sign-in',
    );
    const scripts = await o.page.evaluate(() => [...document.scripts].map((s) => s.src));
    assert.deepEqual(scripts, [`${gw.origin}/dist/console/portico-console.js`]);
  });

  async function settingsNow(): Promise<{
    portal: { name: string; chat: { enabled: boolean } };
    server: { sessionIdleMinutes: number };
  }> {
    const res = await fetch(`${gw.origin}/admin/v1/settings`, {
      headers: { authorization: `Bearer ${gw.adminToken}` },
    });
    return res.json();
  }

  test('a site owner changes settings: a bad value is named and nothing stored, a good one reaches the customer, Undo restores it', async () => {
    const before = await settingsNow();
    const owner = await open(`${gw.origin}/admin/`);
    const c = consoleOf(owner);
    await signInToConsole(owner, OWNER.password, OWNER.email);
    await c.getByRole('link', { name: 'Settings' }).click();
    const settings = owner.page.locator('portico-console-settings');
    const idle = settings.getByLabel('Sign out after this many idle minutes');
    await idle.waitFor();

    // Out of range: refused at its field in words, focus moves there, nothing stored.
    await idle.fill('0');
    await settings.getByRole('button', { name: 'Save' }).click();
    const error = settings.locator('.setting .error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /Sign out after this many idle minutes .*1/);
    assert.deepEqual(await axeViolations(owner.page), [], 'axe: the settings with a refused value');
    assert.equal(await idle.getAttribute('aria-invalid'), 'true');
    assert.equal(await idle.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true);
    assert.deepEqual(await settingsNow(), before, 'nothing was stored');
    await idle.fill(String(before.server.sessionIdleMinutes));

    // A new name and no chat: saved, and the customer's next page shows both.
    const name = `Acme Help ${RUN}`;
    await settings.getByLabel('Portal name').fill(name);
    await settings.getByLabel('Offer the chat').uncheck();
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = await settingsNow();
    assert.equal(saved.portal.name, name);
    assert.equal(saved.portal.chat.enabled, false);

    const customer = await open(`${gw.origin}/`);
    await openLauncher(customer.page);
    await signInThroughPanel(customer.page, 'carol@acme.example');
    const dialog = customer.page.getByRole('dialog');
    await dialog.getByRole('heading', { name }).waitFor();
    assert.equal(await dialog.getByRole('tab', { name: 'Chat' }).count(), 0, 'no chat tab once chat is off');

    // Undo puts back what the save replaced.
    await settings.getByRole('button', { name: 'Undo' }).click();
    await settings.getByRole('status').filter({ hasText: 'The last change was undone.' }).waitFor();
    const undone = await settingsNow();
    assert.equal(undone.portal.name, before.portal.name);
    assert.equal(undone.portal.chat.enabled, before.portal.chat.enabled);
    assert.deepEqual(
      unexpectedProblems(owner.problems).filter((p) => !/40[01] .*\/admin\/v1\/(session|settings)/.test(p)),
      [],
    );
  });

  test('a site owner writes the consent text per language: too long a text is refused at its own box, the saved ones reach visitors in their language', async () => {
    const consentNow = async () =>
      ((await settingsNow()) as unknown as { portal: { registration: { consentText: unknown } } }).portal.registration
        .consentText;
    const consentFor = async (acceptLanguage: string) => {
      const res = await fetch(`${gw.origin}/portico/v1/portal`, { headers: { 'accept-language': acceptLanguage } });
      return ((await res.json()) as { registration: { consentText: string | null } }).registration.consentText;
    };
    const before = await consentNow();
    const owner = await open(`${gw.origin}/admin/`);
    const c = consoleOf(owner);
    await signInToConsole(owner, OWNER.password, OWNER.email);
    await c.getByRole('link', { name: 'Settings' }).click();
    const consent = owner.page.locator('portico-console-settings').getByRole('group', {
      name: 'Consent text on the sign-up form',
    });
    const dutch = consent.getByLabel('Dutch', { exact: true });
    const english = consent.getByLabel('English', { exact: true });
    await dutch.waitFor();
    // The built-in texts, each in its own box.
    assert.match(await dutch.inputValue(), /^Ik ga ermee akkoord/);
    assert.match(await english.inputValue(), /^I agree/);

    await dutch.fill('x'.repeat(2001));
    await c.getByRole('button', { name: 'Save' }).click();
    const error = consent.locator('.error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /Consent text on the sign-up form \(Dutch\).*2000/);
    assert.equal(await dutch.getAttribute('aria-invalid'), 'true');
    assert.equal(await dutch.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true);
    assert.deepEqual(await consentNow(), before, 'nothing was stored');
    assert.deepEqual(await axeViolations(owner.page), [], 'axe: the consent texts with a refused one');

    const nl = `Ik ga akkoord met de voorwaarden van Acme (${RUN}).`;
    const en = `I agree to the terms of Acme (${RUN}).`;
    await dutch.fill(nl);
    await english.fill(en);
    await c.getByRole('button', { name: 'Save' }).click();
    await c.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await consentFor('nl'), nl);
    assert.equal(await consentFor('en-GB,en;q=0.9'), en);

    await c.getByRole('button', { name: 'Undo' }).click();
    await c.getByRole('status').filter({ hasText: 'The last change was undone.' }).waitFor();
    assert.deepEqual(await consentNow(), before);
    assert.deepEqual(
      unexpectedProblems(owner.problems).filter((p) => !/40[01] .*\/admin\/v1\/(session|settings)/.test(p)),
      [],
    );
  });

  test('an agent finds a visitor’s chat in the inbox, answers it live and ends it', async (t) => {
    if (connector === 'rt') return t.skip('RT has no chat: the gateway reports capabilities.chat false');
    const customer = await open(`${gw.origin}/`);
    await openLauncher(customer.page);
    await signInThroughPanel(customer.page, 'dave@acme.example');
    const dialog = customer.page.getByRole('dialog');
    await dialog.getByRole('tab', { name: 'Chat' }).click();
    const chat = dialog.locator('portico-chat');
    const question = `Is the VPN down for everyone? (${RUN})`;
    await chat.getByLabel('Message', { exact: true }).fill(question);
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await chat.getByText(question).waitFor();

    const agent = await open(`${gw.origin}/admin/#chats`);
    const c = consoleOf(agent);
    await signInToConsole(agent, AGENT.password);
    const inbox = agent.page.locator('portico-console-chats');
    const entry = inbox.getByRole('button', { name: new RegExp(`dave@acme\\.example.*${RUN}`) });
    await entry.waitFor();
    await entry.click();
    const log = inbox.getByRole('log', { name: 'Chat messages' });
    await log.getByText(question).waitFor();

    const answer = `Only the Amsterdam office; a fix is under way (${RUN}).`;
    await inbox.getByLabel('Answer').fill(answer);
    await inbox.getByRole('button', { name: 'Send' }).click();
    await log.getByText(answer).waitFor();
    assert.deepEqual(await axeViolations(agent.page), [], 'axe: a chat in the inbox');
    await chat.getByText(answer).waitFor({ timeout: 10_000 });

    // What the visitor writes next reaches the open conversation by itself.
    const followUp = `Thanks, I am in Amsterdam (${RUN}).`;
    await chat.getByLabel('Message', { exact: true }).fill(followUp);
    await chat.getByLabel('Message', { exact: true }).press('Enter');
    await log.getByText(followUp).waitFor({ timeout: 10_000 });

    await inbox.getByRole('button', { name: 'End chat' }).click();
    await inbox.getByText('This chat has ended.').waitFor();
    await chat.getByText(/This chat has ended/).waitFor({ timeout: 10_000 });
    assert.equal(await c.getByRole('link', { name: 'Chats' }).getAttribute('aria-current'), 'page');
  });

  test('a site owner adds and invites a customer, who follows the mail; moved and revoked, the customer is signed out', async () => {
    const email = `nina-${RUN}@acme.example`;
    const owner = await open(`${gw.origin}/admin/`);
    const c = consoleOf(owner);
    await signInToConsole(owner, OWNER.password, OWNER.email);
    await c.getByRole('link', { name: 'Customers' }).click();
    const people = owner.page.locator('portico-console-customers');
    await people.getByRole('heading', { name: 'Customers' }).waitFor();

    // Added with the invitation; a bad address first is named at its field, and nothing is added.
    await people.getByText('Add a customer').click();
    const add = people.locator('details form').first();
    await add.getByLabel('Email address').fill('not an address');
    await add.getByLabel('Name').fill('Nina Nieuw');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await add.locator('.error').first().waitFor();
    assert.equal(await add.getByLabel('Email address').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await axeViolations(owner.page), [], 'axe: the customers list with a refused address');
    await add.getByLabel('Email address').fill(email);
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await people
      .getByRole('status')
      .filter({ hasText: `${email} was added and invited to the portal.` })
      .waitFor();

    // An organisation added, then edited: a second domain and an address.
    const bakery = `Bakery ${RUN}`;
    await people.getByText(/^Organisations \(/).click();
    const orgForm = people.locator('details').nth(1).locator('form');
    await orgForm.getByLabel('New organisation').fill(bakery);
    await orgForm.getByLabel('E-mail domains').fill(`bakery-${RUN}.example`);
    await orgForm.getByRole('button', { name: 'Add organisation' }).click();
    await people
      .getByRole('status')
      .filter({ hasText: `Organisation ${bakery} was added.` })
      .waitFor();
    await people.getByRole('button', { name: bakery }).click();
    const editOrg = people.locator('details').nth(1).locator('form');
    await editOrg.getByRole('heading', { name: bakery }).waitFor();
    assert.deepEqual(await axeViolations(owner.page), [], 'axe: an organisation being edited');
    await editOrg.getByLabel('E-mail domains').fill(`bakery-${RUN}.example, bread-${RUN}.example`);
    await editOrg.getByLabel('Address').fill('Broodstraat 1, Utrecht');
    await editOrg.getByRole('button', { name: 'Save organisation' }).click();
    await people
      .getByRole('status')
      .filter({ hasText: `Organisation ${bakery} was saved.` })
      .waitFor();
    await people.getByRole('row', { name: new RegExp(`bread-${RUN}\\.example`) }).waitFor();
    const orgs = (await (
      await fetch(`${gw.origin}/admin/v1/organizations`, { headers: { authorization: `Bearer ${gw.adminToken}` } })
    ).json()) as { items: Array<{ name: string; domains: string[]; address?: string | null }> };
    const stored = orgs.items.find((o) => o.name === bakery);
    assert.deepEqual(stored?.domains, [`bakery-${RUN}.example`, `bread-${RUN}.example`]);
    assert.equal(stored?.address, 'Broodstraat 1, Utrecht');

    await people.getByLabel('Name or e-mail address').fill(`nina ${RUN}`);
    await people.getByRole('button', { name: 'Search' }).click();
    const row = people.getByRole('row', { name: new RegExp(`Nina Nieuw.*${email.replace(/[.]/g, '\\.')}`) });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Yes/, 'invited: portal access on');

    // The customer opens the invitation and chooses a password: signed in.
    const customer = await open(await mailedLink(gw, email, 'portico_reset'));
    const panel = customer.page.getByRole('dialog');
    await panel.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await panel.getByLabel('New password').fill(`nina-${RUN}-password`);
    await panel.getByRole('button', { name: 'Save password and sign in' }).click();
    await panel.getByRole('tab', { name: 'Tickets' }).waitFor();

    // The owner opens her (the address keeps the place across a reload), moves her out of Acme, then revokes access.
    await row.getByRole('button', { name: 'Nina Nieuw' }).click();
    await people.getByRole('heading', { name: 'Nina Nieuw' }).waitFor();
    await owner.page.reload();
    const editor = owner.page.locator('portico-console-customers');
    await editor.getByRole('heading', { name: 'Nina Nieuw' }).waitFor();
    await editor.getByLabel('Organisation').selectOption({ label: 'No organisation' });
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const me = () =>
      customer.page.evaluate(async () => {
        const r = await fetch('/portico/v1/me', { credentials: 'include' });
        return { status: r.status, body: r.ok ? await r.json() : null };
      });
    assert.equal((await me()).body?.organization, null, 'the customer’s own session sees the move at once');
    assert.deepEqual(await axeViolations(owner.page), [], 'axe: a customer being edited');

    await editor.getByRole('button', { name: 'Revoke portal access' }).click();
    await editor.getByRole('alert').getByText('Revoke portal access for Nina Nieuw?').waitFor();
    await editor.getByRole('button', { name: 'Revoke portal access' }).click();
    await editor.getByRole('status').filter({ hasText: 'Nina Nieuw can no longer sign in.' }).waitFor();
    await editor.getByRole('button', { name: 'Give portal access and send the invitation' }).waitFor();
    assert.equal((await me()).status, 401, 'her session ended');
    await customer.page.goto(`${gw.origin}/`);
    await openLauncher(customer.page);
    await customer.page.getByRole('dialog').getByLabel('Email address').waitFor();
    assert.deepEqual(
      unexpectedProblems(owner.problems).filter((p) => !/40[01] .*\/admin\/v1\/(session|customers)/.test(p)),
      [],
    );
  });

  test('a site owner imports customers from a CSV file: the check shows an error row, fixed it imports and they are listed', async () => {
    const owner = await open(`${gw.origin}/admin/#customers`);
    await signInToConsole(owner, OWNER.password, OWNER.email);
    const people = owner.page.locator('portico-console-customers');
    await people.getByRole('heading', { name: 'Customers' }).waitFor();
    await people.getByText('Import CSV', { exact: true }).click();
    const importer = people.locator('portico-console-customer-import');

    // A file it cannot read is refused in words, and the text stays to be fixed.
    const box = importer.getByLabel('Or paste the rows');
    await box.fill('Name;Phone\nAnna;0301234567');
    await importer.getByRole('button', { name: 'Check the file' }).click();
    await importer.getByRole('status').filter({ hasText: 'The file has no e-mail column' }).waitFor();
    assert.equal(await box.inputValue(), 'Name;Phone\nAnna;0301234567');

    // As Excel saves it where the decimal mark is a comma: a BOM, semicolons, a quoted cell with one.
    const bad = `cleo-${RUN}(at)import.example`;
    const csv = [
      'E-mail;Name;Language;Portal access',
      `ana-${RUN}@import.example;Ana Import;nl;yes`,
      `ben-${RUN}@import.example;"Import; Ben";;no`,
      `${bad};Cleo Import;fr;`,
    ].join('\r\n');
    await importer
      .getByLabel('CSV file')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) });
    await importer.getByLabel('Or paste the rows').waitFor();
    assert.match(
      await importer.getByLabel('Or paste the rows').inputValue(),
      /Cleo Import/,
      'the file is shown to fix',
    );
    await importer.getByRole('button', { name: 'Check the file' }).click();

    const table = importer.getByRole('table', { name: 'Rows of the file: 3' });
    await table.waitFor();
    const errorRow = table.getByRole('row').filter({ hasText: bad });
    await errorRow.getByText('Error: not imported').waitFor();
    assert.match(
      (await errorRow.textContent()) ?? '',
      /E-mail: Enter an e-mail address/,
      'the column is named as in the file',
    );
    assert.match((await table.getByRole('row').filter({ hasText: 'Ana Import' }).textContent()) ?? '', /Add/);
    assert.match((await importer.locator('.totals').textContent()) ?? '', /To add:\s*2.*With errors:\s*1/s);
    assert.equal(await importer.getByRole('button', { name: 'Import 2 customers' }).isDisabled(), true);
    assert.deepEqual(await axeViolations(owner.page), [], 'axe: the import check with an error row');
    const stored = (email: string) =>
      fetch(`${gw.origin}/admin/v1/customers?email=${encodeURIComponent(email)}`, {
        headers: { authorization: `Bearer ${gw.adminToken}` },
      }).then((r) => r.status);
    assert.equal(await stored(`ana-${RUN}@import.example`), 404, 'the check imported nothing');

    // Fixed where it stands, checked again, imported.
    await box.fill((await box.inputValue()).replace(bad, `cleo-${RUN}@import.example`));
    assert.equal(await importer.getByRole('table').count(), 0, 'a changed file needs a new check');
    await importer.getByRole('button', { name: 'Check the file' }).click();
    await importer.getByRole('button', { name: 'Import 3 customers' }).click();
    await importer.getByRole('status').filter({ hasText: 'Imported: 3 added, 0 updated.' }).waitFor();

    await people.getByLabel('Name or e-mail address').fill(RUN);
    await people.getByRole('button', { name: 'Search' }).click();
    for (const name of ['Ana Import', 'Import; Ben', 'Cleo Import'])
      await people.getByRole('button', { name }).waitFor();
    const ana = people.getByRole('row').filter({ hasText: `ana-${RUN}@import.example` });
    assert.match((await ana.textContent()) ?? '', /Yes/, 'portal access as the file said');
    assert.deepEqual(await outboxFor(gw.dataDir, `ana-${RUN}@import.example`), [], 'no invitation unless asked');
    // Before the sign-in, the console asks who is signed in (401); the file without an e-mail column was a 400.
    assert.deepEqual(
      unexpectedProblems(owner.problems).filter(
        (p) => !/401 .*\/admin\/v1\/session$/.test(p) && !/400 .*\/admin\/v1\/customers\/import$/.test(p),
      ),
      [],
    );
  });

  test('a site owner reads the access log: a failed sign-in found by address and event, and downloaded as CSV', async () => {
    const email = `mallory-${RUN}@acme.example`;
    const tried = await fetch(`${gw.origin}/portico/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a guess that is wrong' }),
    });
    assert.equal(tried.status, 401);
    const owner = await open(`${gw.origin}/admin/#activity`);
    const c = consoleOf(owner);
    await signInToConsole(owner, OWNER.password, OWNER.email);
    const activity = owner.page.locator('portico-console-activity');
    await activity.getByRole('heading', { name: 'Activity' }).waitFor();
    await activity.getByLabel('Email address').fill(email);
    await activity.getByLabel('Event').selectOption({ label: 'Sign-in failed' });
    await activity.getByRole('button', { name: 'Search' }).click();
    const row = activity.getByRole('row', { name: new RegExp(`Sign-in failed.*${email.replace(/[.]/g, '\\.')}`) });
    await row.waitFor();
    assert.equal(await activity.getByRole('row').count(), 2, 'the header and the one failure');
    assert.equal(await c.getByRole('link', { name: 'Activity' }).getAttribute('aria-current'), 'page');
    assert.deepEqual(await axeViolations(owner.page), [], 'axe: the access log, filtered');

    const [download] = await Promise.all([
      owner.page.waitForEvent('download'),
      activity.getByRole('link', { name: 'Download as CSV' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'portico-access-log.csv');
    const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'at,event,method,email,ip,userAgent,detail');
    assert.equal(lines.length, 2, 'the same selection as on screen');
    assert.match(lines[1]!, new RegExp(`"sign-in-failed","password","${email.replace(/[.]/g, '\\.')}"`));
  });

  test('a site owner’s generated snippet works as pasted on another site: Dutch, bottom left, under the strict CSP it gives', async () => {
    const owner = await open(`${gw.origin}/admin/#embed`);
    await signInToConsole(owner, OWNER.password, OWNER.email);
    const embed = owner.page.locator('portico-console-embed');
    await embed.getByRole('heading', { name: 'Put Portico on your site' }).waitFor();
    await embed.getByLabel('Language').selectOption({ label: 'Nederlands' });
    await embed.getByLabel('Corner of the button').selectOption({ label: 'Bottom left' });
    await embed.getByLabel('My site has a strict Content-Security-Policy').check();
    const site = await startHostSite(gw.origin);
    try {
      await embed.getByLabel('Your site’s address').fill(`${site.origin}/shop/`);
      await embed.getByText(`PORTICO_ALLOWED_ORIGINS=${site.origin}`, { exact: true }).waitFor();
      assert.deepEqual(await axeViolations(owner.page), [], 'axe: the embed view');
      const [snippet, cspLine] = await embed
        .locator('pre code')
        .evaluateAll((codes) => codes.map((c) => c.textContent!));
      assert.match(snippet!, /data-locale="nl"/);
      const csp = cspLine!.replace(/^Content-Security-Policy: /, '');
      assert.notEqual(csp, cspLine, 'the second block is the CSP header');
      const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
      assert.ok(
        readme.includes(cspLine!),
        'the console gives the CSP the README gives (strict-csp.e2e runs every view under it)',
      );

      // Pasted as given; the host fills in its nonce, and allows its origin at the gateway.
      gw.app.allowedOrigins.push(site.origin);
      const nonce = `n${RUN.replace(/[^a-z0-9]/gi, '')}`;
      site.set('/shop/', {
        html: hostPage('Winkel', snippet!.replaceAll('RANDOM', nonce)),
        headers: { 'content-security-policy': csp.replaceAll('RANDOM', nonce) },
      });
      const shop = await open(`${site.origin}/shop/`);
      const button = shop.page.getByRole('button', { name: 'Ondersteuning openen' });
      await button.waitFor();
      const box = (await button.boundingBox())!;
      const width = shop.page.viewportSize()!.width;
      assert.ok(box.x + box.width < width / 2, `the button is in the bottom-left corner (x ${box.x} of ${width})`);
      await button.click();
      await shop.page.getByRole('dialog').getByLabel('E-mailadres').waitFor();
      assert.deepEqual(await cspViolations(shop.page), [], 'no CSP or Trusted Types violation');
      assert.deepEqual(unexpectedProblems(shop.problems), []);
    } finally {
      await site.close();
    }
  });
});
