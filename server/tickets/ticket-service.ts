import { createHash } from 'node:crypto';
import {
  formAvailableTo,
  validateTicketRequest,
  type Message,
  type MessageBody,
  type NewTicketRequest,
  type ServerEvent,
  type TicketStatus,
} from '../../src/protocol/index.js';
import type { StoredTicket, TicketConnector } from '../connectors/connector.js';
import type { Database } from '../db/database.js';
import type { EventAudience, EventBus } from '../events/event-bus.js';
import { Invalid } from '../errors.js';
import { toCustomerRef, type CustomerRecord } from '../store/customers.js';
import { getForm } from '../store/forms.js';
import { recordTicketForm } from '../store/ticket-extras.js';
import { getOrganization } from '../store/organizations.js';
import type { SettingsStore } from '../store/settings.js';
import { markRead } from '../store/ticket-reads.js';
import { claimUploads, dropStagedCopies } from '../store/uploads.js';
import { isHeld } from './held-tickets.js';
import type { MailNotifier } from '../mail/notifier.js';

/**
 * Ticket writes shared by the protocol routes, the admin API and the CLI:
 * form validation, routing, attachments, unread state and live events.
 */
export class TicketService {
  constructor(
    private readonly db: Database,
    private readonly connector: TicketConnector,
    private readonly events: EventBus,
    private readonly settings: SettingsStore,
    /** Mails the requester about agents' answers and solved tickets. */
    private readonly notifier?: MailNotifier,
  ) {}

  /**
   * The ticket, its claimed uploads, the customer's read mark and whatever
   * `beforePublish` stores (holding an anonymous ticket) commit in one
   * transaction — the caller's, when it runs in one (an Idempotency-Key's,
   * http/idempotency.ts). Live events go out once it has committed.
   */
  async create(
    customer: CustomerRecord,
    req: NewTicketRequest,
    opts: { beforePublish?: (t: StoredTicket) => Promise<void> } = {},
  ): Promise<StoredTicket> {
    const { portal } = await this.settings.get();
    const form = await getForm(this.db, req.formId);
    // A form offered only to some organisations is, to everyone else, a form that does not exist.
    if (!form || !formAvailableTo(form, customer.organizationId)) throw Invalid.field('formId', 'not-found');
    const checked = validateTicketRequest(form, req);
    if (checked.issues.length) throw new Invalid(checked.issues);
    const ids = [...(req.attachments ?? []), ...checked.fileIds];
    return this.db.transaction(async () => {
      const staged = await claimUploads(this.db, customer.id, ids, portal.uploads.maxFiles);
      const org = customer.organizationId ? await getOrganization(this.db, customer.organizationId) : null;
      const ticket = await this.connector.createTicket({
        requester: toCustomerRef(customer),
        subject: req.subject.trim(),
        body: req.body,
        service: form.service ?? null,
        fields: checked.fields,
        attachments: staged,
        assignee: org?.routingAssignee ?? null,
      });
      await dropStagedCopies(this.db, staged);
      await recordTicketForm(this.db, ticket.id, form.id);
      await markRead(this.db, customer.id, ticket.id);
      await opts.beforePublish?.(ticket);
      const audience = await this.#audienceOf(ticket);
      await this.db.afterCommit(() => this.#publishTicket(ticket, audience));
      return ticket;
    });
  }

  async replyAsCustomer(
    customer: CustomerRecord,
    ticket: StoredTicket,
    body: MessageBody,
    attachmentIds: string[],
  ): Promise<Message> {
    const { portal } = await this.settings.get();
    // The message, its claimed uploads and the read mark commit together (see create).
    return this.db.transaction(async () => {
      const staged = await claimUploads(this.db, customer.id, attachmentIds, portal.uploads.maxFiles);
      const message = await this.connector.addMessage(ticket.id, {
        author: { name: customer.name, role: 'customer', email: customer.email },
        body,
        attachments: staged,
      });
      await dropStagedCopies(this.db, staged);
      // A customer's answer puts a waiting or solved ticket back with the agents; otherwise
      // the answer itself is the ticket's last change (no second read on the hot path).
      const updated =
        ticket.status === 'pending' || ticket.status === 'solved'
          ? await this.connector.setStatus(ticket.id, 'open')
          : { ...ticket, updatedAt: message.createdAt };
      await markRead(this.db, customer.id, ticket.id);
      const audience = await this.#audienceOf(updated);
      await this.db.afterCommit(() => this.#publishMessageAndTicket(updated, message, audience));
      return message;
    });
  }

  /** An agent's answer or internal note (admin API / CLI). Notes are stored but never published. */
  async replyAsAgent(ticket: StoredTicket, agentName: string, body: MessageBody, internal: boolean): Promise<Message> {
    const message = await this.connector.addMessage(ticket.id, {
      author: { name: agentName, role: 'agent' },
      body,
      attachments: [],
      internal,
    });
    if (internal) return message;
    const updated = (await this.connector.getTicket(ticket.id)) ?? ticket;
    await this.#publishMessageAndTicket(updated, message);
    return message;
  }

  async setStatus(ticket: StoredTicket, status: TicketStatus, byCustomer?: CustomerRecord): Promise<StoredTicket> {
    return this.db.transaction(async () => {
      const updated = await this.connector.setStatus(ticket.id, status);
      if (byCustomer) await markRead(this.db, byCustomer.id, ticket.id);
      await this.db.afterCommit(() => this.#publishTicket(updated));
      return updated;
    });
  }

  /**
   * A change made in the helpdesk itself (the connector's watch()): its new
   * public messages, then the ticket, to the ticket's audience — as the
   * gateway's own writes announce them. `claim(key)` says whether this gateway
   * instance publishes that event (one instance of several; see
   * events/connector-relay.ts).
   */
  async announceExternalChange(
    ticketId: string,
    messageIds: string[],
    claim: (key: string) => Promise<boolean>,
    loaded: { ticket?: StoredTicket | null; messages?: Message[] } = {},
  ): Promise<void> {
    // The connector may have loaded the ticket and messages with the change (in bulk); else ask it.
    const ticket = loaded.ticket !== undefined ? loaded.ticket : await this.connector.getTicket(ticketId);
    // Deleted, or moved out of what the portal shows: nobody may learn about it.
    if (!ticket) return;
    const known = new Map((loaded.messages ?? []).map((m) => [m.id, m]));
    const missing = messageIds.filter((id) => !known.has(id));
    // getMessages is the public conversation only, so an internal note can never be announced.
    const fetched = missing.length ? await this.connector.getMessages(ticketId, missing) : [];
    for (const m of fetched) known.set(m.id, m);
    // In the order the helpdesk recorded them.
    const messages = messageIds.flatMap((id) => known.get(id) ?? []);
    const events: ServerEvent[] = [];
    for (const message of messages) {
      if (await claim(`m:${ticketId}:${message.id}`)) events.push({ type: 'message.created', ticketId, message });
    }
    // The instance that announces the messages announces the ticket with them, in one go: events
    // of one change split over two instances could reach a stream out of order.
    if (messages.length && !events.length) return;
    // The ticket's whole state is the key: a ticket that changes back to an earlier state has a later updatedAt.
    const state = createHash('sha256').update(JSON.stringify(ticket)).digest('base64url').slice(0, 22);
    if (await claim(`t:${ticketId}:${state}`)) events.push({ type: 'ticket.updated', ticket: ticket as never });
    if (!events.length) return;
    const audience = await this.#audienceOf(ticket);
    await this.events.publishAll(events, audience);
    this.#notify(
      ticket,
      events.flatMap((e) => (e.type === 'message.created' ? [e.message] : [])),
      audience,
    );
  }

  /** Mail about an announced change, to a requester who may know of the ticket (not a held one). */
  #notify(t: StoredTicket, messages: Message[], audience: EventAudience): void {
    if (audience.requesterEmail) this.notifier?.notify(t, messages);
  }

  /** A held anonymous ticket (tickets/held-tickets.ts) reaches nobody's stream. */
  async #audienceOf(t: StoredTicket): Promise<EventAudience> {
    return (await isHeld(this.db, t.id)) ? { requesterEmail: null, organizationId: null } : audienceOf(t);
  }

  async #publishTicket(t: StoredTicket, known?: EventAudience): Promise<void> {
    const audience = known ?? (await this.#audienceOf(t));
    // Stored with the requester e-mail; each stream presents it for its own viewer.
    await this.events.publish({ type: 'ticket.updated', ticket: t as never }, audience);
    this.#notify(t, [], audience);
  }

  async #publishMessageAndTicket(t: StoredTicket, message: Message, known?: EventAudience): Promise<void> {
    const audience = known ?? (await this.#audienceOf(t));
    await this.events.publishAll(
      [
        { type: 'message.created', ticketId: t.id, message },
        { type: 'ticket.updated', ticket: t as never },
      ],
      audience,
    );
    this.#notify(t, [message], audience);
  }
}

/** Who may receive a ticket's events: every requester (isOwnTicket), and company colleagues of its organisation. */
function audienceOf(t: StoredTicket): EventAudience {
  // requesterEmails is lower-cased, without repeats, the first one first (StoredTicket).
  const alsoEmails = (t.requesterEmails ?? []).filter((e) => e !== t.requesterEmail);
  return { requesterEmail: t.requesterEmail, alsoEmails, organizationId: t.organization?.id ?? null };
}
