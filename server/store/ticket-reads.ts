import type { Queryable } from '../db/database.js';

/** Unread state: a ticket is unread for a customer when it changed after they last read it. */
export async function markRead(db: Queryable, customerId: string, ticketId: string): Promise<void> {
  await db.query(
    `INSERT INTO ticket_reads (customer_id, ticket_id, read_at) VALUES ($1, $2, now())
     ON CONFLICT (customer_id, ticket_id) DO UPDATE SET read_at = now()`,
    [customerId, ticketId],
  );
}

export async function readTimes(db: Queryable, customerId: string, ticketIds: string[]): Promise<Map<string, Date>> {
  if (!ticketIds.length) return new Map();
  const rows = await db.query<{ ticket_id: string; read_at: Date }>(
    'SELECT ticket_id, read_at FROM ticket_reads WHERE customer_id = $1 AND ticket_id = ANY($2)',
    [customerId, ticketIds],
  );
  return new Map(rows.map((r) => [r.ticket_id, new Date(r.read_at)]));
}

/** When each of these customers last read one ticket: one query for every stream an event goes to. */
export async function readersOf(db: Queryable, ticketId: string, customerIds: string[]): Promise<Map<string, Date>> {
  if (!customerIds.length) return new Map();
  const rows = await db.query<{ customer_id: string; read_at: Date }>(
    'SELECT customer_id, read_at FROM ticket_reads WHERE ticket_id = $1 AND customer_id = ANY($2)',
    [ticketId, customerIds],
  );
  return new Map(rows.map((r) => [r.customer_id, new Date(r.read_at)]));
}
