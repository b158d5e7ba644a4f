/**
 * The console's side of the admin API (/admin/v1): a session of its own
 * (cookie `portico_admin`, SameSite=Strict, path /admin) with its CSRF token,
 * and the agent's ticket routes. Answers that are not 2xx become the same
 * typed errors as the customer protocol's (core/errors.ts), so their text
 * comes from the same localized problem codes.
 */
import { errorFromAnswer, localProblem, NetworkError } from '../core/errors.js';
import type {
  AccessEvent,
  ChatConversation,
  ChatMessage,
  CustomerImportRow,
  CustomerImportTotals,
  ImportColumn,
  Message,
  MessageBody,
  Page,
  StoredPortalSettings,
  Role,
  StatusFilter,
  Ticket,
  TicketStatus,
  User,
} from '../protocol/index.js';

export interface AdminAccount {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'agent';
}

export interface AdminSession {
  account: AdminAccount;
  csrfToken: string;
  expiresAt: string;
}

/** A ticket as agents see it: the customer's view plus the requester's address. */
export type AdminTicket = Ticket & { requester: Ticket['requester'] & { email?: string }; requesterEmail?: string };

/** A built-in chat as agents see it: who, and what was said last. */
export type AgentConversation = ChatConversation & {
  customer: { email: string; name: string } | null;
  lastMessage: string | null;
};

/** Every setting in effect: the published portal part and the gateway's own (server/http/responses.ts adminSettings). */
export interface AdminSettings {
  portal: StoredPortalSettings;
  server: { sessionIdleMinutes: number; sessionMaxHours: number; chatOnline: boolean; [key: string]: unknown };
}

/** A change, merged into the stored settings by the gateway (which checks every value). */
export type SettingsPatch = { portal?: Record<string, unknown>; server?: Record<string, unknown> };

/** A customer as the site owner sees them (server/http/responses.ts adminCustomer). */
export type AdminCustomer = User & { portalAccess?: boolean; outboxFile?: string | null };

/** An organisation as the site owner sees it (server/http/responses.ts adminOrganization). */
export interface AdminOrganization {
  id: string;
  name: string;
  domains: string[];
  address?: string | null;
  phone?: string | null;
  routingAssignee?: string | null;
}

export type OrganizationPatch = Partial<
  Pick<AdminOrganization, 'name' | 'domains' | 'address' | 'phone' | 'routingAssignee'>
>;

export interface CustomerQuery {
  q?: string;
  organizationId?: string;
  cursor?: string | null;
}

export interface CustomerInput {
  email: string;
  name?: string;
  role?: Role;
  /** Left out: matched by the address's domain; null: none. */
  organizationId?: string | null;
  /** Portal access with the invitation mail (a link to choose a password). */
  invite?: boolean;
}

export type CustomerPatch = { name?: string; phone?: string | null; role?: Role; organizationId?: string | null };

export type { ImportColumn } from '../protocol/index.js';

export interface CustomerImportOptions {
  csv: string;
  dryRun: boolean;
  /** Organisations the file names that do not exist are made (else such rows are errors). */
  createOrganizations: boolean;
  /** Customers the import gives portal access get the invitation mail. */
  invite: boolean;
}

/** What an import does (or, dry, would do), row by row (server/http/responses.ts customerImport). */
export interface CustomerImport {
  dryRun: boolean;
  separator: string;
  columns: Array<{ header: string; column: ImportColumn | null }>;
  rows: CustomerImportRow[];
  totals: CustomerImportTotals;
}

export { ACCESS_EVENTS, type AccessEvent } from '../protocol/index.js';

/** One line of the access log (server/http/responses.ts accessLogEntry). */
export interface AccessEntry {
  id: number;
  at: string;
  event: AccessEvent | string;
  method: string;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
}

/** The access log's filters: who, what, where from, when (instants), and the page before `before`. */
export interface AccessQuery {
  email?: string;
  event?: AccessEvent;
  ip?: string;
  since?: string;
  until?: string;
  before?: number;
}

function accessParams(query: AccessQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return params;
}

export interface TicketQuery {
  status?: StatusFilter;
  q?: string;
  cursor?: string;
}

export class ConsoleApi {
  #csrf: string | null = null;

  constructor(readonly base = '/admin/v1') {}

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.#csrf) headers['x-csrf-token'] = this.#csrf;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new NetworkError(localProblem('network', 0, 'The gateway could not be reached', String(err)));
    }
    if (!res.ok) throw errorFromAnswer(res.status, res.statusText, await res.text(), res.headers.get('retry-after'));
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  #remember(s: AdminSession): AdminSession {
    this.#csrf = s.csrfToken;
    return s;
  }

  /** The console session of this browser, or null when nobody is signed in. */
  async session(): Promise<AdminSession | null> {
    try {
      return this.#remember(await this.#call<AdminSession>('GET', '/session'));
    } catch (err) {
      if ((err as { status?: number }).status === 401) return null;
      throw err;
    }
  }

  async signIn(email: string, password: string): Promise<AdminSession> {
    return this.#remember(await this.#call<AdminSession>('POST', '/session', { email, password }));
  }

  async signOut(): Promise<void> {
    await this.#call('DELETE', '/session');
    this.#csrf = null;
  }

  tickets(query: TicketQuery = {}): Promise<Page<AdminTicket>> {
    const params = new URLSearchParams();
    if (query.status && query.status !== 'all') params.set('status', query.status);
    if (query.q?.trim()) params.set('q', query.q.trim());
    if (query.cursor) params.set('cursor', query.cursor);
    const qs = params.toString();
    return this.#call('GET', `/tickets${qs ? `?${qs}` : ''}`);
  }

  ticket(id: string): Promise<AdminTicket> {
    return this.#call('GET', `/tickets/${encodeURIComponent(id)}`);
  }

  messages(id: string): Promise<Page<Message>> {
    return this.#call('GET', `/tickets/${encodeURIComponent(id)}/messages`);
  }

  /** A public answer the customer sees, or (internal) a note only agents see. */
  reply(id: string, authorName: string, body: MessageBody, internal: boolean): Promise<Message> {
    return this.#call('POST', `/tickets/${encodeURIComponent(id)}/messages`, { authorName, body, internal });
  }

  conversations(status: 'open' | 'ended'): Promise<{ items: AgentConversation[] }> {
    return this.#call('GET', `/chat/conversations?status=${status}`);
  }

  chatMessages(id: string): Promise<Page<ChatMessage>> {
    return this.#call('GET', `/chat/conversations/${encodeURIComponent(id)}/messages`);
  }

  chatReply(id: string, authorName: string, text: string): Promise<ChatMessage> {
    return this.#call('POST', `/chat/conversations/${encodeURIComponent(id)}/messages`, { authorName, text });
  }

  endChat(id: string): Promise<ChatConversation> {
    return this.#call('POST', `/chat/conversations/${encodeURIComponent(id)}/end`);
  }

  settings(): Promise<AdminSettings> {
    return this.#call('GET', '/settings');
  }

  /** The site owner's only: an agent's session gets 403. */
  updateSettings(patch: SettingsPatch): Promise<AdminSettings> {
    return this.#call('PATCH', '/settings', patch);
  }

  /** The site owner's only, like the rest of the customer routes. */
  customers(query: CustomerQuery = {}): Promise<Page<AdminCustomer>> {
    const params = new URLSearchParams({ limit: '50' });
    if (query.q?.trim()) params.set('q', query.q.trim());
    if (query.organizationId) params.set('organizationId', query.organizationId);
    if (query.cursor) params.set('cursor', query.cursor);
    return this.#call('GET', `/customers?${params}`);
  }

  /** One customer by address, or null when there is none. */
  async customer(email: string): Promise<AdminCustomer | null> {
    try {
      const page = await this.#call<Page<AdminCustomer>>('GET', `/customers?email=${encodeURIComponent(email)}`);
      return page.items[0] ?? null;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  createCustomer(input: CustomerInput): Promise<AdminCustomer> {
    return this.#call('POST', '/customers', input);
  }

  updateCustomer(id: string, patch: CustomerPatch): Promise<AdminCustomer> {
    return this.#call('PATCH', `/customers/${encodeURIComponent(id)}`, patch);
  }

  /** Portal access on, with the invitation mail. */
  grantAccess(id: string, role?: Role): Promise<AdminCustomer> {
    return this.#call('POST', `/customers/${encodeURIComponent(id)}/portal-access`, role ? { role } : {});
  }

  /** Portal access off: the customer's sessions end at once. */
  revokeAccess(id: string): Promise<AdminCustomer> {
    return this.#call('DELETE', `/customers/${encodeURIComponent(id)}/portal-access`);
  }

  /** A CSV file of customers: a dry run answers what it would do and changes nothing. */
  importCustomers(input: CustomerImportOptions): Promise<CustomerImport> {
    return this.#call('POST', '/customers/import', input);
  }

  organizations(): Promise<{ items: AdminOrganization[] }> {
    return this.#call('GET', '/organizations');
  }

  createOrganization(input: { name: string; domains: string[] }): Promise<AdminOrganization> {
    return this.#call('POST', '/organizations', input);
  }

  updateOrganization(id: string, patch: OrganizationPatch): Promise<AdminOrganization> {
    return this.#call('PATCH', `/organizations/${encodeURIComponent(id)}`, patch);
  }

  /** A page of the access log, newest first (100 entries). */
  accessLog(query: AccessQuery = {}): Promise<{ items: AccessEntry[] }> {
    const params = accessParams(query);
    params.set('limit', '100');
    return this.#call('GET', `/access-log?${params}`);
  }

  /** The address of the same selection as a CSV file (the console's session cookie goes with the download). */
  accessLogCsvUrl(query: AccessQuery = {}): string {
    const { before: _, ...filters } = query;
    const params = accessParams(filters);
    return `${this.base}/access-log.csv${params.size ? `?${params}` : ''}`;
  }

  setStatus(id: string, status: TicketStatus): Promise<AdminTicket> {
    return this.#call('POST', `/tickets/${encodeURIComponent(id)}/status`, { status });
  }
}
