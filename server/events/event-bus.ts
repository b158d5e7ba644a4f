import { EventEmitter } from 'node:events';
import type { ServerEvent } from '../../src/protocol/index.js';
import type { Database, Queryable } from '../db/database.js';

/** Who may receive an event: the requester (every one, where a ticket has several), and company colleagues of the organisation. */
export interface EventAudience {
  requesterEmail: string | null;
  /** The ticket's other requesters (lower-case), e.g. RT's further Requestors. */
  alsoEmails?: readonly string[];
  organizationId: string | null;
}

export interface StoredEvent extends EventAudience {
  id: number;
  event: ServerEvent;
}

const CHANNEL = 'portico_events';
const KEEP_HOURS = 24;
/** pg_advisory_xact_lock key of event inserts ("portico events"): commits then come in id order. */
const INSERT_LOCK = 0x706f7274;
/** One read of the table: a reader that fell behind catches up page by page. */
const PAGE = 500;
/** A lost notification (the listening connection broke) delays events by at most this. */
const SAFETY_POLL_MS = 5000;

type Row = {
  id: number;
  type: string;
  requester_email: string | null;
  also_emails: string[] | null;
  organization_id: string | null;
  payload: ServerEvent;
};

const COLUMNS = 'id::int AS id, type, requester_email, also_emails, organization_id, payload';

const fromRow = (r: Row): StoredEvent => ({
  id: r.id,
  requesterEmail: r.requester_email,
  alsoEmails: r.also_emails ?? [],
  organizationId: r.organization_id,
  event: r.payload,
});

/**
 * Server-sent events, stored so a client can resume with Last-Event-ID.
 *
 * The events table is the only source: a publisher inserts, then wakes the
 * readers (in process on PGlite; by NOTIFY on a PostgreSQL server, which
 * reaches every gateway instance on it). A woken reader reads `id > last` in
 * id order — one query per wake-up for all of this instance's streams — and
 * emits what it read. On PostgreSQL inserts take a transaction-level advisory
 * lock, so ids commit in the order they are handed out and a reader that has
 * seen id n can never later find a smaller one committed.
 */
export class EventBus {
  readonly #emitter = new EventEmitter();
  #unlisten: (() => Promise<void>) | null = null;
  #poll: ReturnType<typeof setInterval> | undefined;
  #last = 0;
  #reading: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  /** Table reads done by this instance's reader (tests count fan-out queries with it). */
  reads = 0;

  constructor(private readonly db: Database) {
    this.#emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    const [row] = await this.db.query<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM events');
    this.#last = row?.id ?? 0;
    if (!this.db.listen) return;
    this.#unlisten = await this.db.listen(CHANNEL, () => this.#wake());
    this.#poll = setInterval(() => this.#wake(), SAFETY_POLL_MS);
    this.#poll.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#poll);
    await this.#unlisten?.();
    await this.#reading;
    this.#emitter.removeAllListeners();
  }

  /** The highest id this instance has emitted: a stream opened now gets every later one. */
  get lastId(): number {
    return this.#last;
  }

  async publish(event: ServerEvent, audience: EventAudience): Promise<void> {
    await this.publishAll([event], audience);
  }

  /** Several events for one audience in one statement, in order. */
  async publishAll(events: ServerEvent[], audience: EventAudience): Promise<void> {
    if (!events.length) return;
    const insert = (q: Queryable) =>
      q.query(
        `INSERT INTO events (type, requester_email, also_emails, organization_id, payload)
         SELECT e->>'type', $1, $4::text[], $2, e FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n`,
        [
          audience.requesterEmail?.toLowerCase() ?? null,
          audience.organizationId,
          JSON.stringify(events),
          (audience.alsoEmails ?? []).map((e) => e.toLowerCase()),
        ],
      );
    if (this.db.kind === 'postgres') {
      // NOTIFY is sent at commit, under the lock: it wakes every instance's reader, this one's too.
      await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [INSERT_LOCK]);
        await insert(tx);
        await tx.query(`SELECT pg_notify($1, '')`, [CHANNEL]);
      });
    } else {
      // PGlite is one connection: statements run one after another, ids commit in order.
      await insert(this.db);
      this.#wake();
    }
  }

  /** Every event this instance reads, in id order, each once. */
  subscribe(listener: (e: StoredEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }

  /** Resolves once everything committed before the call has been read and emitted. */
  async settled(): Promise<void> {
    this.#wake();
    while (this.#reading) await this.#reading;
  }

  /** Reads now, or once more after the read under way (whose snapshot may predate the wake-up). */
  #wake(): void {
    if (this.#stopped) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = (async () => {
      do {
        this.#again = false;
        await this.#readNew().catch(() => {
          /* the next wake-up or the safety poll reads again from the same place */
        });
      } while (this.#again && !this.#stopped);
    })().finally(() => {
      this.#reading = null;
    });
  }

  async #readNew(): Promise<void> {
    for (;;) {
      this.reads++;
      const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM events WHERE id > $1 ORDER BY id LIMIT $2`, [
        this.#last,
        PAGE,
      ]);
      for (const row of rows) {
        if (row.id <= this.#last) continue;
        this.#last = row.id;
        this.#emitter.emit('event', fromRow(row));
      }
      if (rows.length < PAGE || this.#stopped) return;
    }
  }

  /** This audience's events with `after < id <= upTo`, in order, a page at a time (replay on reconnect). */
  async between(
    after: number,
    upTo: number,
    email: string,
    organizationId: string | null,
    limit = PAGE,
  ): Promise<StoredEvent[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM events
       WHERE id > $1 AND id <= $2
         AND (requester_email = $3 OR $3 = ANY(also_emails) OR ($4::text IS NOT NULL AND organization_id = $4))
       ORDER BY id LIMIT $5`,
      [after, upTo, email, organizationId, limit],
    );
    return rows.map(fromRow);
  }

  async purge(): Promise<void> {
    await this.db.query(`DELETE FROM events WHERE created_at < now() - make_interval(hours => $1)`, [KEEP_HOURS]);
  }
}
