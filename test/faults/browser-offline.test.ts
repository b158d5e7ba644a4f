/**
 * Fault cases a customer would notice, in Debian's Chromium (playwright-core)
 * against the real gateway and the built bundle (demo/portal.html, dist/):
 *
 *  1. A reply sent while offline (`context.setOffline`) waits on screen; the
 *     tab is (a) reloaded while still offline, or (b) closed and another one
 *     opened in the same browser; back online, the reply is on the ticket
 *     exactly once — in the store and on screen.
 *  2. A new ticket with an attachment, sent from the support form while
 *     offline, waits; the page is reloaded offline; back online there is
 *     exactly one ticket with that subject, carrying the file byte for byte.
 *  3. Drafts: the reply box reloaded right after the last keystroke, the reply
 *     box of a closed tab, and the support form's text fields after a reload
 *     come back with every character.
 *  4. A file attached to the reply box whose upload had not finished when the
 *     page was reloaded is attached again after the reload; sent, it is on the
 *     ticket once, byte for byte.
 *  5. Chat: messages written while offline (the first one starting the
 *     conversation, the next ones into it) wait in the log; the page is
 *     reloaded offline; back online each is in the conversation once, in the
 *     order written.
 *
 * Without a service worker a reload while offline ends on Chromium's own
 * offline page, as it would for a customer; the page comes back with the
 * network. The store is PGlite in memory, or the PostgreSQL server in
 * DATABASE_URL (each case makes its own organisation and users).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import type { Attachment, Message } from '../../src/protocol/index.js';
import {
  assertBundleBuilt,
  type Gateway,
  launchBrowser,
  openLauncher,
  openPage,
  type OpenedPage,
  signInThroughPanel,
  startGateway,
  unexpectedProblems,
} from '../e2e/harness.js';
import { AdminClient, PortalClient } from '../server/helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from '../server/helpers/world.js';
import { reportFigure } from './writes-harness.js';

const DATABASE_URL = process.env.DATABASE_URL || undefined;
const STORE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';
/** Each case, start to cleanup. */
const CASE_TIMEOUT_MS = 120_000;
/** The longest any state a case needs may take to show (the network is back, a page loaded). */
const STATE_TIMEOUT_MS = 20_000;

/** What the cases add up to, for the one figures line. */
const figures = {
  started: 0,
  cases: 0,
  sentOffline: 0,
  lost: 0,
  duplicated: 0,
  typed: 0,
  typedLost: 0,
  filesKept: 0,
  filesLost: 0,
  filesDuplicated: 0,
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Polls `probe` until `done` holds for its value, at most `timeoutMs`; returns the last value either way. */
async function poll<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = STATE_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Counts a write the person made while offline: it should be there exactly once. */
function countDelivered(found: number): void {
  figures.sentOffline++;
  if (found === 0) figures.lost++;
  if (found > 1) figures.duplicated += found - 1;
}

/**
 * Counts `typed` new characters, and as lost those of `expected` (everything
 * typed into the field so far) that did not come back in place.
 */
function countTyped(typed: number, expected: string, restored: string): void {
  figures.typed += typed;
  const a = [...expected];
  const b = [...restored];
  let same = 0;
  while (same < a.length && a[same] === b[same]) same++;
  figures.typedLost += Math.min(typed, a.length - same);
}

// ---------------------------------------------------------------- one case's world

/** A gateway, a browser, and a customer of their own; everything is closed when the case ends. */
interface Rig {
  gw: Gateway;
  admin: AdminClient;
  world: World;
  /** The customer through the protocol (bearer), for fixtures and checks. */
  bob: PortalClient;
  browser: Browser;
  opened: OpenedPage[];
}

async function withRig(signal: AbortSignal, run: (rig: Rig) => Promise<void>): Promise<void> {
  figures.started++;
  const gw = await startGateway({ connector: 'embedded', databaseUrl: DATABASE_URL });
  let browser: Browser | undefined;
  const opened: OpenedPage[] = [];
  // The case ran out of time: closing the browser ends whatever it waits for, and the cleanup below runs.
  const stop = () => void browser?.close().catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  try {
    browser = await launchBrowser();
    const admin = new AdminClient(gw.origin, gw.adminToken);
    const world = await makeWorld(admin);
    const bob = await new PortalClient(`${gw.origin}/portico/v1`).signIn(world.bob.email, PASSWORD, 'bearer');
    await run({ gw, admin, world, bob, browser, opened });
    figures.cases++;
  } finally {
    signal.removeEventListener('abort', stop);
    for (const o of opened) await o.context.close().catch(() => {});
    await browser?.close().catch(() => {});
    await gw.close();
  }
}

/** demo/portal.html at `hash` in a fresh context (own cookies, own IndexedDB), signed in as Bob. */
async function signedInPortal(rig: Rig, hash: string): Promise<OpenedPage> {
  const o = await openPage(rig.browser, `${rig.gw.origin}/portal.html${hash}`);
  rig.opened.push(o);
  const { page } = o;
  await page
    .getByLabel('Email address')
    .waitFor({ timeout: STATE_TIMEOUT_MS })
    .catch((err: Error) => {
      const problems = unexpectedProblems(o.problems).join('; ') || 'no errors';
      throw new Error(`the portal's sign-in form did not show (${problems})`, { cause: err });
    });
  await page.getByLabel('Email address').fill(rig.world.bob.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('tablist', { name: 'Portal sections' }).waitFor();
  return o;
}

/** A tab loads nothing while offline: Chromium's own offline page. Resolves once it has tried. */
async function loadWhileOffline(go: () => Promise<unknown>): Promise<void> {
  await go().then(
    () => assert.fail('the page loaded although the browser is offline'),
    (err: Error) => assert.match(err.message, /ERR_INTERNET_DISCONNECTED/),
  );
}

async function ticketDetail(page: Page): Promise<Locator> {
  const detail = page.locator('portico-ticket-detail');
  await detail.getByRole('heading', { name: 'Conversation' }).waitFor({ timeout: STATE_TIMEOUT_MS });
  return detail;
}

const sentMessages = (detail: Locator, text: string) =>
  detail.locator('[part~="message"]:not([part~="pending-message"])', { hasText: text });
const pendingMessages = (detail: Locator, text: string) =>
  detail.locator('[part~="pending-message"]', { hasText: text });

/** The customer's messages on a ticket with exactly this text, through the gateway's admin API. */
async function storedReplies(rig: Rig, ticketId: string, text: string): Promise<number> {
  const { items } = await rig.admin.messages(ticketId);
  return items.filter((m) => m.body.content === text).length;
}

/** Waits until the reply is stored (bounded), then until the page shows it sent and nothing waits; returns the count. */
async function deliveredOnce(rig: Rig, detail: Locator, ticketId: string, text: string): Promise<number> {
  const stored = await poll(
    () => storedReplies(rig, ticketId, text),
    (n) => n > 0,
  );
  let final = stored;
  try {
    if (stored > 0) {
      await pendingMessages(detail, text).waitFor({ state: 'detached', timeout: STATE_TIMEOUT_MS });
      await sentMessages(detail, text).first().waitFor({ timeout: STATE_TIMEOUT_MS });
    }
    // Every tab has had its chance now: the count is final.
    final = await storedReplies(rig, ticketId, text);
  } finally {
    countDelivered(final);
  }
  return final;
}

// ---------------------------------------------------------------- the cases

describe(`fault: the browser goes offline (Chromium, ${STORE})`, { timeout: 4 * CASE_TIMEOUT_MS }, () => {
  before(() => assertBundleBuilt('the browser fault cases (test/faults/browser-offline.test.ts)'));
  after(() => {
    // Nothing ran (no dist/, say): no figures to speak of.
    if (!figures.started) return;
    reportFigure(
      `browser ${figures.cases} cases: ${figures.sentOffline} items sent offline, ${figures.lost} lost, ` +
        `${figures.duplicated} duplicated; drafts ${figures.typed} characters typed, ${figures.typedLost} lost; ` +
        `${figures.filesKept} files attached before a reload, ${figures.filesLost} lost, ` +
        `${figures.filesDuplicated} duplicated (${STORE})`,
    );
  });

  it(
    'a reply sent offline reaches the ticket once: after a reload offline, and after the tab was closed',
    { timeout: CASE_TIMEOUT_MS },
    async (t) => {
      await withRig(t.signal, async (rig) => {
        const { bob, world } = rig;
        const tickets = await Promise.all(
          ['reload offline', 'closed tab'].map(
            async (what) =>
              (await bob.post('/tickets', generalTicket(`Reply while offline, ${what} [${world.tag}]`))).body as {
                id: string;
                subject: string;
              },
          ),
        );
        const [reloaded, closed] = tickets as [{ id: string; subject: string }, { id: string; subject: string }];

        // (a) Sent offline, reloaded offline, back online.
        const o = await signedInPortal(rig, `#/ticket/${encodeURIComponent(reloaded.id)}`);
        const { context, page } = o;
        let detail = await ticketDetail(page);
        await context.setOffline(true);
        const textA = `Sent offline, then reloaded offline (${world.tag}).`;
        await detail.getByLabel('Your message').fill(textA);
        await detail.getByRole('button', { name: 'Send reply' }).click();
        await pendingMessages(detail, textA).getByText('Waiting to send').waitFor();
        assert.equal(await storedReplies(rig, reloaded.id, textA), 0, 'nothing reaches the gateway while offline');
        await loadWhileOffline(() => page.reload());
        await context.setOffline(false);
        // The worst order for the page, every time: the conversation is answered before the waiting
        // reply is stored, and that answer reaches the page only after the reply was delivered.
        const conversationOf = (url: URL) => url.pathname === `/portico/v1/tickets/${reloaded.id}/messages`;
        const replyDelivered = page
          .waitForResponse((r) => r.request().method() === 'POST' && conversationOf(new URL(r.url())), {
            timeout: STATE_TIMEOUT_MS,
          })
          .catch(() => null);
        const holdConversation = async (route: Route) => {
          if (route.request().method() !== 'GET') return route.continue();
          const response = await route.fetch();
          await replyDelivered;
          return route.fulfill({ response });
        };
        await context.route(conversationOf, holdConversation);
        await page.reload();
        detail = await ticketDetail(page);
        assert.ok(await replyDelivered, '(a) the waiting reply was sent once the page was back');
        await context.unroute(conversationOf, holdConversation);
        assert.equal(await deliveredOnce(rig, detail, reloaded.id, textA), 1, '(a) the reply is on the ticket once');
        assert.equal(await sentMessages(detail, textA).count(), 1, '(a) and shown once');

        // (b) Sent offline, the tab closed, another one opened (on the portal's start page, not the ticket).
        await page.goto(`${rig.gw.origin}/portal.html#/ticket/${encodeURIComponent(closed.id)}`);
        detail = await ticketDetail(page);
        await context.setOffline(true);
        const textB = `Sent offline from a tab that was then closed (${world.tag}).`;
        await detail.getByLabel('Your message').fill(textB);
        await detail.getByRole('button', { name: 'Send reply' }).click();
        await pendingMessages(detail, textB).getByText('Waiting to send').waitFor();
        await page.close();
        const tab = await context.newPage();
        await loadWhileOffline(() => tab.goto(`${rig.gw.origin}/portal.html`));
        await context.setOffline(false);
        await tab.goto(`${rig.gw.origin}/portal.html`);
        await tab.getByRole('tablist', { name: 'Portal sections' }).waitFor();
        // Back online, the reply goes by itself: the person need not find the ticket again first.
        const stored = await poll(
          () => storedReplies(rig, closed.id, textB),
          (n) => n > 0,
        );
        if (stored !== 1) countDelivered(stored);
        assert.equal(
          stored,
          1,
          '(b) the reply reaches the ticket once the browser is back online, whatever tab is open',
        );
        await tab.getByRole('tab', { name: 'My tickets' }).click();
        await tab.getByRole('button', { name: new RegExp(`^(Unread: )?${escapeRe(closed.subject)}`) }).click();
        detail = await ticketDetail(tab);
        assert.equal(await deliveredOnce(rig, detail, closed.id, textB), 1, '(b) the reply is on the ticket once');
        assert.equal(await sentMessages(detail, textB).count(), 1, '(b) and shown once');
      });
    },
  );

  it(
    'a new ticket with an attachment sent offline is created once, with the file, after a reload offline',
    { timeout: CASE_TIMEOUT_MS },
    async (t) => {
      await withRig(t.signal, async (rig) => {
        const { bob, world } = rig;
        const o = await signedInPortal(rig, '#/new/general');
        const { context, page } = o;
        const form = page.locator('portico-support-form');
        await form.getByLabel(/^Subject/).waitFor();
        await context.setOffline(true);

        const subject = `Scanner drops every second page [offline ${world.tag}]`;
        const fileName = `scan-log-${world.tag}.txt`;
        const bytes = Buffer.from(`Scanner log ${world.tag}\npage 1 ok\npage 2 dropped\n€ ü ✓\n`, 'utf8');
        await form.getByLabel(/^Subject/).fill(subject);
        await form.getByLabel(/^Description/).fill('Since the update the scanner drops every second page of a batch.');
        await form.getByLabel(/^Product/).selectOption({ label: 'Customer portal' });
        await form
          .locator('input[type="file"]')
          .setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: bytes });
        // It cannot be uploaded now: it waits, to go with the request.
        await form
          .locator('[part~="attachment"]', { hasText: fileName })
          .getByText('will be sent with your request')
          .waitFor();
        await form.getByRole('button', { name: 'Send request' }).click();
        await form.getByRole('heading', { name: 'Your request is waiting to be sent' }).waitFor();

        await loadWhileOffline(() => page.reload());
        await context.setOffline(false);
        await page.reload();
        // The form picks its waiting request up again and sends it by itself; the portal then shows the new ticket.
        const withSubject = () =>
          rig.gw.app.db.query<{ id: string }>('SELECT id FROM tickets WHERE subject = $1', [subject]);
        let rows = await poll(withSubject, (r) => r.length > 0);
        const detail = page.locator('portico-ticket-detail');
        try {
          if (rows.length) {
            await detail.getByRole('heading', { name: subject, level: 2 }).waitFor({ timeout: STATE_TIMEOUT_MS });
            // The form has had the answer: the count is final.
            rows = await withSubject();
          }
        } finally {
          countDelivered(rows.length);
        }
        assert.equal(rows.length, 1, 'exactly one ticket with that subject');
        const ticketId = rows[0]!.id;
        const messages = (await bob.get(`/tickets/${encodeURIComponent(ticketId)}/messages`)).body as {
          items: Message[];
        };
        const attachments: Attachment[] = messages.items.flatMap((m) => m.attachments);
        assert.deepEqual(
          attachments.map((a) => a.name),
          [fileName],
          'the ticket carries the file attached offline',
        );
        const download = await fetch(`${bob.api}/attachments/${encodeURIComponent(attachments[0]!.id)}`, {
          headers: bob.authHeaders(),
        });
        assert.equal(download.status, 200);
        assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes, 'the very bytes attached');

        // On screen too: the new ticket once, its file among the messages.
        await ticketDetail(page);
        const fileLink = detail.getByRole('link', { name: new RegExp(escapeRe(fileName)) });
        await fileLink.waitFor();
        assert.equal(await fileLink.count(), 1, 'the file shows once');
        await page.getByRole('tab', { name: 'My tickets' }).click();
        const listed = page.getByRole('grid').getByRole('button', { name: new RegExp(escapeRe(subject)) });
        await listed.first().waitFor();
        assert.equal(await listed.count(), 1, 'the ticket is listed once');
      });
    },
  );

  it(
    'drafts keep every character: a reload right after typing, a closed tab, the support form',
    { timeout: CASE_TIMEOUT_MS },
    async (t) => {
      await withRig(t.signal, async (rig) => {
        const { bob, world } = rig;
        const ticket = (await bob.post('/tickets', generalTicket(`Draft survives [${world.tag}]`))).body as {
          id: string;
        };
        const route = `#/ticket/${encodeURIComponent(ticket.id)}`;
        const o = await signedInPortal(rig, route);
        const { context } = o;
        let page = o.page;

        /** Types like a person (one key at a time); returns when the last key is in. */
        const type = async (target: Locator, text: string) => {
          await target.click();
          await target.pressSequentially(text, { delay: 15 });
          return Date.now();
        };
        /** Waits (bounded) for the field to hold `expected` (`typed` characters of it new since the last check). */
        const restored = async (target: Locator, expected: string, what: string, typed = [...expected].length) => {
          const value = await poll(
            () => target.inputValue(),
            (v) => v === expected,
          );
          countTyped(typed, expected, value);
          assert.equal(value, expected, `${what}: every character is back`);
        };

        // The reply box, reloaded within 100 ms of the last keystroke (the draft store waits 400 ms before IndexedDB).
        let detail = await ticketDetail(page);
        const replyText = `Typed, then reloaded at once: ünïcödé, €5, 10% off & <tags> (${world.tag})`;
        const lastKey = await type(detail.getByLabel('Your message'), replyText);
        const reload = page.reload();
        assert.ok(Date.now() - lastKey < 100, 'the reload starts within 100 ms of the last keystroke');
        await reload;
        detail = await ticketDetail(page);
        await restored(detail.getByLabel('Your message'), replyText, 'the reply box after a reload');

        // The reply box, the tab closed right after typing, the ticket opened in a new tab.
        const more = ` And more, typed before the tab was closed (${world.tag}).`;
        await type(detail.getByLabel('Your message'), more);
        await page.close();
        page = await context.newPage();
        await page.goto(`${rig.gw.origin}/portal.html${route}`);
        detail = await ticketDetail(page);
        await restored(
          detail.getByLabel('Your message'),
          replyText + more,
          'the reply box in a new tab',
          [...more].length,
        );

        // The support form's text fields, reloaded right after the last keystroke.
        await page.goto(`${rig.gw.origin}/portal.html#/new/general`);
        const form = page.locator('portico-support-form');
        const subject = form.getByLabel(/^Subject/);
        const description = form.getByLabel(/^Description/);
        await subject.waitFor();
        const subjectText = `Löschen geht nicht — “Fehler 0x80” [${world.tag}]`;
        const descriptionText = `Line one of the problem.\nLine two: steps 1, 2 & 3.\nEnd (${world.tag}).`;
        await type(subject, subjectText);
        const lastFormKey = await type(description, descriptionText);
        const formReload = page.reload();
        assert.ok(Date.now() - lastFormKey < 100, 'the reload starts within 100 ms of the last keystroke');
        await formReload;
        await subject.waitFor();
        await restored(subject, subjectText, 'the form’s subject after a reload');
        await restored(description, descriptionText, 'the form’s description after a reload');
      });
    },
  );
  it(
    'a file attached before a reload is still attached after it, and arrives once',
    { timeout: CASE_TIMEOUT_MS },
    async (t) => {
      await withRig(t.signal, async (rig) => {
        const { bob, world } = rig;
        const ticket = (await bob.post('/tickets', generalTicket(`File survives a reload [${world.tag}]`))).body as {
          id: string;
        };
        const { context, page } = await signedInPortal(rig, `#/ticket/${encodeURIComponent(ticket.id)}`);
        let detail = await ticketDetail(page);
        // Its upload gets no answer before the page goes: the draft has the file itself, not an upload id.
        let hold = true;
        await context.route('**/portico/v1/uploads', (route) => (hold ? undefined : route.continue()));
        const text = `The log, attached before the reload (${world.tag}).`;
        const fileName = `vpn-log-${world.tag}.txt`;
        const bytes = Buffer.from(`VPN log ${world.tag}\n09:14 dropped\n€ ü ✓\n`, 'utf8');
        await detail.getByLabel('Your message').fill(text);
        await detail
          .locator('input[type="file"]')
          .setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: bytes });
        await detail.locator('[part~="upload"][part~="uploading"]', { hasText: fileName }).waitFor();
        hold = false;
        await page.reload();

        detail = await ticketDetail(page);
        const back = detail.locator('[part~="upload"][part~="done"]', { hasText: fileName });
        const restored = await back.waitFor({ timeout: STATE_TIMEOUT_MS }).then(
          () => true,
          () => false,
        );
        figures.filesKept++;
        if (!restored) figures.filesLost++;
        assert.ok(restored, 'the file is attached again after the reload');
        await detail.getByRole('button', { name: 'Send reply' }).click();
        await sentMessages(detail, text).first().waitFor({ timeout: STATE_TIMEOUT_MS });
        const { items } = await rig.admin.messages(ticket.id);
        const attached: Attachment[] = items
          .filter((m) => m.body.content === text)
          .flatMap((m) => m.attachments as Attachment[])
          .filter((a) => a.name === fileName);
        if (attached.length > 1) figures.filesDuplicated += attached.length - 1;
        if (attached.length === 0) figures.filesLost++;
        assert.equal(attached.length, 1, 'the file is on the ticket once');
        const download = await fetch(`${bob.api}/attachments/${encodeURIComponent(attached[0]!.id)}`, {
          headers: bob.authHeaders(),
        });
        assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes, 'the very bytes attached');
        // The box is empty once the reply is sent (the event stream may show the message before the answer).
        await detail.locator('[part~="upload"]').first().waitFor({ state: 'detached', timeout: STATE_TIMEOUT_MS });
      });
    },
  );

  it(
    'chat messages written offline reach the conversation once each, in order, after a reload offline',
    { timeout: CASE_TIMEOUT_MS },
    async (t) => {
      await withRig(t.signal, async (rig) => {
        const { world } = rig;
        const o = await openPage(rig.browser, `${rig.gw.origin}/`);
        rig.opened.push(o);
        const { context, page } = o;
        await openLauncher(page);
        await signInThroughPanel(page, world.bob.email, PASSWORD);
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('tab', { name: 'Chat' }).click();
        const chat = dialog.locator('portico-chat');
        const box = chat.getByLabel('Message', { exact: true });
        const texts = [1, 2, 3].map((n) => `Chat line ${n}, written offline (${world.tag}).`);

        // The chat's element and its availability load on the first click of the tab.
        await box.waitFor({ timeout: STATE_TIMEOUT_MS });
        await context.setOffline(true);
        for (const text of texts) {
          await box.fill(text);
          await box.press('Enter');
        }
        // All three wait: the first after its failed attempt, the others behind it.
        await chat.locator('li.message.waiting').nth(2).waitFor({ timeout: STATE_TIMEOUT_MS });
        await loadWhileOffline(() => page.reload());
        await context.setOffline(false);
        await page.reload();
        await openLauncher(page);
        await page.getByRole('dialog').getByRole('tab', { name: 'Chat' }).click();

        // The gateway's view: bob's conversation, and what is in it.
        const stored = async () => {
          const { items } = await rig.admin.call<{ items: Array<{ id: string; customer: { email: string } | null }> }>(
            'GET',
            '/chat/conversations',
          );
          const mine = items.filter((c) => c.customer?.email === world.bob.email);
          const lines: string[] = [];
          for (const c of mine) {
            const page = await rig.admin.call<{ items: Array<{ text: string }> }>(
              'GET',
              `/chat/conversations/${c.id}/messages`,
            );
            lines.push(...page.items.map((m) => m.text).filter((x) => texts.includes(x)));
          }
          return { conversations: mine.length, lines };
        };
        const final = await poll(stored, (v) => v.lines.length >= texts.length);
        // Every tab has had its chance: the count is final.
        const settled = await stored();
        for (const text of texts) countDelivered(settled.lines.filter((x) => x === text).length);
        assert.equal(settled.conversations, 1, 'one conversation, started by the first line');
        assert.deepEqual(settled.lines, texts, 'each line once, in the order written');
        assert.ok(final.lines.length >= texts.length);
        const shown = page.getByRole('dialog').locator('portico-chat li.message.sent');
        for (const text of texts) await shown.filter({ hasText: text }).first().waitFor({ timeout: STATE_TIMEOUT_MS });
        assert.equal(await page.getByRole('dialog').locator('portico-chat li.message.waiting').count(), 0);
      });
    },
  );
});
