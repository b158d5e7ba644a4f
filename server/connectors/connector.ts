/**
 * Where tickets live. The gateway always keeps accounts, sessions,
 * organisations, idempotency keys, uploads and the access log in its own
 * PostgreSQL store; a TicketConnector holds the tickets themselves — the
 * embedded store, or an upstream helpdesk such as Request Tracker.
 *
 * The gateway decides who may see what: it asks the connector for tickets
 * filtered by requester or organisation, and checks every single-ticket read
 * against the ticket's requesterEmail / organizationId before answering.
 */
import type { Readable } from 'node:stream';
import type {
  Attachment,
  FieldValue,
  Message,
  MessageBody,
  MessageSort,
  Page,
  PortalCapabilities,
  StatusFilter,
  Ticket,
  TicketSort,
  TicketStatus,
} from '../../src/protocol/index.js';

/** A ticket as the connector knows it; the gateway adds statusLabel, unread and permissions. */
export interface StoredTicket extends Omit<Ticket, 'statusLabel' | 'unread' | 'permissions'> {
  /** Lower-cased e-mail of the requester: the key the gateway checks ownership with. */
  requesterEmail: string;
  /**
   * Every requester (lower-cased), where the helpdesk has several (RT's
   * Requestors): each sees the ticket as their own. `requesterEmail` is the
   * first. Absent: only `requesterEmail`.
   */
  requesterEmails?: string[];
}

/**
 * The gateway's organisations, for a connector whose helpdesk has none of its
 * own (RT): a ticket that carries no organisation belongs to its requester's,
 * by the requester's e-mail domain.
 */
export interface OrganizationDirectory {
  /** The organisation an e-mail domain (lower-case) belongs to, or null. */
  forDomain(domain: string): Promise<{ id: string; name: string } | null>;
  /** The e-mail domains of an organisation (lower-case), [] when unknown. */
  domainsOf(organizationId: string): Promise<string[]>;
}

export interface CustomerRef {
  id: string;
  email: string;
  name: string;
  organizationId: string | null;
  organizationName: string | null;
}

/** A listed ticket with when the reader last read it (null: never). */
export type ReaderTicket = StoredTicket & { readAt: Date | null };

export interface TicketFilter {
  /** Tickets requested by this e-mail… */
  requesterEmail?: string;
  /** …or every ticket of this organisation (company users). Exactly one of the two is set… */
  organizationId?: string;
  /** …or neither, with this: every ticket, for the agent side (admin API), never for a customer. */
  agent?: true;
  status: StatusFilter;
  q?: string;
  sort: TicketSort;
  cursor?: string;
  limit: number;
}

/** A file the gateway has already received and checked (size, type, safe name). */
export interface StagedFile {
  name: string;
  contentType: string;
  size: number;
  /** Absolute path of the bytes on the gateway's disk. */
  path: string;
}

export interface NewTicket {
  requester: CustomerRef;
  subject: string;
  body: MessageBody;
  service: string | null;
  fields: Record<string, FieldValue>;
  attachments: StagedFile[];
  /** Routing rule result: agent or team name, or null. */
  assignee: string | null;
}

export interface NewMessage {
  author: { name: string; role: 'customer' | 'agent'; email?: string };
  body: MessageBody;
  attachments: StagedFile[];
  /** Internal note: stored, never returned by listMessages. */
  internal?: boolean;
}

export interface AttachmentContent {
  meta: Attachment & { ticketId: string };
  stream: Readable;
}

/** One page of a conversation: the connector reads only that page from its store. */
export interface MessagePageRequest {
  /** A previous page's nextCursor (opaque); absent for the first page. */
  cursor?: string;
  limit: number;
  sort: MessageSort;
}

export type ConnectorChange = {
  ticketId: string;
  kind: 'ticket' | 'message';
  messageId?: string;
  /**
   * The ticket as the connector read it for this change (null: no longer one
   * the portal shows), when it loaded its changed tickets in bulk; absent, the
   * relay asks getTicket.
   */
  ticket?: StoredTicket | null;
  /** For a `message` change, the public message when the connector loaded it already. */
  message?: Message;
};

export interface TicketConnector {
  readonly name: string;
  /** What this helpdesk can back; the gateway reports it in GET /portal. */
  readonly capabilities: Partial<PortalCapabilities>;

  /** Called once before start() with the gateway's organisations (optional). */
  useOrganizations?(directory: OrganizationDirectory): void;
  start(): Promise<void>;
  stop(): Promise<void>;

  listTickets(filter: TicketFilter): Promise<Page<StoredTicket>>;
  /**
   * A list page for one reader in one query, where the tickets share the
   * gateway's database (the embedded store): held tickets left out and the
   * reader's read mark of each joined in. Without it the gateway calls
   * listTickets and reads both from its own tables.
   */
  listTicketsForReader?(filter: TicketFilter, readerId: string): Promise<Page<ReaderTicket>>;
  summary(
    filter: Omit<TicketFilter, 'status' | 'sort' | 'cursor' | 'limit' | 'q'>,
  ): Promise<Record<TicketStatus, number>>;
  getTicket(id: string): Promise<StoredTicket | null>;
  /** The whole public conversation (oldest first): never internal notes / RT comments. */
  listMessages(ticketId: string): Promise<Message[]>;
  /**
   * One page of the public conversation, read as a page from the store (keyset
   * on the message order), never the whole thread; a forged cursor is BadInput.
   */
  pageMessages(ticketId: string, page: MessagePageRequest): Promise<Page<Message>>;
  /** These public messages of the ticket (unknown or internal ids are left out), oldest first. */
  getMessages(ticketId: string, ids: string[]): Promise<Message[]>;
  createTicket(input: NewTicket): Promise<StoredTicket>;
  addMessage(ticketId: string, input: NewMessage): Promise<Message>;
  setStatus(ticketId: string, status: TicketStatus): Promise<StoredTicket>;
  /** An attachment of a public message of the ticket, or null. */
  getAttachment(id: string): Promise<AttachmentContent | null>;

  /** Live changes made outside the gateway (agents in the helpdesk). */
  watch?(onChange: (change: ConnectorChange) => void): () => void;
}
