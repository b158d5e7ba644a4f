import { EventEmitter } from 'node:events';
import type { ServerEvent } from '../../src/protocol/index.js';
import type { Database } from '../db/database.js';

/** Who may receive an event: the requester, and company colleagues of the organisation. */
export interface EventAudience {
  requesterEmail: string | null;
  organizationId: string | null;
}

export interface StoredEvent extends EventAudience {
  id: number;
  event: ServerEvent;
}

const CHANNEL = 'portico_events';
const KEEP_HOURS = 24;

type Row = {
  id: number;
  type: string;
  requester_email: string | null;
  organization_id: string | null;
  payload: ServerEvent;
};

const fromRow = (r: Row): StoredEvent => ({
  id: r.id,
  requesterEmail: r.requester_email,
  organizationId: r.organization_id,
  event: r.payload,
});

/**
 * Server-sent events, stored so a client can resume with Last-Event-ID. On a
 * PostgreSQL server, LISTEN/NOTIFY fans events out to every gateway instance.
 */
export class EventBus {
  readonly #emitter = new EventEmitter();
  #unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly db: Database) {
    this.#emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (!this.db.listen) return;
    // Notifications arrive in commit order; fetching them one after another keeps that order.
    let chain = Promise.resolve();
    this.#unlisten = await this.db.listen(CHANNEL, (payload) => {
      const id = Number(payload);
      if (!Number.isSafeInteger(id)) return;
      chain = chain
        .then(() =>
          this.db.query<Row>(
            'SELECT id::int AS id, type, requester_email, organization_id, payload FROM events WHERE id = $1',
            [id],
          ),
        )
        .then((rows) => {
          if (rows[0]) this.#emitter.emit('event', fromRow(rows[0]));
        })
        .catch(() => undefined);
    });
  }

  async stop(): Promise<void> {
    await this.#unlisten?.();
    this.#emitter.removeAllListeners();
  }

  async publish(event: ServerEvent, audience: EventAudience): Promise<void> {
    await this.publishAll([event], audience);
  }

  /** Several events for one audience in one statement, in order. */
  async publishAll(events: ServerEvent[], audience: EventAudience): Promise<void> {
    const rows = await this.db.query<{ id: number }>(
      `INSERT INTO events (type, requester_email, organization_id, payload)
       SELECT e->>'type', $1, $2, e FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(e, n) ORDER BY n
       RETURNING id::int AS id`,
      [audience.requesterEmail?.toLowerCase() ?? null, audience.organizationId, JSON.stringify(events)],
    );
    const ids = rows.map((r) => r.id).sort((a, b) => a - b);
    for (const [i, event] of events.entries()) {
      const stored: StoredEvent = {
        id: ids[i]!,
        ...audience,
        requesterEmail: audience.requesterEmail?.toLowerCase() ?? null,
        event,
      };
      if (this.#unlisten) await this.db.query(`SELECT pg_notify($1, $2)`, [CHANNEL, String(stored.id)]);
      else this.#emitter.emit('event', stored);
    }
  }

  subscribe(listener: (e: StoredEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }

  /** Events after `lastId` for this audience (replay on reconnect). */
  async since(lastId: number, email: string, organizationId: string | null, limit = 500): Promise<StoredEvent[]> {
    const rows = await this.db.query<Row>(
      `SELECT id::int AS id, type, requester_email, organization_id, payload FROM events
       WHERE id > $1 AND (requester_email = $2 OR ($3::text IS NOT NULL AND organization_id = $3))
       ORDER BY id LIMIT $4`,
      [lastId, email, organizationId, limit],
    );
    return rows.map(fromRow);
  }

  async purge(): Promise<void> {
    await this.db.query(`DELETE FROM events WHERE created_at < now() - make_interval(hours => $1)`, [KEEP_HOURS]);
  }
}
