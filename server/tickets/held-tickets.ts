import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  fieldIssue,
  normalizeEmail,
  TICKET_STATUSES,
  type NewTicketRequest,
  type TicketStatus,
} from '../../src/protocol/index.js';
import { hashToken } from '../auth/sessions.js';
import type { StoredTicket, TicketFilter } from '../connectors/connector.js';
import type { Queryable } from '../db/database.js';
import { Invalid, Unauthorized } from '../errors.js';
import { createCustomer, findCustomerByEmail, type CustomerRecord } from '../store/customers.js';
import { mailedLink } from '../mail/links.js';
import { acceptLanguage } from '../mail/mailer.js';

/**
 * Anonymous tickets (where the portal allows them) name an e-mail address
 * nobody proved. They are filed in the helpdesk as usual — agents see and
 * answer them — but no customer sees them, in their own list or their
 * organisation's, nor gets their live events, until the mailed link confirms
 * the request came from the address.
 */

/** The customer an anonymous ticket is filed for: the known one, or a new contact in no organisation. */
export async function anonymousRequester(app: FastifyInstance, body: NewTicketRequest): Promise<CustomerRecord> {
  const { db, settings } = app;
  const { portal } = await settings.get();
  if (!portal.anonymousTickets) throw new Unauthorized('Sign in first.', 'anonymous-disabled');
  const email = body.requester?.email;
  if (!email) throw Invalid.field('requester.email', 'required');
  const known = await findCustomerByEmail(db, email);
  if (known) return known;
  // Nobody proved the address: it joins no organisation by its domain.
  return createCustomer(
    db,
    { email, name: body.requester?.name, phone: body.requester?.phone ?? null, organizationId: null },
    false,
  );
}

/** Holds a just-made anonymous ticket and, after the answer, mails the address the link that releases it. */
export async function holdAnonymousTicket(
  app: FastifyInstance,
  reply: FastifyReply,
  ticket: StoredTicket,
): Promise<void> {
  const { db, mailer, throttle } = app;
  const token = randomBytes(32).toString('base64url');
  await db.query(`INSERT INTO held_tickets (ticket_id, token_hash, email, organization_id) VALUES ($1, $2, $3, $4)`, [
    ticket.id,
    hashToken(token),
    normalizeEmail(ticket.requesterEmail),
    ticket.organization?.id ?? null,
  ]);
  mailer.afterResponse(reply, async () => {
    // Filing tickets must not flood a mailbox: over the address's mail budget, the ticket just stays held.
    if ((await throttle.claimMail(ticket.requesterEmail)) > 0) return;
    await mailer.sendTemplate({
      to: ticket.requesterEmail,
      kind: 'confirm-ticket',
      locales: [acceptLanguage(reply)],
      vars: { subject: ticket.subject, link: mailedLink(app, null, 'confirm', token) },
    });
  });
}

/** Releases a held ticket by its mailed link (POST /tickets/confirm); 422 `link-invalid` for an unknown or used one. */
export async function releaseHeldTicket(db: Queryable, token: string): Promise<string> {
  const rows =
    token && token.length <= 200
      ? await db.query<{ ticket_id: string }>(
          `UPDATE held_tickets SET released_at = now() WHERE token_hash = $1 AND released_at IS NULL
           RETURNING ticket_id`,
          [hashToken(token)],
        )
      : [];
  if (!rows[0]) throw new Invalid([fieldIssue('token', 'invalid')], 'This link is not valid any more.', 'link-invalid');
  return rows[0].ticket_id;
}

export async function isHeld(db: Queryable, ticketId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM held_tickets WHERE ticket_id = $1 AND released_at IS NULL', [ticketId]);
  return rows.length > 0;
}

/** The tickets of a list without the held ones. */
export async function withoutHeld<T extends { id: string }>(db: Queryable, tickets: T[]): Promise<T[]> {
  if (!tickets.length) return tickets;
  const rows = await db.query<{ ticket_id: string }>(
    'SELECT ticket_id FROM held_tickets WHERE ticket_id = ANY($1::text[]) AND released_at IS NULL',
    [tickets.map((t) => t.id)],
  );
  if (!rows.length) return tickets;
  const held = new Set(rows.map((r) => r.ticket_id));
  return tickets.filter((t) => !held.has(t.id));
}

/** Status counts of a summary without the held tickets it counted. */
export async function summaryWithoutHeld(
  app: FastifyInstance,
  filter: Pick<TicketFilter, 'requesterEmail' | 'organizationId'>,
  counts: Record<TicketStatus, number>,
): Promise<Record<TicketStatus, number>> {
  const { db, connector } = app;
  const rows = await db.query<{ ticket_id: string }>(
    `SELECT ticket_id FROM held_tickets WHERE released_at IS NULL
       AND (email = $1 OR ($2::text IS NOT NULL AND organization_id = $2)) LIMIT 1000`,
    [filter.requesterEmail ?? null, filter.organizationId ?? null],
  );
  if (!rows.length) return counts;
  const out = { ...counts };
  for (const r of rows) {
    const t = await connector.getTicket(r.ticket_id);
    if (!t) continue;
    const matches = filter.requesterEmail
      ? t.requesterEmail.toLowerCase() === filter.requesterEmail
      : t.organization?.id === filter.organizationId;
    if (matches && TICKET_STATUSES.includes(t.status)) out[t.status] = Math.max(0, (out[t.status] ?? 0) - 1);
  }
  return out;
}
