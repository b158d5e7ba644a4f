/**
 * The rt connector against a real Request Tracker (npm run rt:up). Skipped
 * with a message when RT is not reachable — unless CI is set, then it fails.
 * Every check that RT stored the right thing looks through REST2 as root.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ConnectorChange, NewTicket, StoredTicket } from '../../../server/connectors/connector.js';
import {
  AUTHOR_CF,
  CLOSED_CF,
  DEFAULT_FIELD_MAP,
  ORGANIZATION_CF,
  ORGANIZATION_NAME_CF,
  SERVICE_CF,
} from '../../../server/connectors/rt/rt-fields.js';
import {
  freshCustomer,
  freshOrganization,
  openHarness,
  readAll,
  removeStagedFiles,
  type RtHarness,
  rtUnavailableReason,
  stagedFile,
} from './rt-harness.js';

const unavailable = await rtUnavailableReason();
if (unavailable && process.env.CI) {
  test('Request Tracker is reachable (CI requires it)', () => assert.fail(unavailable));
}
const skip = unavailable ? `skipped: ${unavailable}` : false;

interface AdminTicket {
  id: number;
  Status: string;
  Subject: string;
  Requestor: Array<{ id: string }>;
  CustomFields: Array<{ name: string; values: string[] }>;
}

interface AdminTransaction {
  id: number;
  Type: string;
  Creator: { id: string };
  CustomFields: Array<{ name: string; values: string[] }>;
  _hyperlinks: Array<{ ref: string; _url: string }>;
}

/** RT keeps whole seconds: a change meant to be later than the previous one lands in the next second. */
const nextSecond = () => new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));

const cf = (t: { CustomFields: Array<{ name: string; values: string[] }> }, name: string) =>
  t.CustomFields.find((c) => c.name === name)?.values ?? [];

describe('rt connector against Request Tracker', { skip }, () => {
  let h: RtHarness;

  before(async () => {
    h = await openHarness();
  });
  after(async () => {
    await h?.connector.stop();
    await removeStagedFiles();
  });

  function newTicket(requester = freshCustomer(), extra: Partial<NewTicket> = {}): NewTicket {
    return {
      requester,
      subject: `Test ticket ${randomBytes(3).toString('hex')}`,
      body: { format: 'text', content: 'Something is broken.' },
      service: null,
      fields: {},
      attachments: [],
      assignee: null,
      ...extra,
    };
  }

  async function adminSetStatus(id: string, status: string) {
    await h.admin.send('PUT', `/ticket/${id}`, { Status: status });
  }

  async function adminTransactions(id: string): Promise<AdminTransaction[]> {
    const page = await h.admin.get<{ items: Array<{ id: string }> }>(`/ticket/${id}/history`, { per_page: 100 });
    return Promise.all(
      page!.items.map((t) => h.admin.get<AdminTransaction>(`/transaction/${t.id}`) as Promise<AdminTransaction>),
    );
  }

  test('every custom field the mapping needs exists on the queue', async () => {
    const queue = await h.admin.get<{
      TicketCustomFields: Array<{ name: string }>;
      TicketTransactionCustomFields: Array<{ name: string }>;
    }>(`/queue/${encodeURIComponent(h.connector.settings.queue)}`);
    const ticketCfs = new Set(queue!.TicketCustomFields.map((c) => c.name));
    for (const name of [
      ORGANIZATION_CF,
      ORGANIZATION_NAME_CF,
      SERVICE_CF,
      CLOSED_CF,
      ...Object.values(DEFAULT_FIELD_MAP).map((m) => m.cf),
    ]) {
      assert.ok(ticketCfs.has(name), `ticket CF ${name} missing (scripts/rt/setup.pl)`);
    }
    assert.ok(queue!.TicketTransactionCustomFields.some((c) => c.name === AUTHOR_CF));
  });

  test('create sets the Requestor, the organisation and the mapped custom fields', async () => {
    const org = freshOrganization();
    const carol = freshCustomer(org, 'Carol "CJ" Jansen');
    const created = await h.connector.createTicket(
      newTicket(carol, {
        service: 'Network',
        fields: { product: 'vpn', urgency: 'high', affectedUsers: 3, notify: true, favouriteColour: 'teal' },
      }),
    );
    assert.match(created.id, /^\d+$/);
    assert.equal(created.requesterEmail, carol.email);
    assert.equal(created.requester.name, 'Carol "CJ" Jansen');
    assert.deepEqual(created.organization, { id: org.id, name: org.name });
    assert.equal(created.status, 'new');
    assert.deepEqual(created.fields, { product: 'vpn', urgency: 'high', affectedUsers: 3, notify: true });

    const inRt = await h.admin.get<AdminTicket>(`/ticket/${created.id}`);
    assert.deepEqual(
      inRt!.Requestor.map((r) => r.id),
      [carol.email],
    );
    assert.deepEqual(cf(inRt!, ORGANIZATION_CF), [org.id]);
    assert.deepEqual(cf(inRt!, ORGANIZATION_NAME_CF), [org.name]);
    assert.deepEqual(cf(inRt!, SERVICE_CF), ['Network']);
    assert.deepEqual(cf(inRt!, 'Product'), ['vpn']);
    assert.deepEqual(cf(inRt!, 'Affected users'), ['3']);
    const user = await h.admin.get<{ RealName: string }>(`/user/${encodeURIComponent(carol.email)}`);
    assert.equal(user!.RealName, 'Carol "CJ" Jansen');

    const [first] = await h.connector.listMessages(created.id);
    assert.equal(first!.author.name, 'Carol "CJ" Jansen');
    assert.equal(first!.author.role, 'customer');
    // A field RT has no custom field for is not lost: it travels in the first message.
    assert.match(first!.body.content, /^Something is broken\.\n\nfavouriteColour: teal$/);
  });

  test('a routing rule gives the new ticket to that RT user; an unknown name does not fail the ticket', async () => {
    const routed = await h.connector.createTicket(newTicket(freshCustomer(), { assignee: 'alex' }));
    assert.equal(routed.assignee?.name, 'Alex Jansen');
    const unrouted = await h.connector.createTicket(newTicket(freshCustomer(), { assignee: 'Team Nobody-Knows' }));
    assert.equal(unrouted.assignee, null);
    assert.equal(unrouted.status, 'new');
  });

  test("list by requester shows that requester's tickets only, and pages with an opaque cursor", async () => {
    const dave = freshCustomer();
    const erin = freshCustomer();
    const daves = [];
    for (let i = 0; i < 3; i++) daves.push(await h.connector.createTicket(newTicket(dave)));
    await h.connector.createTicket(newTicket(erin));

    const first = await h.connector.listTickets({
      requesterEmail: dave.email,
      status: 'all',
      sort: 'created',
      limit: 2,
    });
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    // The cursor pins the page size: a different limit on the next call cannot shift or repeat tickets.
    const second = await h.connector.listTickets({
      requesterEmail: dave.email,
      status: 'all',
      sort: 'created',
      limit: 1,
      cursor: first.nextCursor,
    });
    assert.equal(second.nextCursor, null);
    assert.deepEqual(
      [...first.items, ...second.items].map((t) => t.id),
      daves.map((t) => t.id),
    );
    assert.ok([...first.items, ...second.items].every((t) => t.requesterEmail === dave.email));

    // Upper case in the e-mail does not hide tickets.
    const upper = await h.connector.listTickets({
      requesterEmail: dave.email.toUpperCase(),
      status: 'all',
      sort: '-updated',
      limit: 25,
    });
    assert.equal(upper.items.length, 3);
  });

  test('the organisation filter goes through the Organization custom field', async () => {
    const acme = freshOrganization();
    const globex = freshOrganization();
    const a1 = await h.connector.createTicket(newTicket(freshCustomer(acme)));
    const a2 = await h.connector.createTicket(newTicket(freshCustomer(acme)));
    const g1 = await h.connector.createTicket(newTicket(freshCustomer(globex)));

    const page = await h.connector.listTickets({ organizationId: acme.id, status: 'all', sort: 'created', limit: 25 });
    assert.deepEqual(
      page.items.map((t) => t.id),
      [a1.id, a2.id],
    );
    assert.ok(!page.items.some((t) => t.id === g1.id));

    // An agent moving a ticket to another organisation in RT moves it in the portal too.
    await h.admin.send('PUT', `/ticket/${a2.id}`, { CustomFields: { [ORGANIZATION_CF]: globex.id } });
    const after = await h.connector.listTickets({
      organizationId: globex.id,
      status: 'all',
      sort: 'created',
      limit: 25,
    });
    assert.deepEqual(
      after.items.map((t) => t.id),
      [a2.id, g1.id],
    );
  });

  test('statuses map onto Portico statuses with rawStatus kept; deleted tickets vanish', async () => {
    const customer = freshCustomer();
    const t = await h.connector.createTicket(newTicket(customer));
    const expected: Array<[string, StoredTicket['status']]> = [
      ['open', 'open'],
      ['stalled', 'pending'],
      ['resolved', 'solved'],
      ['rejected', 'closed'],
    ];
    for (const [raw, status] of expected) {
      await adminSetStatus(t.id, raw);
      const got = await h.connector.getTicket(t.id);
      assert.equal(got?.status, status, raw);
      assert.equal(got?.rawStatus, raw);
    }

    const open = await h.connector.listTickets({
      requesterEmail: customer.email,
      status: 'open',
      sort: '-updated',
      limit: 25,
    });
    const closed = await h.connector.listTickets({
      requesterEmail: customer.email,
      status: 'closed',
      sort: '-updated',
      limit: 25,
    });
    assert.deepEqual([open.items.length, closed.items.length], [0, 1]);
    const summary = await h.connector.summary({ requesterEmail: customer.email });
    assert.deepEqual(summary, { new: 0, open: 0, pending: 0, solved: 0, closed: 1 });

    await adminSetStatus(t.id, 'deleted');
    assert.equal(await h.connector.getTicket(t.id), null);
    assert.deepEqual(await h.connector.listMessages(t.id), []);
    const all = await h.connector.listTickets({
      requesterEmail: customer.email,
      status: 'all',
      sort: '-updated',
      limit: 25,
    });
    assert.equal(all.items.length, 0);
  });

  test("a site's own statuses read by their RT lifecycle category; close and reopen take the lifecycle's transitions", async () => {
    // rt-up adds `waiting-customer` (active) and `cancelled` (inactive, left only to
    // `waiting-customer`) to RT's default lifecycle, as a site does in RT's lifecycle editor.
    const customer = freshCustomer();
    const waiting = await h.connector.createTicket(newTicket(customer));
    const cancelled = await h.connector.createTicket(newTicket(customer));
    await adminSetStatus(waiting.id, 'waiting-customer');
    await adminSetStatus(cancelled.id, 'cancelled');
    const read = async (id: string) => {
      const t = (await h.connector.getTicket(id))!;
      return [t.status, t.rawStatus];
    };
    assert.deepEqual(await read(waiting.id), ['open', 'waiting-customer']);
    assert.deepEqual(await read(cancelled.id), ['closed', 'cancelled']);
    const list = (status: 'open' | 'closed' | 'all') =>
      h.connector
        .listTickets({ requesterEmail: customer.email, status, sort: 'created', limit: 25 })
        .then((p) => p.items.map((t) => [t.id, t.status]));
    assert.deepEqual(await list('open'), [[waiting.id, 'open']]);
    assert.deepEqual(await list('closed'), [[cancelled.id, 'closed']]);
    assert.deepEqual(await h.connector.summary({ requesterEmail: customer.email }), {
      new: 0,
      open: 1,
      pending: 0,
      solved: 0,
      closed: 1,
    });

    // Closing what is already closed changes nothing (no `cancelled` → `resolved`).
    assert.equal((await h.connector.setStatus(cancelled.id, 'closed')).rawStatus, 'cancelled');
    // The lifecycle's only way out of `cancelled` is `waiting-customer`: the reopen takes it.
    const reopened = await h.connector.setStatus(cancelled.id, 'open');
    assert.deepEqual([reopened.status, reopened.rawStatus], ['open', 'waiting-customer']);
    // From `waiting-customer` the lifecycle offers `resolved`: the customer's close.
    const closed = await h.connector.setStatus(waiting.id, 'closed');
    assert.deepEqual([closed.status, closed.rawStatus], ['closed', 'resolved']);
    assert.deepEqual(await h.connector.summary({ requesterEmail: customer.email }), {
      new: 0,
      open: 1,
      pending: 0,
      solved: 0,
      closed: 1,
    });
  });

  test('closing in the portal resolves the ticket in RT and reads back as closed, not solved', async () => {
    const customer = freshCustomer();
    const t = await h.connector.createTicket(newTicket(customer));
    const closed = await h.connector.setStatus(t.id, 'closed');
    assert.equal(closed.status, 'closed');
    assert.equal(closed.rawStatus, 'resolved');
    const inRt = (await h.admin.get<AdminTicket>(`/ticket/${t.id}`))!;
    assert.equal(inRt.Status, 'resolved');
    assert.equal(cf(inRt, CLOSED_CF).length, 1, 'agents see when the customer closed it');
    assert.equal((await h.connector.getTicket(t.id))?.status, 'closed');
    assert.deepEqual(await h.connector.summary({ requesterEmail: customer.email }), {
      new: 0,
      open: 0,
      pending: 0,
      solved: 0,
      closed: 1,
    });

    const reopened = await h.connector.setStatus(t.id, 'open');
    assert.equal(reopened.status, 'open');
    const afterReopen = (await h.admin.get<AdminTicket>(`/ticket/${t.id}`))!;
    assert.equal(afterReopen.Status, 'open');
    assert.deepEqual(cf(afterReopen, CLOSED_CF), []);

    // An agent resolving it later is an answer the customer may still reply to.
    await adminSetStatus(t.id, 'resolved');
    assert.equal((await h.connector.getTicket(t.id))?.status, 'solved');
    assert.equal((await h.connector.setStatus(t.id, 'solved')).rawStatus, 'resolved');
  });

  test('a marker left from an earlier close does not turn a later agent resolve into closed', async () => {
    const t = await h.connector.createTicket(newTicket());
    await h.connector.setStatus(t.id, 'closed');
    await adminSetStatus(t.id, 'open'); // reopened in RT, marker stays
    await new Promise((r) => setTimeout(r, 1100)); // RT's timestamps have whole seconds
    await adminSetStatus(t.id, 'resolved');
    const got = await h.connector.getTicket(t.id);
    assert.equal(got?.status, 'solved');
  });

  test('messages are Create and Correspond only: internal comments never show', async () => {
    const t = await h.connector.createTicket(newTicket());
    await h.admin.send('POST', `/ticket/${t.id}/comment`, {
      Content: 'INTERNAL: customer is on the old contract',
      ContentType: 'text/plain',
      Attachments: [
        {
          FileName: 'contract.txt',
          FileType: 'text/plain',
          FileContent: Buffer.from('secret terms').toString('base64'),
        },
      ],
    });
    await h.admin.send('POST', `/ticket/${t.id}/correspond`, {
      Content: '<p>We are <b>on it</b>.</p>',
      ContentType: 'text/html',
    });

    const messages = await h.connector.listMessages(t.id);
    assert.equal(messages.length, 2);
    assert.ok(!JSON.stringify(messages).includes('INTERNAL'), 'comment text leaked');
    assert.ok(!JSON.stringify(messages).includes('contract.txt'), 'comment attachment leaked');
    const reply = messages[1]!;
    assert.equal(reply.author.role, 'agent');
    assert.equal(reply.body.format, 'html');
    assert.equal(reply.body.content, '<p>We are <b>on it</b>.</p>');

    // Nor can the comment's attachment be fetched by guessing its id.
    const txns = await adminTransactions(t.id);
    const comment = txns.find((x) => x.Type === 'Comment')!;
    const parts = await h.admin.get<{ items: Array<{ id: string }> }>(`/transaction/${comment.id}/attachments`);
    assert.ok(parts!.items.length > 0);
    for (const part of parts!.items) assert.equal(await h.connector.getAttachment(String(part.id)), null);
  });

  test('a merged-away id answers with the surviving ticket, whose conversation has both tickets in time order', async () => {
    const customer = freshCustomer();
    const log = await stagedFile('merged.log', Buffer.from('from the merged ticket'), 'text/plain');
    const first = await h.connector.createTicket(
      newTicket(customer, { body: { format: 'text', content: 'First report' }, attachments: [log] }),
    );
    await h.admin.send('POST', `/ticket/${first.id}/correspond`, {
      Content: 'Answer on the first',
      ContentType: 'text/plain',
    });
    await h.admin.send('POST', `/ticket/${first.id}/comment`, {
      Content: 'INTERNAL on first',
      ContentType: 'text/plain',
    });
    const second = await h.connector.createTicket(
      newTicket(customer, { body: { format: 'text', content: 'Second report' } }),
    );
    assert.equal((await h.connector.getTicket(second.id))!.mergedIds, undefined);
    await h.admin.send('PUT', `/ticket/${first.id}`, { MergeInto: Number(second.id) });

    const followed = (await h.connector.getTicket(first.id))!;
    assert.equal(followed.id, second.id, 'the merged-away id answers with the survivor');
    assert.deepEqual(followed.mergedIds, [first.id]);
    assert.deepEqual((await h.connector.getTicket(second.id))!.mergedIds, [first.id]);

    const messages = await h.connector.listMessages(second.id);
    assert.deepEqual(
      messages.map((m) => m.body.content),
      ['First report', 'Answer on the first', 'Second report'],
    );
    assert.ok(messages.every((m) => m.ticketId === second.id));
    assert.ok(!JSON.stringify(messages).includes('INTERNAL'));
    const file = messages[0]!.attachments.find((a) => a.name === 'merged.log')!;
    const content = (await h.connector.getAttachment(file.id))!;
    assert.equal(content.meta.ticketId, second.id);
    assert.equal((await readAll(content.stream)).toString(), 'from the merged ticket');
    // The merged-away ticket is not listed twice.
    const listed = await h.connector.listTickets({
      requesterEmail: customer.email,
      status: 'all',
      sort: 'created',
      limit: 25,
    });
    assert.deepEqual(
      listed.items.map((t) => t.id),
      [second.id],
    );
  });

  test('attachments stream the exact bytes, and only files of public messages', async () => {
    const bytes = Buffer.concat([Buffer.from([0, 255, 0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), randomBytes(4096)]);
    const t = await h.connector.createTicket(
      newTicket(freshCustomer(), { attachments: [await stagedFile('schermafdruk ü.png', bytes, 'image/png')] }),
    );
    const [first] = await h.connector.listMessages(t.id);
    assert.equal(first!.attachments.length, 1);
    const meta = first!.attachments[0]!;
    assert.equal(meta.name, 'schermafdruk ü.png');
    assert.equal(meta.contentType, 'image/png');
    assert.equal(meta.size, bytes.length);

    const content = await h.connector.getAttachment(meta.id);
    assert.ok(content);
    assert.equal(content.meta.ticketId, t.id);
    assert.equal(content.meta.size, bytes.length);
    assert.ok((await readAll(content.stream)).equals(bytes), 'bytes differ');

    // The message's body part is not an attachment.
    const bodyPart = (await h.admin.get<{ items: Array<{ id: string; ContentType: string }> }>(
      `/transaction/${first!.id}/attachments`,
      { fields: 'ContentType' },
    ))!.items.find((p) => p.ContentType === 'text/plain')!;
    assert.equal(await h.connector.getAttachment(String(bodyPart.id)), null);
  });

  test('a reply with an attachment lands in RT as Correspond, recording the customer as author', async () => {
    const org = freshOrganization();
    const carol = freshCustomer(org, 'Carol Jansen');
    const colleague = freshCustomer(org, 'Dave Bakker');
    const t = await h.connector.createTicket(newTicket(carol));
    const file = Buffer.from('ligne 1 — été\nline 2\n');
    const message = await h.connector.addMessage(t.id, {
      author: { name: colleague.name, role: 'customer', email: colleague.email },
      body: { format: 'text', content: 'Here is the log.' },
      attachments: [
        await stagedFile('routeur été.log', file, 'text/plain'),
        await stagedFile('écran €.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]), 'image/png'),
      ],
    });
    assert.deepEqual(message.author, { name: 'Dave Bakker', role: 'customer' });
    assert.equal(message.body.content, 'Here is the log.');
    assert.deepEqual(
      message.attachments.map((a) => [a.name, a.size, a.contentType]),
      [
        ['routeur été.log', file.length, 'text/plain'],
        ['écran €.png', 8, 'image/png'],
      ],
    );

    const txn = await h.admin.get<AdminTransaction>(`/transaction/${message.id}`);
    assert.equal(txn!.Type, 'Correspond');
    assert.deepEqual(cf(txn!, AUTHOR_CF), [`Dave Bakker <${colleague.email}>`]);
    const attachmentUrl = txn!._hyperlinks.filter((l) => l.ref === 'attachment').map((l) => l._url.split('/').pop()!);
    const stored = await Promise.all(
      attachmentUrl.map((id) => h.admin.get<{ Filename: string; Content: string }>(`/attachment/${id}`)),
    );
    const log = stored.find((a) => a?.Filename === 'routeur été.log');
    assert.ok(log, 'attachment missing in RT');
    assert.ok(Buffer.from(log.Content, 'base64').equals(file));

    // Reading it back later keeps the customer as the author.
    const messages = await h.connector.listMessages(t.id);
    assert.deepEqual(
      messages.map((m) => m.author),
      [
        { name: 'Carol Jansen', role: 'customer' },
        { name: 'Dave Bakker', role: 'customer' },
      ],
    );
  });

  test('an internal note is stored as an RT comment and never read back', async () => {
    const t = await h.connector.createTicket(newTicket());
    await h.connector.addMessage(t.id, {
      author: { name: 'Alex Jansen', role: 'agent' },
      body: { format: 'text', content: 'note to self' },
      attachments: [],
      internal: true,
    });
    assert.ok((await adminTransactions(t.id)).some((x) => x.Type === 'Comment'));
    assert.equal((await h.connector.listMessages(t.id)).length, 1);
  });

  test("an agent's comment in RT moves neither updatedAt nor the list order; correspond and status do", async () => {
    const customer = freshCustomer();
    const noted = await h.connector.createTicket(newTicket(customer));
    await nextSecond();
    const newer = await h.connector.createTicket(newTicket(customer));
    const order = () =>
      h.connector
        .listTickets({ requesterEmail: customer.email, status: 'all', sort: '-updated', limit: 25 })
        .then((p) => p.items.map((t) => t.id));
    assert.deepEqual(await order(), [newer.id, noted.id]);
    const before = (await h.connector.getTicket(noted.id))!;

    await nextSecond();
    await h.admin.send('POST', `/ticket/${noted.id}/comment`, { Content: 'INTERNAL only', ContentType: 'text/plain' });
    const rawAfterComment = await h.admin.get<{ LastUpdated: string }>(`/ticket/${noted.id}`);
    assert.ok(
      new Date(rawAfterComment!.LastUpdated) > new Date(before.updatedAt),
      "RT's LastUpdated moved (what the test guards against)",
    );
    assert.equal((await h.connector.getTicket(noted.id))!.updatedAt, before.updatedAt);
    assert.deepEqual(await order(), [newer.id, noted.id]);
    const listed = (
      await h.connector.listTickets({ requesterEmail: customer.email, status: 'all', sort: '-updated', limit: 25 })
    ).items.find((t) => t.id === noted.id)!;
    assert.equal(listed.updatedAt, before.updatedAt);

    await h.admin.send('POST', `/ticket/${noted.id}/correspond`, {
      Content: 'Public answer',
      ContentType: 'text/plain',
    });
    const answered = (await h.connector.getTicket(noted.id))!;
    assert.ok(answered.updatedAt > before.updatedAt);
    assert.deepEqual(await order(), [noted.id, newer.id]);

    await nextSecond();
    await adminSetStatus(newer.id, 'stalled');
    assert.ok((await h.connector.getTicket(newer.id))!.updatedAt > answered.updatedAt, 'a status change is public');
    assert.deepEqual(await order(), [newer.id, noted.id]);
  });

  test('search matches the subject and the ticket number', async () => {
    const customer = freshCustomer();
    const a = await h.connector.createTicket(newTicket(customer, { subject: 'Printer on fire' }));
    const b = await h.connector.createTicket(newTicket(customer, { subject: "O'Brien's laptop" }));
    const find = (q: string) =>
      h.connector
        .listTickets({ requesterEmail: customer.email, status: 'all', sort: 'created', limit: 25, q })
        .then((p) => p.items.map((t) => t.id));
    assert.deepEqual(await find('printer'), [a.id]);
    assert.deepEqual(await find("o'brien"), [b.id]);
    assert.deepEqual(await find(`#${b.id}`), [b.id]);
    assert.deepEqual(await find(`RT-${a.id}`), [a.id]);
  });

  test('search reads words: % and _ separate words and never act as LIKE wildcards, quotes are safe', async () => {
    const customer = freshCustomer();
    const subjects = [
      'Save 50%_off today',
      'Save 50% off today',
      'Save 50_off today',
      'Save 500 off today',
      "It's 100%",
    ];
    const made = [];
    for (const subject of subjects) made.push(await h.connector.createTicket(newTicket(customer, { subject })));
    const [exact, percent, underscore, five, quoted] = made.map((t) => t.id);
    const find = (q: string, limit = 25) =>
      h.connector
        .listTickets({ requesterEmail: customer.email, status: 'all', sort: 'created', limit, q })
        .then((p) => p.items.map((t) => t.id));
    // The words "50" and "off", each anywhere in the subject.
    assert.deepEqual(await find('50%_off'), [exact, percent, underscore, five]);
    assert.deepEqual(await find('OFF 50'), [exact, percent, underscore, five]);
    // Wildcards alone are no words: nothing matches (as LIKE wildcards they would match everything).
    assert.deepEqual(await find('%'), []);
    assert.deepEqual(await find('_'), []);
    assert.deepEqual(await find('%_'), []);
    assert.deepEqual(await find("it's 100%"), [quoted]);
    assert.deepEqual(await find("o'brien"), []);
    // Pages of a search page on to the rest.
    const seen: string[] = [];
    let next: string | null | undefined;
    do {
      const page = await h.connector.listTickets({
        requesterEmail: customer.email,
        status: 'all',
        sort: 'created',
        limit: 1,
        q: 'off',
        ...(next ? { cursor: next } : {}),
      });
      seen.push(...page.items.map((t) => t.id));
      next = page.nextCursor;
    } while (next);
    assert.deepEqual(seen, [exact, percent, underscore, five]);
  });

  test('watch() reports what an agent does in RT, not what the gateway did itself', async () => {
    const t = await h.connector.createTicket(newTicket());
    // Already open, so the portal reply below does not make RT open it (a change worth reporting).
    await adminSetStatus(t.id, 'open');
    const changes: ConnectorChange[] = [];
    const unsubscribe = h.connector.watch((c) => changes.push(c));
    try {
      await h.connector.pollNow(); // sets the starting point

      await h.connector.addMessage(t.id, {
        author: { name: 'Tess', role: 'customer' },
        body: { format: 'text', content: 'via the portal' },
        attachments: [],
      });
      await h.admin.send('POST', `/ticket/${t.id}/comment`, { Content: 'internal', ContentType: 'text/plain' });
      await h.connector.pollNow();
      assert.deepEqual(changes, [], 'own replies and internal comments are not changes');

      const { location } = await h.admin.send('POST', `/ticket/${t.id}/correspond`, {
        Content: 'Reply from the agent',
        ContentType: 'text/plain',
      });
      const txnId = location!.split('/').pop();
      await h.connector.pollNow();
      const bare = (list: ConnectorChange[]) =>
        list.map(({ ticketId, kind, messageId }) => ({ ticketId, kind, ...(messageId ? { messageId } : {}) }));
      assert.deepEqual(bare(changes), [
        { ticketId: t.id, kind: 'ticket' },
        { ticketId: t.id, kind: 'message', messageId: txnId },
      ]);
      // Loaded with the change, as getTicket and getMessages read them.
      assert.deepEqual((changes as ConnectorChange[])[0]!.ticket, await h.connector.getTicket(t.id));
      assert.deepEqual((changes as ConnectorChange[])[1]!.message, (await h.connector.getMessages(t.id, [txnId!]))[0]);
      assert.equal((changes as ConnectorChange[])[1]!.message?.body.content, 'Reply from the agent');

      changes.length = 0;
      await adminSetStatus(t.id, 'stalled');
      await h.connector.pollNow();
      assert.deepEqual(bare(changes), [{ ticketId: t.id, kind: 'ticket' }]);
      assert.equal((changes as ConnectorChange[])[0]!.ticket?.rawStatus, 'stalled');
      await h.connector.pollNow();
      assert.equal(changes.length, 1, 'a change is reported once');
    } finally {
      unsubscribe();
    }
  });

  test('watch() polls by itself every RT_POLL_MS', async () => {
    const { createRtConnector } = await import('../../../server/connectors/rt/index.js');
    const fast = createRtConnector({ ...process.env, RT_POLL_MS: '200' }, { log: { warn: () => {} } });
    const t = await h.connector.createTicket(newTicket());
    const seen = new Promise<ConnectorChange>((resolve) => {
      const stop = fast.watch((c) => {
        if (c.ticketId === t.id && c.kind === 'message') {
          stop();
          resolve(c);
        }
      });
    });
    await new Promise((r) => setTimeout(r, 600)); // first poll sets the starting point
    await h.admin.send('POST', `/ticket/${t.id}/correspond`, { Content: 'ping', ContentType: 'text/plain' });
    const change = await Promise.race([
      seen,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no change within 5 s')), 5000)),
    ]);
    assert.equal(change.ticketId, t.id);
    await fast.stop();
  });
});
