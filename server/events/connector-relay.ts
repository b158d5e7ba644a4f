/**
 * Live updates for changes made in the helpdesk itself (an agent answering in
 * RT): the connector's watch() reports them, this turns them into the same
 * `message.created` / `ticket.updated` events the gateway's own writes
 * publish, for the same audience (requester, and company colleagues of the
 * ticket's organisation — the SSE route applies the read endpoints' rules).
 */
import type { Message } from '../../src/protocol/index.js';
import type { ConnectorChange, StoredTicket, TicketConnector } from '../connectors/connector.js';
import type { Queryable } from '../db/database.js';
import type { TicketService } from '../tickets/ticket-service.js';

/** How long a relayed change is remembered for deduplication across gateway instances. */
const KEEP_HOURS = 24;
/** Tickets of one batch published at once. */
const PARALLEL = 8;

export interface ConnectorRelay {
  /** Stops watching and waits for changes already being published. */
  stop(): Promise<void>;
  /** Forgets old deduplication keys (housekeeping). */
  purge(): Promise<void>;
}

/**
 * Watches the connector (when it can be watched). Changes reported together
 * (one RT poll) are published per ticket in one go: the ticket and its
 * messages are loaded once (or come loaded with the change), messages first,
 * then the ticket — the order the gateway's own replies use. Batches are
 * published one after another; within one, up to PARALLEL tickets at a time
 * (each ticket's events stay in order; tickets have no order among them).
 */
export function relayConnectorChanges(
  connector: TicketConnector,
  tickets: TicketService,
  db: Queryable,
  log: (message: string) => void = (m) => console.warn(m),
): ConnectorRelay {
  let pending: ConnectorChange[] = [];
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const flush = () => {
    const batch = pending;
    pending = [];
    chain = chain
      .then(() => publishBatch(batch))
      .catch((err) =>
        log(`live updates: could not publish a ${connector.name} change: ${(err as Error)?.message ?? err}`),
      );
  };

  async function publishBatch(batch: ConnectorChange[]): Promise<void> {
    type Loaded = { ticket?: StoredTicket | null; messages: Message[] };
    const byTicket = new Map<string, { ids: Set<string>; loaded: Loaded }>();
    for (const change of batch) {
      const entry = byTicket.get(change.ticketId) ?? { ids: new Set<string>(), loaded: { messages: [] } };
      if (change.kind === 'message' && change.messageId) entry.ids.add(change.messageId);
      if (change.ticket !== undefined) entry.loaded.ticket = change.ticket;
      if (change.message) entry.loaded.messages.push(change.message);
      byTicket.set(change.ticketId, entry);
    }
    const work = [...byTicket];
    const worker = async () => {
      for (let next = work.shift(); next && !stopped; next = work.shift()) {
        const [ticketId, { ids, loaded }] = next;
        // One ticket failing does not hold back the others.
        await tickets
          .announceExternalChange(ticketId, [...ids], (key) => claim(db, `${connector.name}:${key}`), loaded)
          .catch((err) =>
            log(`live updates: could not publish ${connector.name} ticket ${ticketId}: ${errorText(err)}`),
          );
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, work.length) }, worker));
  }

  const unwatch = connector.watch?.((change) => {
    if (stopped) return;
    if (!pending.length) queueMicrotask(flush);
    pending.push(change);
  });

  return {
    async stop() {
      stopped = true;
      unwatch?.();
      await chain;
    },
    async purge() {
      await db.query(`DELETE FROM relayed_changes WHERE created_at < now() - make_interval(hours => $1)`, [KEEP_HOURS]);
    },
  };
}

function errorText(err: unknown): string {
  return (err as Error)?.message ?? String(err);
}

/**
 * True for the first gateway instance that relays this change. Several
 * instances on one PostgreSQL server all watch the helpdesk; only one of them
 * may publish, or every customer would get each event once per instance.
 */
async function claim(db: Queryable, key: string): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO relayed_changes (key) VALUES ($1) ON CONFLICT (key) DO NOTHING RETURNING key',
    [key],
  );
  return rows.length === 1;
}
