/**
 * Exactly once, in Chromium against the real gateway: a reply queued while
 * two tabs are open is posted once. Counted through the gateway, not the page.
 * And a view whose code cannot be fetched (the connection cut) says so and
 * comes back with Retry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import type { Message } from '../../src/protocol/index.js';
import {
  apiSignIn,
  createTicketAs,
  type Gateway,
  launchBrowser,
  openLauncher,
  openPage,
  RUN,
  signInThroughPanel,
  skipReason,
  startGateway,
} from './harness.js';

// The embedded store only: the counts are read back through the gateway at once.
const skip = await skipReason('embedded');
const CAROL = 'carol@acme.example';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('exactly once through the outbox (embedded connector)', { skip: skip ?? false }, () => {
  let gw: Gateway;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let token: string;

  before(async () => {
    [gw, browser] = await Promise.all([startGateway({ connector: 'embedded' }), launchBrowser()]);
    token = await apiSignIn(gw.origin, CAROL);
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await gw?.close();
  });

  async function api<T>(p: string): Promise<T> {
    const res = await fetch(`${gw.origin}/portico/v1${p}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200, `GET ${p}`);
    return (await res.json()) as T;
  }

  const messagesWith = async (ticketId: string, text: string) =>
    (await api<{ items: Message[] }>(`/tickets/${encodeURIComponent(ticketId)}/messages`)).items.filter(
      (m) => m.body.content === text,
    );

  test('a reply queued while two tabs are open is posted once', async () => {
    const ticket = await createTicketAs(gw.origin, CAROL, `Two tabs, one reply [outbox ${RUN}]`);
    const text = `Sent from one of two tabs (${RUN}).`;
    const o = await openPage(browser, `${gw.origin}/`);
    contexts.push(o.context);
    // The gateway cannot be reached for replies (as if it were restarting); everything else loads.
    const blockReplies = (route: Route) =>
      route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue();
    await o.context.route('**/portico/v1/tickets/*/messages', blockReplies);

    const open = async (page: Page, signIn: boolean) => {
      await openLauncher(page);
      if (signIn) await signInThroughPanel(page, CAROL);
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: new RegExp(`^(Unread: )?${escapeRe(ticket.subject)}`) }).click();
      const detail = dialog.locator('portico-ticket-detail');
      await detail.getByRole('heading', { name: 'Conversation' }).waitFor();
      return detail;
    };
    const detailA = await open(o.page, true);
    await detailA.getByLabel('Your message').fill(text);
    await detailA.getByRole('button', { name: 'Send reply' }).click();
    await detailA.getByText(text).waitFor();
    assert.equal((await messagesWith(ticket.id, text)).length, 0, 'not posted yet');

    // A second tab loads the same stored reply.
    const pageB = await o.context.newPage();
    await pageB.goto(`${gw.origin}/`);
    const detailB = await open(pageB, false);
    await detailB.getByText(text).waitFor();

    // The gateway is back: both tabs hear "online" at the same moment and flush.
    await o.context.unroute('**/portico/v1/tickets/*/messages', blockReplies);
    await o.context.setOffline(true);
    await o.context.setOffline(false);

    const deadline = Date.now() + 15_000;
    while ((await messagesWith(ticket.id, text)).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    // Both tabs have had their chance: the waiting reply is gone from both.
    await Promise.all(
      [detailA, detailB].map((d) =>
        d.locator('[part~="pending-message"]', { hasText: text }).waitFor({ state: 'detached' }),
      ),
    );
    assert.equal((await messagesWith(ticket.id, text)).length, 1, 'exactly one reply');
  });

  test('a ticket whose view cannot be fetched (connection cut) says so, and Retry shows it once it can', async () => {
    const ticket = await createTicketAs(gw.origin, CAROL, `Fetched on demand [lazy ${RUN}]`);
    const o = await openPage(browser, `${gw.origin}/`);
    contexts.push(o.context);
    // The ticket view is a chunk of its own, fetched when a ticket is about to show.
    const chunk = /\/chunks\/ticket-detail-[^/]+\.js$/;
    let refused = 0;
    const cut = (route: Route) => {
      refused++;
      return route.abort('connectionreset');
    };
    await o.context.route(chunk, cut);
    await openLauncher(o.page);
    await signInThroughPanel(o.page, CAROL);
    const dialog = o.page.getByRole('dialog');
    await dialog.getByRole('button', { name: new RegExp(`^(Unread: )?${escapeRe(ticket.subject)}`) }).click();
    const alert = dialog.getByRole('alert');
    await alert.getByText('The support service is not available right now. Try again later.').waitFor();
    assert.ok(refused >= 1, 'the ticket view was asked for');
    assert.equal(await dialog.locator('portico-ticket-detail').count(), 0);

    await o.context.unroute(chunk, cut);
    await alert.getByRole('button', { name: 'Retry' }).click();
    const detail = dialog.locator('portico-ticket-detail');
    await detail.getByRole('heading', { name: 'Conversation' }).waitFor();
    await detail.getByText(ticket.subject).first().waitFor();
  });
});
