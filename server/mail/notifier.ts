import type { Message, MessageBody } from '../../src/protocol/index.js';
import type { StoredTicket } from '../connectors/connector.js';
import type { Database } from '../db/database.js';
import type { SettingsStore } from '../store/settings.js';
import { notificationRecipient, statusChanged } from '../store/mail-notices.js';
import type { Mailer } from './mailer.js';

/** A message body as plain text for a mail: HTML loses its tags, text and Markdown stay as written. */
export function bodyAsText(body: MessageBody): string {
  if (body.format !== 'html') return body.content.trim();
  return body.content
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Long answers are cut in the mail; the link leads to the whole conversation. */
const MAX_REPLY_CHARS = 4000;

/**
 * Notification mail to a ticket's requesters: an agent's public answer, and the
 * ticket becoming solved. Sent in the background after the change was
 * announced; never for a held (unconfirmed) ticket, never to a customer who
 * opted out or has no portal access.
 */
export class MailNotifier {
  constructor(
    private readonly db: Database,
    private readonly mailer: Mailer,
    private readonly settings: SettingsStore,
    private readonly publicUrl: string,
  ) {}

  /** After a change to `ticket` was announced, with the messages announced with it. */
  notify(ticket: StoredTicket, messages: Message[]): void {
    this.mailer.background(() => this.#notify(ticket, messages));
  }

  async #notify(ticket: StoredTicket, messages: Message[]): Promise<void> {
    const { server } = await this.settings.get();
    // Recorded even when mail is off, so turning it on later does not mail about old changes.
    const becameSolved = (await statusChanged(this.db, ticket.id, ticket.status)) && ticket.status === 'solved';
    const replies = messages.filter((m) => m.author.role === 'agent');
    if (!server.mailNotifications || (!becameSolved && !replies.length)) return;
    // Every requester (RT's Requestors), each in their own language and with their own opt-out.
    for (const email of ticket.requesterEmails ?? [ticket.requesterEmail])
      await this.#mail(ticket, email, replies, becameSolved);
  }

  async #mail(ticket: StoredTicket, email: string, replies: Message[], becameSolved: boolean): Promise<void> {
    const to = await notificationRecipient(this.db, email);
    if (!to) return;
    const optOutLink = `${this.publicUrl}/mail/opt-out?t=${to.token}`;
    const common = {
      name: to.name,
      subject: ticket.subject,
      number: ticket.number,
      link: `${this.publicUrl}/portal.html#/ticket/${encodeURIComponent(ticket.id)}`,
      optOutLink,
    };
    const headers = {
      'List-Unsubscribe': `<${optOutLink}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    };
    for (const m of replies) {
      const text = bodyAsText(m.body);
      await this.mailer.sendTemplate({
        to: to.email,
        kind: 'agent-reply',
        locales: [to.locale],
        vars: {
          ...common,
          agent: m.author.name,
          reply: text.length > MAX_REPLY_CHARS ? `${text.slice(0, MAX_REPLY_CHARS)}…` : text,
        },
        headers,
      });
    }
    if (becameSolved)
      await this.mailer.sendTemplate({
        to: to.email,
        kind: 'ticket-solved',
        locales: [to.locale],
        vars: common,
        headers,
      });
  }
}
