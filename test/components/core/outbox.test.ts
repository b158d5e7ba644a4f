import { expect } from '@open-wc/testing';
import { ForbiddenError, ValidationError } from '../../../src/core/errors.js';
import { openLocalStore } from '../../../src/core/local-store.js';
import { getOutbox, Outbox, type OutboxEntry } from '../../../src/core/outbox.js';
import type { Message } from '../../../src/protocol/index.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { http, HttpResponse } from 'msw';
import { worker } from '../../mocks/browser.js';
import { BASE, mockSignIn, mockSignOut, mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const replyPosts = (ticketId: string) =>
  mockState.requests.filter((r) => r.method === 'POST' && r.path === `/tickets/${ticketId}/messages`);
const stored = (content: string) => mockState.messages.filter((m) => m.body.content === content);

describe('Outbox', () => {
  let services: PorticoServices;
  const outboxes: Outbox[] = [];
  const make = (s = services, opts: ConstructorParameters<typeof Outbox>[1] = {}) => {
    const o = new Outbox(s.backend, { retryBaseMs: 60_000, currentUserId: () => s.session.session?.user.id, ...opts });
    outboxes.push(o);
    return o;
  };

  /**
   * Services whose page outbox (made at sign-in, src/core/services.ts) is stopped: the instances
   * made here are tested on their own, with nothing else sending from the same store.
   */
  const servicesAlone = async (opts: Parameters<typeof useMockServices>[0] = {}) => {
    const s = await useMockServices({ as: 'carol', setDefault: false, ...opts });
    getOutbox(s).stop();
    return s;
  };

  beforeEach(async () => {
    await openLocalStore(BASE, 'outbox').clear();
    services = await servicesAlone();
  });

  afterEach(() => {
    worker.resetHandlers();
    for (const o of outboxes.splice(0)) o.stop();
  });

  it('sends at once when online, with its id as the Idempotency-Key', async () => {
    const outbox = make();
    const { id, done } = outbox.enqueue({
      kind: 'reply',
      ticketId: 't-1001',
      request: { body: { format: 'text', content: 'Sent straight away' } },
    });
    const message = (await done) as Message;
    expect(message.body.content).to.equal('Sent straight away');
    expect(replyPosts('t-1001').map((r) => r.headers['idempotency-key'])).to.deep.equal([id]);
    expect(outbox.entries).to.have.length(0);
  });

  it('keeps a write while offline and sends it, with the same key, when the browser is online again', async () => {
    const outbox = make();
    mockState.offline = true;
    let settled = false;
    const { id, done } = outbox.enqueue({
      kind: 'reply',
      ticketId: 't-1001',
      request: { body: { format: 'text', content: 'Written on the train' } },
    });
    void done.finally(() => (settled = true));
    await until(() => outbox.entries[0]?.attempts === 1, 'the first failed attempt');
    expect(settled).to.equal(false);
    expect(outbox.entries[0].lastError?.status).to.equal(0);

    mockState.offline = false;
    window.dispatchEvent(new Event('online'));
    const message = (await done) as Message;
    const keys = replyPosts('t-1001').map((r) => r.headers['idempotency-key']);
    expect(keys.length).to.be.at.least(2);
    expect(new Set(keys)).to.deep.equal(new Set([id]));
    expect(stored('Written on the train').map((m) => m.id)).to.deep.equal([message.id]);
    expect(outbox.entries).to.have.length(0);
  });

  it('retries by itself with backoff', async () => {
    const outbox = make(services, { retryBaseMs: 80 });
    mockState.offline = true;
    const { done } = outbox.enqueue({
      kind: 'ticket',
      request: {
        formId: 'general',
        subject: 'Queued ticket',
        body: { format: 'text', content: 'Made offline' },
        fields: { product: 'printer' },
      },
    });
    await until(() => (outbox.entries[0]?.attempts ?? 0) >= 2, 'two failed attempts');
    const posts = mockState.requests.filter((r) => r.method === 'POST' && r.path === '/tickets');
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).to.equal(1);
    mockState.offline = false;
    const ticket = await done;
    expect(ticket.subject).to.equal('Queued ticket');
    expect(mockState.tickets.filter((t) => t.subject === 'Queued ticket')).to.have.length(1);
  });

  it('uploads the files a write carries right before it, once each, and sends it with them attached', async () => {
    const outbox = make();
    mockState.offline = true;
    const bytes = 'scanner log\npage 2 dropped\n';
    const { id, done } = outbox.enqueue({
      kind: 'ticket',
      request: {
        formId: 'general',
        subject: 'With a file attached offline',
        body: { format: 'text', content: 'The log is attached.' },
        fields: { product: 'printer' },
      },
      files: [{ name: 'scan.log', file: new File([bytes], 'scan.log', { type: 'text/plain' }) }],
    });
    await until(() => outbox.entries[0]?.attempts === 1, 'the first failed attempt');
    mockState.offline = false;
    await outbox.flush();
    const ticket = await done;
    const uploads = mockState.requests.filter((r) => r.method === 'POST' && r.path === '/uploads');
    // Tried offline and again online, always under the key made from the write's: one upload.
    expect(new Set(uploads.map((r) => r.headers['idempotency-key']))).to.deep.equal(new Set([`${id}.file-0`]));
    expect([...mockState.uploads.values()].filter((u) => u.name === 'scan.log')).to.have.length(1);
    const created = mockState.tickets.filter((t) => t.subject === 'With a file attached offline');
    expect(created.map((t) => t.id)).to.deep.equal([ticket.id]);
    const attached = mockState.messages.filter((m) => m.ticketId === ticket.id).flatMap((m) => m.attachments);
    expect(attached.map((a) => a.name)).to.deep.equal(['scan.log']);
    expect(await mockState.uploads.get(attached[0]!.id)!.blob.text()).to.equal(bytes);
  });

  it('survives a reload: a new instance finds the stored write and sends it with the same key', async () => {
    const first = make();
    mockState.offline = true;
    const { id } = first.enqueue({
      kind: 'reply',
      ticketId: 't-1002',
      request: { body: { format: 'text', content: 'Cost centre 4100' } },
    });
    await until(() => first.entries[0]?.attempts === 1, 'the first failed attempt');
    first.stop();

    // A new page load: new services, new outbox, the network is back.
    mockState.offline = false;
    const services2 = await servicesAlone({ reset: false });
    const sent: OutboxEntry[] = [];
    const second = make(services2);
    second.addEventListener('sent', (e) => sent.push(e.detail.entry));
    await second.ready;
    await until(() => sent.length === 1, 'the stored write to be sent');
    expect(sent[0].id).to.equal(id);
    expect(sent[0].write).to.deep.equal({
      kind: 'reply',
      ticketId: 't-1002',
      request: { body: { format: 'text', content: 'Cost centre 4100' } },
    });
    expect(new Set(replyPosts('t-1002').map((r) => r.headers['idempotency-key']))).to.deep.equal(new Set([id]));
    expect(stored('Cost centre 4100')).to.have.length(1);
    expect(second.entries).to.have.length(0);
  });

  it('learns at once when another tab sends the write it waits on: the result is reported here too, created once', async () => {
    const here = make();
    mockState.offline = true;
    const sentHere: Array<{ id: string; result: unknown }> = [];
    here.addEventListener('sent', (e) => sentHere.push({ id: e.detail.entry.id, result: e.detail.result }));
    const { id, done } = here.enqueue({
      kind: 'ticket',
      request: {
        formId: 'general',
        subject: 'Sent by the other tab',
        body: { format: 'text', content: 'Two tabs' },
        fields: { product: 'printer' },
      },
    });
    await until(() => here.entries[0]?.attempts === 1, 'the first failed attempt');

    // Another tab of the site, back online first: its outbox finds the stored write and sends it.
    // This one's own retry is a minute away, and no `online` event reaches it.
    mockState.offline = false;
    const services2 = await servicesAlone({ reset: false });
    const there = make(services2);
    const ticket = (await done) as { id: string; subject: string };
    expect(ticket.subject).to.equal('Sent by the other tab');
    expect(sentHere).to.deep.equal([{ id, result: ticket }]);
    expect(here.entries).to.have.length(0);
    expect(there.entries).to.have.length(0);
    const posts = mockState.requests.filter((r) => r.method === 'POST' && r.path === '/tickets');
    expect(new Set(posts.map((r) => r.headers['idempotency-key']))).to.deep.equal(new Set([id]));
    expect(mockState.tickets.filter((t) => t.subject === 'Sent by the other tab')).to.have.length(1);
  });

  it('learns when another tab has the write refused for good, with the field errors', async () => {
    const here = make();
    mockState.offline = true;
    const { done } = here.enqueue({
      kind: 'ticket',
      request: { formId: 'access-request', subject: 'Access', body: { format: 'text', content: 'Please' }, fields: {} },
    });
    let error: unknown;
    const refused = done.catch((e) => (error = e));
    await until(() => here.entries[0]?.attempts === 1, 'the first failed attempt');
    mockState.offline = false;
    make(await servicesAlone({ reset: false }));
    await refused;
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).fieldIssues).to.include.keys('fields.system', 'fields.managerEmail');
    expect(here.entries).to.have.length(0);
  });

  it('starts by itself once someone is signed in on the page: a write left by an earlier page load goes, whatever the page shows', async () => {
    const first = make();
    mockState.offline = true;
    first.enqueue({
      kind: 'reply',
      ticketId: 't-1002',
      request: { body: { format: 'text', content: 'Left behind by a closed tab' } },
    });
    await until(() => first.entries[0]?.attempts === 1, 'the first failed attempt');
    first.stop();

    // A new page load where nothing asks for the outbox: signing in is enough.
    mockState.offline = false;
    const next = await useMockServices({ as: 'carol', setDefault: false, reset: false });
    await until(() => stored('Left behind by a closed tab').length === 1, 'the page’s own outbox to send it');
    const outbox = getOutbox(next); // the one that sent it
    outboxes.push(outbox);
    await until(() => outbox.entries.length === 0, 'the write to be done with');
    expect(stored('Left behind by a closed tab')).to.have.length(1);
  });

  it('waits as long as Retry-After says when the key is still running (409 in-progress), then gets the answer with the same key', async () => {
    const outbox = make(); // backoff alone would wait a minute
    let conflicts = 0;
    worker.use(
      http.post(`${BASE}/tickets/t-1001/messages`, () => {
        if (conflicts++ > 0) return undefined; // then the real handler answers
        return HttpResponse.json(
          {
            type: 'https://portico.dev/problems/conflict',
            title: 'Still running',
            status: 409,
            code: 'in-progress',
          },
          { status: 409, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' } },
        );
      }),
    );
    const started = performance.now();
    const { id, done } = outbox.enqueue({
      kind: 'reply',
      ticketId: 't-1001',
      request: { body: { format: 'text', content: 'Sent while the first try still ran' } },
    });
    await until(() => outbox.entries[0]?.lastError?.status === 409, 'the 409 to be kept as a retry');
    expect(outbox.entries[0].state).to.equal('queued');
    const message = (await done) as Message;
    expect(performance.now() - started).to.be.within(900, 5000);
    expect(conflicts).to.equal(2);
    expect(message.body.content).to.equal('Sent while the first try still ran');
    expect(stored('Sent while the first try still ran')).to.have.length(1);
    expect(new Set(replyPosts('t-1001').map((r) => r.headers['idempotency-key']))).to.deep.equal(new Set([id]));
  });

  it('drops a write the gateway refuses for good, and reports it with its payload', async () => {
    const outbox = make();
    const dropped: Array<{ entry: OutboxEntry; error: unknown }> = [];
    outbox.addEventListener('dropped', (e) => dropped.push(e.detail));
    // t-1004 is closed: replying is not allowed (403).
    const { done } = outbox.enqueue({
      kind: 'reply',
      ticketId: 't-1004',
      request: { body: { format: 'text', content: 'Too late' } },
    });
    let error: unknown;
    await done.catch((e) => (error = e));
    expect(error).to.be.instanceOf(ForbiddenError);
    expect(dropped).to.have.length(1);
    expect(dropped[0].error).to.equal(error);
    expect(dropped[0].entry.write).to.deep.include({ kind: 'reply', ticketId: 't-1004' });
    expect(outbox.entries).to.have.length(0);
    const reloaded = make();
    await reloaded.ready;
    expect(reloaded.entries).to.have.length(0);
  });

  it('rejects a new ticket with field errors (422) instead of retrying it', async () => {
    const outbox = make();
    const { done } = outbox.enqueue({
      kind: 'ticket',
      request: { formId: 'access-request', subject: 'Access', body: { format: 'text', content: 'Please' }, fields: {} },
    });
    let error: unknown;
    await done.catch((e) => (error = e));
    expect(error).to.be.instanceOf(ValidationError);
    expect((error as ValidationError).fieldIssues).to.include.keys(
      'fields.system',
      'fields.startDate',
      'fields.managerEmail',
    );
    expect(outbox.entries).to.have.length(0);
  });

  it("holds a signed-out user's write and never sends it under someone else's session", async () => {
    const outbox = make();
    mockState.offline = true;
    const { done } = outbox.enqueue({
      kind: 'reply',
      ticketId: 't-1001',
      request: { body: { format: 'text', content: "Carol's words" } },
    });
    await until(() => outbox.entries[0]?.attempts === 1, 'the first failed attempt');
    mockState.offline = false;

    // Dave signs in on the same browser: Carol's reply must wait.
    mockSignIn('dave');
    services.session.set(await services.backend.getSession());
    await outbox.flush();
    expect(stored("Carol's words")).to.have.length(0);
    expect(outbox.entries).to.have.length(1);

    mockSignIn('carol');
    services.session.set(await services.backend.getSession());
    await outbox.flush();
    expect(((await done) as Message).author.name).to.equal('Carol Jansen');
  });

  it('getOutbox: one per page and backend; a write waiting for sign-in goes once the user signs in again', async () => {
    services = await useMockServices({ as: 'carol', setDefault: false, reset: false });
    const outbox = getOutbox(services);
    outboxes.push(outbox);
    expect(getOutbox(services)).to.equal(outbox);
    mockSignOut(); // the session expired on the server
    const { done } = outbox.enqueue({
      kind: 'reply',
      ticketId: 't-1001',
      request: { body: { format: 'text', content: 'Typed before the session ran out' } },
    });
    await until(() => outbox.entries[0]?.state === 'signed-out', 'the write to wait for sign-in');
    expect(services.session.signedIn).to.equal(false); // the 401 expired the shared session too
    services.session.set(await services.backend.signIn({ email: 'carol@acme.example', password: 'portico-demo' }));
    const message = (await done) as Message;
    expect(message.author.name).to.equal('Carol Jansen');
    expect(stored('Typed before the session ran out')).to.have.length(1);
  });
});
