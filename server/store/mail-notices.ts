import { randomBytes } from 'node:crypto';
import { normalizeEmail } from '../../src/protocol/index.js';
import type { Queryable } from '../db/database.js';

/** Who gets notification mail about a ticket of `email`: a customer with portal access who did not opt out. */
export interface MailRecipient {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  /** The token of the one-click opt-out link (made on the first mail). */
  token: string;
}

export async function notificationRecipient(db: Queryable, email: string): Promise<MailRecipient | null> {
  const rows = await db.query<MailRecipient>(
    `UPDATE customers SET mail_token = COALESCE(mail_token, $2)
     WHERE email = $1 AND portal_access AND mail_notifications
     RETURNING id, email, name, locale, mail_token AS token`,
    [normalizeEmail(email), randomBytes(24).toString('base64url')],
  );
  return rows[0] ?? null;
}

/** Turns notification mail off for the customer of this token; false for an unknown token. */
export async function optOutOfMail(db: Queryable, token: string): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const rows = await db.query(`UPDATE customers SET mail_notifications = false WHERE mail_token = $1 RETURNING id`, [
    token,
  ]);
  return rows.length > 0;
}

export async function mailNotificationsOn(db: Queryable, customerId: string): Promise<boolean> {
  const rows = await db.query<{ on: boolean }>(`SELECT mail_notifications AS on FROM customers WHERE id = $1`, [
    customerId,
  ]);
  return rows[0]?.on ?? false;
}

export async function setMailNotifications(db: Queryable, customerId: string, on: boolean): Promise<void> {
  await db.query(`UPDATE customers SET mail_notifications = $2 WHERE id = $1`, [customerId, on]);
}

/**
 * Records the ticket's status; true when it differs from the one recorded
 * before (or none was). One statement, so two gateways never both see the change.
 */
export async function statusChanged(db: Queryable, ticketId: string, status: string): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO ticket_mail_status (ticket_id, status) VALUES ($1, $2)
     ON CONFLICT (ticket_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()
       WHERE ticket_mail_status.status <> EXCLUDED.status
     RETURNING ticket_id`,
    [ticketId, status],
  );
  return rows.length > 0;
}
