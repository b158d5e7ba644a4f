import type { TicketRating } from '../../src/protocol/index.js';
import type { Queryable } from '../db/database.js';

/**
 * What the gateway keeps about a ticket beside the helpdesk, for any
 * connector: the form it was raised with (so the detail can label its
 * fields) and the requester's satisfaction rating.
 */

export async function recordTicketForm(db: Queryable, ticketId: string, formId: string): Promise<void> {
  await db.query(`INSERT INTO ticket_forms (ticket_id, form_id) VALUES ($1, $2) ON CONFLICT (ticket_id) DO NOTHING`, [
    ticketId,
    formId,
  ]);
}

export async function formOfTicket(db: Queryable, ticketId: string): Promise<string | null> {
  const rows = await db.query<{ form_id: string }>('SELECT form_id FROM ticket_forms WHERE ticket_id = $1', [ticketId]);
  return rows[0]?.form_id ?? null;
}

interface RatingRow {
  ticket_id: string;
  customer_id: string;
  score: number;
  comment: string | null;
  rated_at: Date;
}

const toRating = (r: RatingRow): TicketRating => ({
  score: r.score,
  comment: r.comment,
  ratedAt: new Date(r.rated_at).toISOString(),
});

/** Stores the rating; a second one from the requester replaces the first. */
export async function saveRating(
  db: Queryable,
  ticketId: string,
  customerId: string,
  score: number,
  comment: string | null,
): Promise<TicketRating> {
  const rows = await db.query<RatingRow>(
    `INSERT INTO ticket_ratings (ticket_id, customer_id, score, comment) VALUES ($1, $2, $3, $4)
     ON CONFLICT (ticket_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, score = EXCLUDED.score,
       comment = EXCLUDED.comment, rated_at = now()
     RETURNING *`,
    [ticketId, customerId, score, comment],
  );
  return toRating(rows[0]!);
}

export async function ratingOf(db: Queryable, ticketId: string): Promise<TicketRating | null> {
  const rows = await db.query<RatingRow>('SELECT * FROM ticket_ratings WHERE ticket_id = $1', [ticketId]);
  return rows[0] ? toRating(rows[0]) : null;
}

/** For the site owner: the newest ratings first, with who gave them. */
export async function listRatings(
  db: Queryable,
  limit = 100,
): Promise<Array<TicketRating & { ticketId: string; customerId: string }>> {
  const rows = await db.query<RatingRow>('SELECT * FROM ticket_ratings ORDER BY rated_at DESC, ticket_id LIMIT $1', [
    limit,
  ]);
  return rows.map((r) => ({ ticketId: r.ticket_id, customerId: r.customer_id, ...toRating(r) }));
}
