/**
 * The embedded store's conversation order: by the message sequence as a
 * number, also where it gains a digit (9 → 10), in every read — the whole
 * thread, a page either way, and messages by id.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TicketConnector } from '../../server/connectors/connector.js';
import { createEmbeddedConnector } from '../../server/connectors/embedded/index.js';
import { type Database, openDatabase } from '../../server/db/database.js';
import { migrate } from '../../server/db/migrate.js';

describe('embedded store: conversation order', () => {
  let db: Database;
  let connector: TicketConnector;
  let ticketId: string;
  /** The bodies in the order they were written. */
  const written = Array.from({ length: 12 }, (_, i) => `Message ${i + 1}`);

  before(async () => {
    // A fresh store: the sequence starts at 1, so twelve messages cross from 9 to 10.
    db = await openDatabase({ dataDir: 'memory://' });
    await migrate(db);
    connector = createEmbeddedConnector(db);
    const ticket = await connector.createTicket({
      requester: { id: 'c-1', email: 'ann@example.test', name: 'Ann', organizationId: null, organizationName: null },
      subject: 'Twelve messages',
      body: { format: 'text', content: written[0]! },
      service: null,
      fields: {},
      attachments: [],
      assignee: null,
    });
    ticketId = ticket.id;
    for (const content of written.slice(1)) {
      await connector.addMessage(ticketId, {
        author: { name: 'Agent', role: 'agent' },
        body: { format: 'text', content },
        attachments: [],
      });
    }
    const seqs = await db.query<{ seq: string }>('SELECT seq::text AS seq FROM ticket_messages ORDER BY 1');
    assert.ok(
      seqs.some((r) => r.seq.length === 1) && seqs.some((r) => r.seq.length === 2),
      `the sequence did not cross a digit: ${seqs.map((r) => r.seq)}`,
    );
  });
  after(async () => {
    await db?.close();
  });

  const bodies = (messages: Array<{ body: { content: string } }>) => messages.map((m) => m.body.content);

  it('lists the whole thread oldest first', async () => {
    assert.deepEqual(bodies(await connector.listMessages(ticketId)), written);
  });

  it('pages oldest first and newest first by the sequence', async () => {
    for (const sort of ['created', '-created'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await connector.pageMessages(ticketId, { cursor, limit: 5, sort });
        seen.push(...bodies(page.items));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && seen.length <= written.length);
      assert.deepEqual(seen, sort === 'created' ? written : [...written].reverse(), sort);
    }
  });

  it('reads messages by id in the thread’s order', async () => {
    const all = await connector.listMessages(ticketId);
    const picked = [all[10]!.id, all[2]!.id, all[9]!.id];
    assert.deepEqual(bodies(await connector.getMessages(ticketId, picked)), ['Message 3', 'Message 10', 'Message 11']);
  });
});
