/**
 * Live updates for changes made in the helpdesk itself (an agent answering in
 * RT): the connector's watch() reports them, this turns them into the same
 * `message.created` / `ticket.updated` events the gateway's own writes
 * publish, for the same audience (requester, and company colleagues of the
 * ticket's organisation — the SSE route applies the read endpoints' rules).
 */
import type { ConnectorChange, TicketConnector } from '../connectors/connector.js';
import type { Queryable } from '../db/database.js';
import type { TicketService } from '../tickets/ticket-service.js';

/** How long a relayed change is remembered for deduplication across gateway instances. */
const KEEP_HOURS = 24;

export interface ConnectorRelay {
  /** Stops watching and waits for changes already being published. */
  stop(): Promise<void>;
  /** Forgets old deduplication keys (housekeeping). */
  purge(): Promise<void>;
}

/**
 * Watches the connector (when it can be watched). Changes reported together
 * (one RT poll) are published per ticket in one go: the ticket and its
 * messages are loaded once, messages first, then the ticket — the order the
 * gateway's own replies use. Publishing is serial, so events keep RT's order.
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
    const byTicket = new Map<string, Set<string>>();
    for (const change of batch) {
      const messages = byTicket.get(change.ticketId) ?? new Set<string>();
      if (change.kind === 'message' && change.messageId) messages.add(change.messageId);
      byTicket.set(change.ticketId, messages);
    }
    for (const [ticketId, messageIds] of byTicket) {
      if (stopped) return;
      await tickets.announceExternalChange(ticketId, [...messageIds], (key) => claim(db, `${connector.name}:${key}`));
    }
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
