/**
 * The reference backend's store: everything a gateway keeps, in memory.
 * Component tests start it from the demo seed (`resetMockState()`); the
 * server suites start it empty, the way a fresh gateway starts, and fill it
 * through the admin API (`resetMockState({ seed: false, ... })`).
 */
import {
  normalizeEmail,
  emailDomain,
  type ArticleDetail,
  type Attachment,
  type ChatConversation,
  type ChatMessage,
  type FormSchema,
  type Message,
  type MessageBody,
  type Organization,
  type StoredPortalSettings,
  type ServerEvent,
  type User,
  type TicketRating,
} from '../../src/protocol/index.js';
import { BUILTIN_FORMS } from '../../server/store/builtin-forms.js';
import {
  DEFAULT_PORTAL,
  DEFAULT_SERVER_SETTINGS,
  deepMerge,
  type PortalConfigPatch,
  type ServerSettings,
} from '../../server/store/settings.js';
import {
  ARTICLES,
  CHAT_ORGANIZATIONS,
  FORMS,
  MESSAGES,
  ORGANIZATIONS,
  PORTAL,
  TICKETS,
  USERS,
  type MessageSeed,
  type MockUser,
  type MockUserKey,
  type TicketSeed,
} from './fixtures.js';

// ---------------------------------------------------------------- configuration

/** What differs between the browser the component tests run in and an HTTP client of the server suites. */
export interface ReferenceConfig {
  /**
   * `browser`: one cookie jar (`mockState.cookieSession`), as a page has;
   * `header`: each request's `Cookie: portico_session=…`, as a gateway reads it.
   */
  cookies: 'browser' | 'header';
  /** Origins whose unsafe requests are accepted; null = any (the test page's). */
  allowedOrigins: string[] | null;
  /** Verifies a host site's JWT (the gateway's SsoVerifier); null: the payload's e-mail is believed. */
  verifySso: ((jwt: string) => Promise<{ email: string; name: string | null; phone: string | null }>) | null;
  /** Free-mail domains never make or match an organisation (the gateway's list). */
  isPublicMailDomain: (domain: string) => boolean;
}

const BROWSER_CONFIG: ReferenceConfig = {
  cookies: 'browser',
  allowedOrigins: null,
  verifySso: null,
  isPublicMailDomain: () => false,
};

// ---------------------------------------------------------------- state

export interface MockSession {
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  url: string;
  headers: Record<string, string>;
  /** Whether the page sent its cookies (`include`) or not (`same-origin`, `omit`). */
  credentials: RequestCredentials;
}

/** A ticket in the store: the seed, with its requester as a user id so new users can own tickets too. */
export interface MockTicket extends Omit<TicketSeed, 'requester' | 'unread'> {
  requesterId: string;
}

export interface MockOrganization extends Organization {
  /** OneDesk routing rule: who new tickets of this organisation go to. */
  routingAssignee: string | null;
}

export interface MockUpload extends Attachment {
  blob: Blob;
  ownerId: string;
  /** The ticket it was attached to; an upload is attached once. */
  ticketId: string | null;
}

export interface MockMail {
  to: string;
  subject: string;
  text: string;
}

export interface AccessLogEntry {
  at: string;
  event: 'sign-in' | 'sign-in-failed' | 'sign-out' | 'locked-out';
  method: 'password' | 'magic-link' | 'sso' | 'session';
  email: string | null;
  detail: string | null;
}

export interface MockState {
  config: ReferenceConfig;
  portal: StoredPortalSettings;
  /** What DELETE /admin/v1/settings goes back to. */
  basePortal: StoredPortalSettings;
  users: MockUser[];
  organizations: MockOrganization[];
  autoCreateOrganizations: boolean;
  /** The server settings DELETE /admin/v1/settings goes back to. */
  baseServer: Pick<ServerSettings, 'autoCreateOrganizations' | 'chatOnline' | 'chatOrganizationIds'>;
  tickets: MockTicket[];
  messages: MessageSeed[];
  forms: FormSchema[];
  articles: ArticleDetail[];
  /** "Did this answer your question?" answers, in order. */
  articleFeedback: Array<{ articleId: string; helpful: boolean; userId: string | null }>;
  /** Satisfaction ratings by ticket id. */
  ratings: Map<string, TicketRating>;
  /** `${userId} ${ticketId}` → when that person last read the ticket (unread = changed since). */
  reads: Map<string, string>;
  /** Cookie-mode session of the one browser the component tests run in (`config.cookies = 'browser'`). */
  cookieSession: MockSession | null;
  /** Cookie value → session (`config.cookies = 'header'`). */
  cookieSessions: Map<string, MockSession>;
  /** Bearer tokens → session. */
  tokens: Map<string, MockSession>;
  /** The bearer-mode refresh cookie of the one browser: the token of its last bearer sign-in. */
  refreshToken: string | null;
  /** Mailed sign-in and reset links not yet used: token → whose and what for. */
  links: Map<string, { kind: 'magic' | 'reset'; userId: string }>;
  /** Reset and magic-link tokens already redeemed. */
  usedTokens: Set<string>;
  /** Registrations waiting for their mailed link, by token. */
  registrations: Map<string, { email: string; name: string; password: string }>;
  uploads: Map<string, MockUpload>;
  /** `${userId}:${key}` → the first answer, and what it answered. */
  idempotency: Map<string, { status: number; body: unknown; fingerprint: string }>;
  conversations: Array<ChatConversation & { userId: string }>;
  chatMessages: ChatMessage[];
  chatOnline: boolean;
  /** Organisations whose people may chat; null = everybody signed in. */
  chatOrganizations: string[] | null;
  /** Every event emitted so far, with its id; /events replays after Last-Event-ID. */
  events: Array<{ id: string; event: ServerEvent; userIds: string[] | null }>;
  /** The outbox: every mail the backend sent, oldest first. */
  mails: MockMail[];
  accessLog: AccessLogEntry[];
  requests: LoggedRequest[];
  /** Tickets the helpdesk merged away, by id: each answers as the ticket it went into (RT's merge). */
  mergedInto: Map<string, string>;
  /** Answer every request with a network error. */
  offline: boolean;
  /** Delay every answer by this many ms (loading states). */
  delayMs: number;
  nextTicketNumber: number;
}

export interface ResetOptions {
  /** Start from the demo seed (default) or empty, as a fresh gateway does. */
  seed?: boolean;
  config?: Partial<ReferenceConfig>;
  /** Portal settings on top of the start (the gateway's `settings` option). */
  settings?: PortalConfigPatch;
}

const clone = <T>(v: T): T => structuredClone(v);

function seededState(): Pick<
  MockState,
  'users' | 'organizations' | 'tickets' | 'messages' | 'forms' | 'articles' | 'reads' | 'links' | 'chatOrganizations'
> {
  const reads = new Map<string, string>();
  for (const t of TICKETS) if (!t.unread) reads.set(`${USERS[t.requester].id} ${t.id}`, t.updatedAt);
  // The demo people's links, as if mailed earlier (the sign-in tests open them).
  const links = new Map<string, { kind: 'magic' | 'reset'; userId: string }>();
  for (const u of Object.values(USERS)) {
    links.set(`magic-${u.id}`, { kind: 'magic', userId: u.id });
    links.set(`reset-${u.id}`, { kind: 'reset', userId: u.id });
  }
  return {
    users: Object.values(clone(USERS)),
    organizations: ORGANIZATIONS.map((o) => ({ ...clone(o), routingAssignee: null })),
    tickets: TICKETS.map(({ requester, unread: _unread, ...t }: TicketSeed) => ({
      ...clone(t),
      requesterId: USERS[requester].id,
    })),
    messages: clone(MESSAGES),
    forms: clone(FORMS),
    articles: clone(ARTICLES),
    reads,
    links,
    chatOrganizations: [...CHAT_ORGANIZATIONS],
  };
}

function freshState(opts: ResetOptions = {}): MockState {
  const seed = opts.seed ?? true;
  const start = seed ? clone(PORTAL) : clone(DEFAULT_PORTAL);
  const portal = withCapabilities(deepMerge(start, opts.settings?.portal ?? {}, 'portal'));
  const server = deepMerge(DEFAULT_SERVER_SETTINGS, opts.settings?.server ?? {});
  const data = seed
    ? seededState()
    : {
        users: [],
        organizations: [],
        tickets: [],
        messages: [],
        forms: clone(BUILTIN_FORMS),
        articles: [],
        reads: new Map<string, string>(),
        links: new Map<string, { kind: 'magic' | 'reset'; userId: string }>(),
        chatOrganizations: server.chatOrganizationIds,
      };
  return {
    config: { ...BROWSER_CONFIG, ...opts.config },
    portal,
    basePortal: clone(portal),
    ...data,
    autoCreateOrganizations: server.autoCreateOrganizations,
    baseServer: {
      autoCreateOrganizations: server.autoCreateOrganizations,
      chatOnline: server.chatOnline,
      chatOrganizationIds: data.chatOrganizations,
    },
    articleFeedback: [],
    ratings: new Map(),
    cookieSession: null,
    cookieSessions: new Map(),
    tokens: new Map(),
    refreshToken: null,
    usedTokens: new Set(),
    registrations: new Map(),
    uploads: new Map(),
    idempotency: new Map(),
    conversations: [],
    chatMessages: [],
    chatOnline: server.chatOnline,
    events: [],
    mails: [],
    accessLog: [],
    requests: [],
    mergedInto: new Map(),
    offline: false,
    delayMs: 0,
    nextTicketNumber: 1013,
  };
}

/** What the portal can back follows its switches, as the gateway's settings compute it. */
export function withCapabilities(p: StoredPortalSettings): StoredPortalSettings {
  return {
    ...p,
    capabilities: {
      ...p.capabilities,
      chat: p.chat.enabled,
      close: p.allowClose,
      reopen: p.allowReopen,
      registration: p.registration.enabled,
    },
  };
}

/** The live state; reassigned fields are seen by the handlers on their next request. */
export const mockState: MockState = freshState();

export const streams = new Set<{ userId: string; push(chunk: string): void; close(): void }>();

/** Ends every open /events stream, as a gateway restart would; past events stay for Last-Event-ID. */
export function dropMockStreams(): void {
  for (const s of [...streams]) s.close();
  streams.clear();
}

export function resetMockState(opts: ResetOptions = {}): void {
  dropMockStreams();
  Object.assign(mockState, freshState(opts));
}

// ---------------------------------------------------------------- people and organisations

export function randomId(): string {
  return crypto.getRandomValues(new Uint32Array(2)).reduce((s, n) => s + n.toString(36), '');
}

/** A random token as mailed links carry them (`[A-Za-z0-9_-]`). */
export function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => (b % 36).toString(36)).join('');
}

export function newSession(userId: string): MockSession {
  return {
    userId,
    csrfToken: `csrf-${randomId()}`,
    expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
  };
}

/** Every session of a person ends (a password reset). */
export function endSessionsOf(userId: string): void {
  for (const map of [mockState.tokens, mockState.cookieSessions]) {
    for (const [k, s] of map) if (s.userId === userId) map.delete(k);
  }
  if (mockState.cookieSession?.userId === userId) mockState.cookieSession = null;
}

export function findUserByEmail(email: string): MockUser | undefined {
  const e = normalizeEmail(email);
  return mockState.users.find((u) => u.email === e);
}

/** The organisation an address belongs to by its domain; made while automatic creation is on. */
export function organizationFor(email: string, create: boolean): MockOrganization | null {
  const domain = emailDomain(normalizeEmail(email));
  if (!domain || mockState.config.isPublicMailDomain(domain)) return null;
  const known = mockState.organizations.find((o) => o.domains.includes(domain));
  if (known || !create || !mockState.autoCreateOrganizations) return known ?? null;
  const name = domain.split('.')[0]!;
  const org: MockOrganization = {
    id: `org-${domain.replace(/[^a-z0-9]+/g, '-')}`,
    name: name[0]!.toUpperCase() + name.slice(1),
    domains: [domain],
    address: null,
    phone: null,
    accountManager: null,
    routingAssignee: null,
  };
  mockState.organizations.push(org);
  return org;
}

export function createMockUser(input: {
  email: string;
  name?: string | null;
  phone?: string | null;
  role?: User['role'];
  organization?: MockOrganization | null;
  password?: string;
  portalAccess?: boolean;
}): MockUser {
  const email = normalizeEmail(input.email);
  const org = input.organization === undefined ? organizationFor(email, true) : input.organization;
  const user: MockUser = {
    id: `u-${randomId()}`,
    email,
    name: input.name?.trim() || email.split('@')[0]!,
    phone: input.phone ?? null,
    role: input.role ?? 'user',
    organization: org ? { id: org.id, name: org.name } : null,
    locale: null,
    password: input.password ?? '',
    portalAccess: input.portalAccess ?? !!input.password,
  };
  mockState.users.push(user);
  return user;
}

// ---------------------------------------------------------------- mail and the access log

export function sendMail(to: string, subject: string, text: string): void {
  mockState.mails.push({ to, subject, text });
}

/** Mail sent to an address, oldest first. */
export function mailsTo(to: string): MockMail[] {
  return mockState.mails.filter((m) => m.to === normalizeEmail(to));
}

/** The token of the newest mailed link to an address (`portico_reset`, `portico_magic`, `portico_verify`). */
export function mailedToken(to: string, param: string): string | null {
  for (const m of mailsTo(to).reverse()) {
    const match = new RegExp(`${param}=([A-Za-z0-9_-]+)`).exec(m.text);
    if (match) return match[1]!;
  }
  return null;
}

/** A link into the portal, as the gateway writes them into mails. */
export function portalLink(param: string, token: string, email?: string): string {
  const tail = email ? `&email=${encodeURIComponent(email)}` : '';
  return `http://localhost/?${param}=${token}${tail}`;
}

export function logAccess(
  event: AccessLogEntry['event'],
  method: AccessLogEntry['method'],
  email: string | null,
  detail: string | null = null,
): void {
  mockState.accessLog.push({ at: new Date().toISOString(), event, method, email, detail });
}

// ---------------------------------------------------------------- tickets

export function userOf(ticket: MockTicket): MockUser {
  return mockState.users.find((u) => u.id === ticket.requesterId)!;
}

/** Who hears a ticket's events: its requester and the company users of their organisation. */
export function audience(ticket: MockTicket): string[] {
  const requester = userOf(ticket);
  return mockState.users
    .filter(
      (u) =>
        u.id === requester.id ||
        (u.role === 'company' && !!u.organization && u.organization.id === requester.organization?.id),
    )
    .map((u) => u.id);
}

export function markRead(userId: string, ticket: MockTicket): void {
  mockState.reads.set(`${userId} ${ticket.id}`, ticket.updatedAt);
}

export function isUnread(userId: string, ticket: MockTicket): boolean {
  const readAt = mockState.reads.get(`${userId} ${ticket.id}`);
  return !readAt || ticket.updatedAt > readAt;
}

/** Merges an admin change into the portal settings (PATCH /admin/v1/settings). */
export function applySettings(patch: PortalConfigPatch): void {
  if (patch.portal) mockState.portal = withCapabilities(deepMerge(mockState.portal, patch.portal));
  const s = patch.server;
  if (s?.autoCreateOrganizations !== undefined) mockState.autoCreateOrganizations = s.autoCreateOrganizations;
  if (s?.chatOnline !== undefined) mockState.chatOnline = s.chatOnline;
  if (s?.chatOrganizationIds !== undefined) mockState.chatOrganizations = s.chatOrganizationIds;
}

export type { Message, MessageBody, MockUser, MockUserKey };
