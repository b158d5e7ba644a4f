import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Attachment, Message, Page, TicketStatus } from '../../../src/protocol/index.js';
import {
  CLOSED_STATUSES,
  OPEN_STATUSES,
  TICKET_STATUSES,
  ticketNumberQuery,
  ticketSearchWords,
} from '../../../src/protocol/index.js';
import type { Database, Queryable } from '../../db/database.js';
import type {
  AttachmentContent,
  MessagePageRequest,
  NewMessage,
  NewTicket,
  ReaderTicket,
  StagedFile,
  StoredTicket,
  TicketConnector,
  TicketFilter,
} from '../connector.js';
import { decodeMessageCursor, encodeMessageCursor } from '../message-cursor.js';
import { decodeCursor, encodeCursor } from './cursor.js';

type TicketRow = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  raw_status: string;
  requester_id: string;
  requester_email: string;
  requester_name: string;
  organization_id: string | null;
  organization_name: string | null;
  service: string | null;
  assignee: string | null;
  fields: StoredTicket['fields'];
  created_at: Date;
  updated_at: Date;
  sort_key?: string;
  status_rank?: number;
};

type MessageRow = {
  id: string;
  ticket_id: string;
  author_name: string;
  author_role: 'customer' | 'agent';
  body_format: Message['body']['format'];
  body: string;
  created_at: Date;
};

const iso = (d: Date | string) => new Date(d).toISOString();

function toTicket(r: TicketRow): StoredTicket {
  return {
    id: r.id,
    number: String(r.number),
    subject: r.subject,
    status: r.status,
    rawStatus: r.raw_status,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    requester: { id: r.requester_id, name: r.requester_name },
    requesterEmail: r.requester_email,
    organization: r.organization_id ? { id: r.organization_id, name: r.organization_name ?? '' } : null,
    service: r.service,
    assignee: r.assignee ? { name: r.assignee } : null,
    fields: r.fields ?? {},
  };
}

/** What a listed ticket shows: every column of the ticket's wire form, named (a new column is not sent by accident). */
const LIST_COLUMNS = [
  'id',
  'number',
  'subject',
  'status',
  'raw_status',
  'requester_id',
  'requester_email',
  'requester_name',
  'organization_id',
  'organization_name',
  'service',
  'assignee',
  'fields',
  'created_at',
  'updated_at',
]
  .map((c) => `t.${c}`)
  .join(', ');

/** The lifecycle position of a status (new 0 … closed 4), for the `status` sort. */
const STATUS_RANK = `array_position(ARRAY[${TICKET_STATUSES.map((s) => `'${s}'`).join(', ')}]::text[], t.status)`;

const SORTS = {
  '-updated': { column: 'updated_at', dir: 'DESC', cmp: '<' },
  updated: { column: 'updated_at', dir: 'ASC', cmp: '>' },
  '-created': { column: 'created_at', dir: 'DESC', cmp: '<' },
  created: { column: 'created_at', dir: 'ASC', cmp: '>' },
  // By lifecycle first (STATUS_RANK ascending), then newest update first.
  status: { column: 'updated_at', dir: 'DESC', cmp: '<' },
} as const;

/**
 * Tickets, messages and attachment bytes in the gateway's own PostgreSQL
 * (PGlite or a server): what `npm start` runs on with nothing else installed.
 */
export class EmbeddedConnector implements TicketConnector {
  readonly name = 'embedded';
  /** Backs every protocol feature: nothing is turned off (an absent capability counts as present). */
  readonly capabilities = {};

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    // The gateway's migrations create the tables; nothing to connect to.
  }

  async stop(): Promise<void> {}

  listTickets(filter: TicketFilter): Promise<Page<StoredTicket>> {
    return this.#list(filter, null);
  }

  listTicketsForReader(filter: TicketFilter, readerId: string): Promise<Page<ReaderTicket>> {
    return this.#list(filter, readerId) as Promise<Page<ReaderTicket>>;
  }

  /**
   * One statement per page: the columns a listed ticket shows (never the whole
   * row), keyset-paginated on an index; for a reader, held tickets left out and
   * the reader's read mark joined in.
   */
  async #list(filter: TicketFilter, readerId: string | null): Promise<Page<StoredTicket | ReaderTicket>> {
    const sort = SORTS[filter.sort] ?? SORTS['-updated'];
    const params: unknown[] = [];
    const where: string[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.requesterEmail !== undefined) where.push(`t.requester_email = ${p(filter.requesterEmail)}`);
    else if (filter.organizationId !== undefined) where.push(`t.organization_id = ${p(filter.organizationId)}`);
    else if (!filter.agent) throw new Error('listTickets needs requesterEmail or organizationId');
    if (filter.status === 'open') where.push(`t.status = ANY(${p([...OPEN_STATUSES])})`);
    if (filter.status === 'closed') where.push(`t.status = ANY(${p([...CLOSED_STATUSES])})`);
    if (filter.q?.trim()) {
      // Every word in the subject, the requester's name or address, or a message the customer sees. The
      // messages that have it are found first (trigram index, migration 014), so the planner can take
      // either way: the few tickets a rare word names, or the list in order until a common word fills a page.
      const number = ticketNumberQuery(filter.q)?.number;
      const words = ticketSearchWords(filter.q).map((w) => {
        const like = p(`%${w.replace(/[\\%_]/g, '\\$&')}%`);
        return (
          `(t.subject ILIKE ${like} OR t.requester_name ILIKE ${like} OR t.requester_email ILIKE ${like}` +
          ` OR t.id = ANY(ARRAY(SELECT m.ticket_id FROM ticket_messages m WHERE NOT m.internal AND m.body ILIKE ${like})))`
        );
      });
      const either = [
        ...(number ? [`t.number = ${p(Number(number))}`] : []),
        ...(words.length ? [words.join(' AND ')] : []),
      ];
      // Punctuation alone: nothing matches.
      where.push(either.length ? `(${either.join(' OR ')})` : 'false');
    }
    const cursor = decodeCursor(filter.cursor);
    if (cursor) {
      const after = `(t.${sort.column}, t.id) ${sort.cmp} (${p(cursor.at)}::timestamptz, ${p(cursor.id)})`;
      if (filter.sort === 'status') {
        const rank = p(cursor.rank ?? 0);
        where.push(`(${STATUS_RANK} > ${rank} OR (${STATUS_RANK} = ${rank} AND ${after}))`);
      } else where.push(after);
    }
    let read = '';
    let join = '';
    if (readerId !== null) {
      read = ', r.read_at';
      join = `LEFT JOIN ticket_reads r ON r.customer_id = ${p(readerId)} AND r.ticket_id = t.id`;
      where.push('NOT EXISTS (SELECT 1 FROM held_tickets h WHERE h.ticket_id = t.id AND h.released_at IS NULL)');
    }
    const order =
      filter.sort === 'status'
        ? `${STATUS_RANK} ASC, t.${sort.column} ${sort.dir}, t.id ${sort.dir}`
        : `t.${sort.column} ${sort.dir}, t.id ${sort.dir}`;
    const rows = await this.db.query<TicketRow & { read_at?: Date | null }>(
      `SELECT ${LIST_COLUMNS}, t.${sort.column}::text AS sort_key, ${STATUS_RANK} AS status_rank${read}
       FROM tickets t ${join} WHERE ${where.join(' AND ') || 'true'}
       ORDER BY ${order} LIMIT ${p(filter.limit + 1)}`,
      params,
    );
    const more = rows.length > filter.limit;
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) =>
        readerId === null ? toTicket(r) : { ...toTicket(r), readAt: r.read_at ? new Date(r.read_at) : null },
      ),
      nextCursor:
        more && last
          ? encodeCursor({
              at: last.sort_key!,
              id: last.id,
              ...(filter.sort === 'status' ? { rank: last.status_rank } : {}),
            })
          : null,
    };
  }

  async summary(filter: { requesterEmail?: string; organizationId?: string }): Promise<Record<TicketStatus, number>> {
    const [column, value] =
      filter.requesterEmail !== undefined
        ? ['requester_email', filter.requesterEmail]
        : ['organization_id', filter.organizationId];
    const rows = await this.db.query<{ status: TicketStatus; n: number }>(
      `SELECT status, count(*)::int AS n FROM tickets WHERE ${column} = $1 GROUP BY status`,
      [value],
    );
    const out = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  async getTicket(id: string): Promise<StoredTicket | null> {
    const rows = await this.db.query<TicketRow>('SELECT * FROM tickets WHERE id = $1', [id]);
    return rows[0] ? toTicket(rows[0]) : null;
  }

  async listMessages(ticketId: string): Promise<Message[]> {
    return (await this.#messages('ticket_id = $1 AND NOT internal ORDER BY seq', [ticketId])).map((r) => r.message);
  }

  /** A keyset page on the message sequence (index ticket_messages_ticket): one page read, however deep. */
  async pageMessages(ticketId: string, page: MessagePageRequest): Promise<Page<Message>> {
    const after = decodeMessageCursor(page.cursor);
    const desc = page.sort === '-created';
    const limit = Math.max(1, Math.trunc(page.limit));
    const rows = await this.#messages(
      `ticket_id = $1 AND NOT internal AND ($2::bigint IS NULL OR seq ${desc ? '<' : '>'} $2::bigint)
       ORDER BY seq ${desc ? 'DESC' : 'ASC'} LIMIT $3`,
      [ticketId, after, limit + 1],
    );
    const items = rows.slice(0, limit);
    return {
      items: items.map((r) => r.message),
      nextCursor: rows.length > limit ? encodeMessageCursor(items.at(-1)!.seq) : null,
    };
  }

  async getMessages(ticketId: string, ids: string[]): Promise<Message[]> {
    if (!ids.length) return [];
    const rows = await this.#messages('ticket_id = $1 AND id = ANY($2::text[]) AND NOT internal ORDER BY seq', [
      ticketId,
      ids,
    ]);
    return rows.map((r) => r.message);
  }

  /** Messages matching `where` (over ticket_messages, $1… as given) with their attachments, and their seq. */
  async #messages(where: string, params: unknown[]): Promise<Array<{ message: Message; seq: string }>> {
    // The text of seq goes by another name: `ORDER BY seq` in `where` must sort the number, not this text.
    const rows = await this.db.query<MessageRow & { seq_text: string }>(
      `SELECT id, ticket_id, author_name, author_role, body_format, body, created_at, seq::text AS seq_text
       FROM ticket_messages WHERE ${where}`,
      params,
    );
    if (!rows.length) return [];
    const atts = await this.db.query<Attachment & { message_id: string }>(
      `SELECT a.id, a.name, a.size, a.content_type AS "contentType", a.message_id FROM ticket_attachments a
       WHERE a.message_id = ANY($1::text[]) ORDER BY a.name`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      message: this.#toMessage(
        r,
        atts.filter((a) => a.message_id === r.id),
      ),
      seq: r.seq_text,
    }));
  }

  async createTicket(input: NewTicket): Promise<StoredTicket> {
    const id = randomUUID();
    const files = await Promise.all(input.attachments.map(readStaged));
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO tickets (id, subject, status, raw_status, requester_id, requester_email, requester_name,
           organization_id, organization_name, service, assignee, fields, created_at, updated_at)
         VALUES ($1, $2, 'new', 'new', $3, $4, $5, $6, $7, $8, $9, $10, now(), now())`,
        [
          id,
          input.subject,
          input.requester.id,
          input.requester.email.toLowerCase(),
          input.requester.name,
          input.requester.organizationId,
          input.requester.organizationName,
          input.service,
          input.assignee,
          JSON.stringify(input.fields),
        ],
      );
      await this.#insertMessage(
        tx,
        id,
        {
          author: { name: input.requester.name, role: 'customer', email: input.requester.email },
          body: input.body,
          attachments: [],
        },
        files,
      );
    });
    return (await this.getTicket(id))!;
  }

  async addMessage(ticketId: string, input: NewMessage): Promise<Message> {
    if (!input.attachments.length) {
      // The common case in one statement: the message, and (for public ones) the ticket's updated_at.
      const rows = await this.db.query<MessageRow>(
        `WITH m AS (
           INSERT INTO ticket_messages (id, ticket_id, author_name, author_role, author_email, body_format, body, internal, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING *),
         touched AS (UPDATE tickets SET updated_at = now() WHERE id = $2 AND NOT $8 RETURNING id)
         SELECT m.* FROM m`,
        [
          randomUUID(),
          ticketId,
          input.author.name,
          input.author.role,
          input.author.email ?? null,
          input.body.format,
          input.body.content,
          !!input.internal,
        ],
      );
      return this.#toMessage(rows[0]!, []);
    }
    const files = await Promise.all(input.attachments.map(readStaged));
    const messageId = await this.db.transaction(async (tx) => {
      const mid = await this.#insertMessage(tx, ticketId, input, files);
      // Internal notes are invisible to customers, so they must not make the ticket look updated.
      if (!input.internal) await tx.query('UPDATE tickets SET updated_at = now() WHERE id = $1', [ticketId]);
      return mid;
    });
    const row = (await this.db.query<MessageRow>('SELECT * FROM ticket_messages WHERE id = $1', [messageId]))[0]!;
    const atts = await this.db.query<Attachment>(
      `SELECT id, name, size, content_type AS "contentType" FROM ticket_attachments WHERE message_id = $1 ORDER BY name`,
      [messageId],
    );
    return this.#toMessage(row, atts);
  }

  async setStatus(ticketId: string, status: TicketStatus): Promise<StoredTicket> {
    const rows = await this.db.query<TicketRow>(
      'UPDATE tickets SET status = $2, raw_status = $2, updated_at = now() WHERE id = $1 RETURNING *',
      [ticketId, status],
    );
    if (!rows[0]) throw new Error(`no ticket ${ticketId}`);
    return toTicket(rows[0]);
  }

  async getAttachment(id: string): Promise<AttachmentContent | null> {
    const rows = await this.db.query<{
      id: string;
      ticket_id: string;
      name: string;
      size: number;
      content_type: string;
      content: Uint8Array;
    }>(
      `SELECT a.* FROM ticket_attachments a JOIN ticket_messages m ON m.id = a.message_id
       WHERE a.id = $1 AND NOT m.internal`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      meta: { id: r.id, ticketId: r.ticket_id, name: r.name, size: r.size, contentType: r.content_type },
      stream: Readable.from([Buffer.from(r.content)]),
    };
  }

  async #insertMessage(
    tx: Queryable,
    ticketId: string,
    input: NewMessage,
    files: Array<StagedFile & { bytes: Buffer }>,
  ): Promise<string> {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO ticket_messages (id, ticket_id, author_name, author_role, author_email, body_format, body, internal, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
      [
        id,
        ticketId,
        input.author.name,
        input.author.role,
        input.author.email ?? null,
        input.body.format,
        input.body.content,
        !!input.internal,
      ],
    );
    for (const f of files) {
      await tx.query(
        `INSERT INTO ticket_attachments (id, ticket_id, message_id, name, content_type, size, content)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [randomUUID(), ticketId, id, f.name, f.contentType, f.bytes.length, f.bytes],
      );
    }
    return id;
  }

  #toMessage(r: MessageRow, attachments: Attachment[]): Message {
    return {
      id: r.id,
      ticketId: r.ticket_id,
      author: { name: r.author_name, role: r.author_role },
      createdAt: iso(r.created_at),
      body: { format: r.body_format, content: r.body },
      attachments: attachments.map((a) => ({ id: a.id, name: a.name, size: a.size, contentType: a.contentType })),
    };
  }
}

async function readStaged(f: StagedFile): Promise<StagedFile & { bytes: Buffer }> {
  return { ...f, bytes: await readFile(f.path) };
}

export function createEmbeddedConnector(db: Database): TicketConnector {
  return new EmbeddedConnector(db);
}
