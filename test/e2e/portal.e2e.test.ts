/**
 * The support page (demo/index.html: the page's own content plus one script
 * tag) as a customer uses it, against the running gateway — embedded store by
 * default, Request Tracker with PORTICO_CONNECTOR=rt (agent work then happens
 * in RT itself, through its REST2).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Ticket } from '../../src/protocol/index.js';
import { makePng } from '../../server/seed/demo-files.js';
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
  skipReason,
  startGateway,
  unexpectedProblems,
  waitForAccessible,
} from './harness.js';

const connector = connectorFromEnv();
const skip = await skipReason(connector);
// RT's changes reach the gateway by polling; the embedded store publishes at once.
const LIVE_TIMEOUT = connector === 'rt' ? 12_000 : 8_000;

const CAROL = 'carol@acme.example';
const DAVE = 'dave@acme.example';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe(`customer portal on the support page (${connector} connector)`, { skip: skip ?? false }, () => {
  let gw: Gateway;
  let browser: Browser;
  const opened: OpenedPage[] = [];
  // One ticket per test, so no test sees another's replies or status changes.
  let readTicket: Ticket;
  let replyTicket: Ticket;
  let liveTicket: Ticket;
  let statusTicket: Ticket;
  let daveTicket: Ticket;
  let imageTicket: Ticket;
  const agentAnswer = `Thanks Carol, we are on it (${RUN}).`;
  const earlyNote = `INTERNAL ${RUN}: customer is on the old contract, do not mention the discount.`;

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector }), launchBrowser()]);
    const subject = (what: string) => `${what} [e2e ${RUN}]`;
    [readTicket, replyTicket, liveTicket, statusTicket, daveTicket, imageTicket] = await Promise.all([
      createTicketAs(
        gw.origin,
        CAROL,
        subject('Printer on floor 2 prints blank pages'),
        `The printer on floor 2 prints blank pages since ${RUN}.`,
      ),
      createTicketAs(gw.origin, CAROL, subject('Screenshot of the error dialog')),
      createTicketAs(gw.origin, CAROL, subject('Waiting for an answer')),
      createTicketAs(gw.origin, CAROL, subject('Status will change')),
      createTicketAs(gw.origin, DAVE, subject('Dave cannot open the report')),
      createTicketAs(gw.origin, CAROL, subject('Newsletter-style answer')),
    ]);
    // History before the customer looks: an answer and an internal note.
    await gw.agent.comment(readTicket.id, earlyNote);
    await gw.agent.reply(readTicket.id, agentAnswer);
  });

  after(async () => {
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close();
    await gw?.close();
  });

  /**
   * A visitor on the support page, signed in through the launcher. `live`
   * resolves once the page's event stream is connected: what an agent does
   * after that must reach the page without a reload.
   */
  async function signedIn(email: string): Promise<{ page: Page; dialog: Locator; live: Promise<unknown> }> {
    const o = await openPage(browser, `${gw.origin}/`);
    opened.push(o);
    const live = o.page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/portico/v1/events' && r.status() === 200,
      {
        timeout: 15_000,
      },
    );
    live.catch(() => {}); // awaited only by the tests that need it
    await openLauncher(o.page);
    await signInThroughPanel(o.page, email);
    return { page: o.page, dialog: o.page.getByRole('dialog'), live };
  }

  async function openTicket(dialog: Locator, ticket: Ticket): Promise<Locator> {
    await dialog.getByRole('button', { name: new RegExp(`^(Unread: )?${escapeRe(ticket.subject)}`) }).click();
    const detail = dialog.locator('portico-ticket-detail');
    await detail.getByRole('heading', { name: ticket.subject, level: 2 }).waitFor();
    await detail.getByRole('heading', { name: 'Conversation' }).waitFor();
    return detail;
  }

  const conversation = (detail: Locator) => detail.locator('[part~="message"]');

  /** Waits for what an agent just did to show on the open page, without any reload. */
  async function arrivesLive(target: Locator, what: string): Promise<void> {
    try {
      await target.waitFor({ timeout: LIVE_TIMEOUT });
    } catch {
      assert.fail(`${what} did not reach the open page within ${LIVE_TIMEOUT / 1000} s (no live update over SSE)`);
    }
  }

  test('the support page has only its own content until the launcher is used', async () => {
    const { page, problems } = await openPage(browser, `${gw.origin}/`);
    try {
      assert.equal((await waitForAccessible(page, 'button', 'Open support')).length, 1, 'one launcher button');
      assert.equal(await page.getByRole('dialog').count(), 0, 'no panel before the visitor asks for one');
      await openLauncher(page);
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Email address').waitFor();
      assert.deepEqual(unexpectedProblems(problems), []);
    } finally {
      await page.context().close();
    }
  });

  test('a demo customer signs in and her tickets are listed; a ticket shows its conversation without internal notes', async () => {
    const { dialog } = await signedIn(CAROL);
    const rows = dialog.getByRole('grid').getByRole('row');
    await rows.nth(1).waitFor();
    assert.ok((await rows.count()) >= 2, 'a header row and at least one ticket');
    if (connector === 'embedded') {
      // Seeded tickets of docs/protocol.md are there too.
      await dialog.getByRole('button', { name: /Invoice for March shows 40 seats instead of 25/ }).waitFor();
    }

    const detail = await openTicket(dialog, readTicket);
    await conversation(detail)
      .filter({ hasText: `prints blank pages since ${RUN}` })
      .waitFor();
    await conversation(detail).filter({ hasText: agentAnswer }).waitFor();
    assert.equal(await detail.getByText(earlyNote).count(), 0, 'the internal note is not in the conversation');
    assert.equal(await detail.getByText(/INTERNAL/).count(), 0);
  });

  test('a reply with an attachment appears, and its link downloads the very bytes uploaded', async () => {
    const { page, dialog } = await signedIn(CAROL);
    const detail = await openTicket(dialog, replyTicket);
    const png = makePng(37, 23, [parseInt(RUN.slice(0, 2), 16), 120, 200]);
    const fileName = `error-dialog-${RUN}.png`;
    const text = `Here is the screenshot you asked for (${RUN}).`;

    await detail.getByLabel('Your message').fill(text);
    await detail.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
    await detail.locator('[part~="upload"][part~="done"]', { hasText: fileName }).waitFor();
    await detail.getByRole('button', { name: 'Send reply' }).click();

    const mine = conversation(detail).filter({ hasText: text });
    await mine.waitFor();
    const link = mine.getByRole('link', { name: new RegExp(escapeRe(fileName)) });
    await link.waitFor();
    assert.equal(await detail.getByLabel('Your message').inputValue(), '', 'the reply box is emptied after sending');

    const href = await link.getAttribute('href');
    assert.ok(href, 'the attachment link has an address');
    const downloaded = await page.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'include' });
      return { status: res.status, bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
    }, href);
    assert.equal(downloaded.status, 200);
    assert.deepEqual(Buffer.from(downloaded.bytes), png, 'downloaded bytes equal the uploaded file');
  });

  test('a ticket raised through New ticket appears in the ticket list', async (t) => {
    const { dialog } = await signedIn(CAROL);
    const newTab = dialog.getByRole('tab', { name: 'New ticket' });
    if ((await newTab.count()) === 0) {
      t.skip('the panel offers no New ticket view (support form not in the bundle)');
      return;
    }
    await newTab.click();
    const form = dialog.locator('portico-support-form');
    // The demo has two forms: the person picks one first.
    await form.getByRole('button', { name: /Ask a question or report a problem/ }).click();
    const subject = `Badge reader at the side entrance beeps red [e2e ${RUN}]`;
    await form.getByLabel(/^Subject/).fill(subject);
    await form
      .getByLabel(/^Description/)
      .fill('Since this morning my badge is refused at the side entrance; the front door works.');
    await form.getByLabel(/^Product/).selectOption({ label: 'Customer portal' });
    await form.getByRole('button', { name: 'Send request' }).click();
    await dialog
      .getByText('Thank you — your request was sent')
      .or(dialog.getByRole('heading', { name: subject }))
      .first()
      .waitFor();

    await dialog.getByRole('tab', { name: 'Tickets' }).click();
    // Selecting Tickets again leaves any detail for the list.
    if (await dialog.getByRole('button', { name: 'Back' }).count())
      await dialog.getByRole('button', { name: 'Back' }).click();
    try {
      await dialog
        .getByRole('grid')
        .getByRole('button', { name: new RegExp(escapeRe(subject)) })
        .waitFor({ timeout: 5_000 });
    } catch {
      assert.fail('the ticket just raised is not in the ticket list shown after it');
    }
  });

  test('an agent reply arrives live over SSE and is announced; an internal comment never shows', async () => {
    const { page, dialog, live } = await signedIn(CAROL);
    const detail = await openTicket(dialog, liveTicket);
    await live;
    await page.evaluate(() => ((window as unknown as { e2eNoReload: boolean }).e2eNoReload = true));
    const secret = `INTERNAL ${RUN}: refund approved by finance, tell her tomorrow.`;
    const answer = `We have restarted the service; could you try again? (${RUN})`;

    // The comment goes first: once the later reply has arrived, the comment has had its chance to leak.
    await gw.agent.comment(liveTicket.id, secret);
    await gw.agent.reply(liveTicket.id, answer);

    await arrivesLive(conversation(detail).filter({ hasText: answer }), 'the agent’s reply');
    assert.equal(
      await page.evaluate(() => (window as unknown as { e2eNoReload?: boolean }).e2eNoReload),
      true,
      'the reply came in without a page reload',
    );
    const liveRegion = detail.locator('[part="live-region"]');
    assert.equal(await liveRegion.getAttribute('aria-live'), 'polite');
    await assert.doesNotReject(
      liveRegion.filter({ hasText: /New reply from/ }).waitFor({ state: 'attached', timeout: 2_000 }),
      'the new reply is announced in the live region',
    );
    assert.equal(await detail.getByText(secret).count(), 0, 'the internal comment did not arrive live');

    // A fresh load of the conversation does not have it either.
    await detail.getByRole('button', { name: 'Back' }).click();
    const again = await openTicket(dialog, liveTicket);
    await conversation(again).filter({ hasText: answer }).waitFor();
    assert.equal(await again.getByText(secret).count(), 0, 'the internal comment is not in the reloaded conversation');
  });

  test('an agent’s HTML answer with a tracking pixel and a remote image fetches nothing from their servers', async () => {
    // The sender's server: counts every request the customer's browser makes to it.
    const hits: string[] = [];
    const tracker = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/gif' }).end();
    });
    await new Promise<void>((r) => tracker.listen(0, '127.0.0.1', r));
    const port = (tracker.address() as AddressInfo).port;
    try {
      const text = `Here is the new floor plan (${RUN}).`;
      await gw.agent.replyHtml(
        imageTicket.id,
        `<p>${text}</p><img src="http://127.0.0.1:${port}/open.gif?who=carol" width="1" height="1">` +
          `<p><img src="http://127.0.0.1:${port}/floor-plan.png" alt="Floor plan"></p>`,
      );
      const { page, dialog } = await signedIn(CAROL);
      const elsewhere: string[] = [];
      page.on('request', (r) => {
        if (new URL(r.url()).origin !== gw.origin) elsewhere.push(r.url());
      });
      const detail = await openTicket(dialog, imageTicket);
      await conversation(detail).filter({ hasText: text }).waitFor();
      const link = detail.getByRole('link', { name: 'Image: Floor plan' });
      await link.waitFor();
      assert.equal(await link.getAttribute('href'), `http://127.0.0.1:${port}/floor-plan.png`);
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      assert.equal(await detail.getByRole('link', { name: `Image: 127.0.0.1:${port}` }).count(), 1);
      assert.equal(await conversation(detail).locator('img').count(), 0, 'no image element');
      // The list is drawn and the ticket rendered: anything the body would fetch has been asked for by now.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      assert.deepEqual(hits, [], 'the sender’s server was never asked');
      assert.deepEqual(elsewhere, [], 'the page asked no origin but the gateway');
    } finally {
      await new Promise((r) => tracker.close(r));
    }
  });

  test('a status change by the agent shows with its label', async () => {
    const { dialog, live } = await signedIn(CAROL);
    const detail = await openTicket(dialog, statusTicket);
    await live;
    const badge = detail.locator('header [part="status-badge"]');
    assert.equal((await badge.textContent())?.trim(), 'New');

    await gw.agent.setStatus(statusTicket.id, 'pending');
    await arrivesLive(
      detail.locator('header [part="status-badge"]', { hasText: 'Pending' }),
      'the status change to Pending',
    );
    assert.equal(await badge.getAttribute('data-status'), 'pending');
  });

  test('back in the list, the ticket shows the status it changed to while its detail was open', async () => {
    const { dialog, live } = await signedIn(CAROL);
    const detail = await openTicket(dialog, statusTicket);
    await live;
    await detail.locator('header [part="status-badge"]').waitFor();
    await gw.agent.setStatus(statusTicket.id, 'open');
    await arrivesLive(detail.locator('header [part="status-badge"]', { hasText: 'Open' }), 'the status change to Open');

    await detail.getByRole('button', { name: 'Back' }).click();
    const row = dialog.getByRole('row').filter({ hasText: statusTicket.subject });
    await row.waitFor();
    // The list held on to the row from before the change; it must not contradict the detail just seen.
    await row.getByRole('gridcell', { name: 'Open', exact: true }).waitFor({ timeout: 3_000 });
  });

  test("a company user switches to her organisation's tickets and can only read a colleague's", async () => {
    const { dialog } = await signedIn(CAROL);
    const orgButton = dialog.getByRole('button', { name: 'All of Acme Corp' });
    await orgButton.click();
    assert.equal(await orgButton.getAttribute('aria-pressed'), 'true');
    await dialog.getByRole('grid', { name: 'Tickets of your organisation' }).waitFor();

    const detail = await openTicket(dialog, daveTicket);
    await detail.getByText(/You can read this ticket, but only .+, who raised it, can reply\./).waitFor();
    assert.equal(await detail.getByLabel('Your message').count(), 0, 'no reply box on a colleague’s ticket');
    assert.equal(await detail.getByRole('button', { name: 'Send reply' }).count(), 0);
  });

  test('a plain user is not offered the organisation view', async () => {
    const { dialog } = await signedIn(DAVE);
    await dialog
      .getByRole('grid')
      .getByRole('button', { name: new RegExp(escapeRe(daveTicket.subject)) })
      .waitFor();
    assert.equal(await dialog.getByRole('button', { name: /^All of / }).count(), 0);
    assert.equal(await dialog.getByRole('group', { name: 'Show' }).count(), 0, 'no My tickets / organisation switch');
  });
});
