/**
 * A helpdesk in memory behind the TicketConnector interface, with an agent
 * side that works "in the helpdesk" — behind the gateway's back — and reports
 * its changes through watch(), as the RT connector's poller does.
 */
import { randomUUID } from 'node:crypto';
import { decodeMessageCursor, encodeMessageCursor } from '../../../server/connectors/message-cursor.js';
import type { Message, MessageBody, Page, TicketStatus } from '../../../src/protocol/index.js';
import { OPEN_STATUSES, TICKET_STATUSES } from '../../../src/protocol/index.js';
import type {
  AttachmentContent,
  ConnectorChange,
  MessagePageRequest,
  NewMessage,
  NewTicket,
  StoredTicket,
  TicketConnector,
  TicketFilter,
} from '../../../server/connectors/connector.js';

export class FakeHelpdesk implements TicketConnector {
  readonly name = 'fake-helpdesk';
  readonly capabilities = { chat: false };
  readonly tickets = new Map<string, StoredTicket>();
  readonly #messages = new Map<string, Array<Message & { internal: boolean }>>();
  readonly #listeners = new Set<(change: ConnectorChange) => void>();
  #next = 1;

  /** How many watchers the gateway holds right now. */
  get watchers(): number {
    return this.#listeners.size;
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async listTickets(filter: TicketFilter): Promise<Page<StoredTicket>> {
    const items = [...this.tickets.values()]
      .filter((t) =>
        filter.organizationId
          ? t.organization?.id === filter.organizationId
          : (t.requesterEmails ?? [t.requesterEmail]).includes(filter.requesterEmail ?? ''),
      )
      .filter((t) => filter.status === 'all' || (filter.status === 'open') === OPEN_STATUSES.includes(t.status));
    return { items: items.slice(0, filter.limit), nextCursor: null };
  }

  async summary(
    filter: Pick<TicketFilter, 'requesterEmail' | 'organizationId'>,
  ): Promise<Record<TicketStatus, number>> {
    const counts = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
    for (const t of (await this.listTickets({ ...filter, status: 'all', sort: '-updated', limit: 1e6 })).items)
      counts[t.status]++;
    return counts;
  }

  async getTicket(id: string): Promise<StoredTicket | null> {
    const t = this.tickets.get(id);
    return t ? structuredClone(t) : null;
  }

  async listMessages(ticketId: string): Promise<Message[]> {
    return (this.#messages.get(ticketId) ?? []).filter((m) => !m.internal).map(({ internal: _i, ...m }) => m);
  }

  /** Keyset on the position in the thread (1-based), as a real store's sequence would be. */
  async pageMessages(ticketId: string, page: MessagePageRequest): Promise<Page<Message>> {
    const all = (await this.listMessages(ticketId)).map((m, i) => ({ m, key: i + 1 }));
    const after = Number(decodeMessageCursor(page.cursor) ?? (page.sort === '-created' ? all.length + 1 : 0));
    const rest =
      page.sort === '-created' ? all.filter((r) => r.key < after).reverse() : all.filter((r) => r.key > after);
    const items = rest.slice(0, page.limit);
    return {
      items: items.map((r) => r.m),
      nextCursor: rest.length > page.limit ? encodeMessageCursor(items.at(-1)!.key) : null,
    };
  }

  async getMessages(ticketId: string, ids: string[]): Promise<Message[]> {
    return (await this.listMessages(ticketId)).filter((m) => ids.includes(m.id));
  }

  async createTicket(input: NewTicket): Promise<StoredTicket> {
    const id = String(this.#next++);
    const now = new Date().toISOString();
    const ticket: StoredTicket = {
      id,
      number: id,
      subject: input.subject,
      status: 'new',
      rawStatus: 'new',
      createdAt: now,
      updatedAt: now,
      requester: { id: `fake-${input.requester.email}`, name: input.requester.name },
      requesterEmail: input.requester.email.toLowerCase(),
      organization: input.requester.organizationId
        ? { id: input.requester.organizationId, name: input.requester.organizationName ?? '' }
        : null,
      service: input.service,
      assignee: input.assignee ? { name: input.assignee } : null,
      fields: input.fields,
    } as StoredTicket;
    this.tickets.set(id, ticket);
    this.#messages.set(id, []);
    await this.addMessage(id, {
      author: { name: input.requester.name, role: 'customer' },
      body: input.body,
      attachments: [],
    });
    return structuredClone(this.tickets.get(id)!);
  }

  async addMessage(ticketId: string, input: NewMessage): Promise<Message> {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`no ticket ${ticketId}`);
    const now = new Date().toISOString();
    const message = {
      id: randomUUID(),
      ticketId,
      author: { name: input.author.name, role: input.author.role },
      body: input.body,
      attachments: [],
      createdAt: now,
      internal: !!input.internal,
    } as unknown as Message & { internal: boolean };
    this.#messages.get(ticketId)!.push(message);
    if (!input.internal) ticket.updatedAt = now;
    const { internal: _i, ...pub } = message;
    return pub as Message;
  }

  async setStatus(ticketId: string, status: TicketStatus): Promise<StoredTicket> {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`no ticket ${ticketId}`);
    ticket.status = status;
    ticket.rawStatus = status;
    ticket.updatedAt = new Date().toISOString();
    return structuredClone(ticket);
  }

  async getAttachment(): Promise<AttachmentContent | null> {
    return null;
  }

  watch(onChange: (change: ConnectorChange) => void): () => void {
    this.#listeners.add(onChange);
    return () => this.#listeners.delete(onChange);
  }

  // ---------------------------------------------------------------- the agent, in the helpdesk

  /** Reports changes the way a poller does: several at once, synchronously. */
  report(...changes: ConnectorChange[]): void {
    for (const change of changes) for (const listener of this.#listeners) listener(change);
  }

  /** An agent adds a requester in the helpdesk (RT's Requestors): they see the ticket as their own. */
  addRequester(ticketId: string, email: string): void {
    const t = this.tickets.get(ticketId)!;
    t.requesterEmails = [...(t.requesterEmails ?? [t.requesterEmail]), email.toLowerCase()];
  }

  async agentReply(ticketId: string, text: string): Promise<Message> {
    const message = await this.addMessage(ticketId, {
      author: { name: 'Agent in the helpdesk', role: 'agent' },
      body: textBody(text),
      attachments: [],
    });
    this.report({ ticketId, kind: 'ticket' }, { ticketId, kind: 'message', messageId: message.id });
    return message;
  }

  /** An internal note — reported as a message change, as a careless connector might. */
  async agentNote(ticketId: string, text: string): Promise<Message> {
    const note = await this.addMessage(ticketId, {
      author: { name: 'Agent in the helpdesk', role: 'agent' },
      body: textBody(text),
      attachments: [],
      internal: true,
    });
    this.report({ ticketId, kind: 'message', messageId: note.id });
    return note;
  }

  async agentSetStatus(ticketId: string, status: TicketStatus): Promise<void> {
    await this.setStatus(ticketId, status);
    this.report({ ticketId, kind: 'ticket' });
  }
}

export const textBody = (content: string): MessageBody => ({ format: 'text', content });
