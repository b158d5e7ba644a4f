/**
 * The reference backend for component tests: Portico protocol v1 in memory,
 * served through msw 2 (test/mocks/browser.ts starts the worker). Its rules
 * are src/protocol's and its portal, forms and people the gateway's seed and
 * defaults (see fixtures.ts). State lives in `mockState`; tests change it
 * directly (sign someone out, flip portal settings, go offline), inject
 * failures per test with `worker.use(...)`, and call resetMockState() between
 * tests. Every request is logged in `mockState.requests`.
 */
import { delay, http, HttpResponse } from 'msw';
import {
  CLOSED_STATUSES,
  PROBLEM_CONTENT_TYPE,
  STATUS_FILTERS,
  STATUS_LABELS_EN,
  checkUpload,
  contentTypeOf,
  fieldIssue,
  isEmailAddress,
  labelStatus,
  matchesStatusFilter,
  normalizeEmail,
  passwordProblem,
  validateTicketRequest,
  PROBLEM_TYPES,
  type Attachment,
  type ChatConversation,
  type ChatMessage,
  type FieldIssue,
  type FormSchema,
  type Message,
  type MessageBody,
  type NewTicketRequest,
  type Organization,
  type Page,
  type PortalSettings,
  type ProfileUpdate,
  type ReplyRequest,
  type ServerEvent,
  type Session,
  type SignInRequest,
  type StatusFilter,
  type Ticket,
  type TicketSort,
  type TicketStatus,
  type TicketSummary,
  type User,
} from '../../src/protocol/index.js';
import {
  ARTICLES,
  ATTACHMENTS,
  CHAT_ORGANIZATIONS,
  CHAT_WELCOME,
  FORMS,
  MESSAGES,
  MOCK_ORIGIN,
  MOCK_PATH,
  ORGANIZATIONS,
  PORTAL,
  TICKETS,
  USERS,
  type MessageSeed,
  type MockUser,
  type MockUserKey,
  type TicketSeed,
} from './fixtures.js';

export const BASE = `${MOCK_ORIGIN}${MOCK_PATH}`;

// ---------------------------------------------------------------- state

interface MockSession {
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  url: string;
  headers: Record<string, string>;
}

/** A ticket in the mock store: the seed, with its requester as a user id so new users can own tickets too. */
export interface MockTicket extends Omit<TicketSeed, 'requester'> {
  requesterId: string;
}

export interface MockState {
  portal: PortalSettings;
  users: MockUser[];
  organizations: Organization[];
  tickets: MockTicket[];
  messages: MessageSeed[];
  forms: FormSchema[];
  /** Cookie-mode session: the one browser the tests run in. */
  cookieSession: MockSession | null;
  /** Bearer tokens → session. */
  tokens: Map<string, MockSession>;
  /** Reset and magic-link tokens already redeemed. */
  usedTokens: Set<string>;
  /** Registrations waiting for their mailed link, by token (`verify-<email>`). */
  registrations: Map<string, { email: string; name: string; password: string }>;
  uploads: Map<string, Attachment & { blob: Blob }>;
  /** `${userId}:${key}` → the first answer. */
  idempotency: Map<string, { status: number; body: unknown }>;
  conversations: Array<ChatConversation & { userId: string }>;
  chatMessages: ChatMessage[];
  chatOnline: boolean;
  chatOrganizations: string[];
  /** Every event emitted so far, with its id; /events replays after Last-Event-ID. */
  events: Array<{ id: string; event: ServerEvent; userIds: string[] | null }>;
  requests: LoggedRequest[];
  /** Answer every request with a network error. */
  offline: boolean;
  /** Delay every answer by this many ms (loading states). */
  delayMs: number;
  nextTicketNumber: number;
}

function freshState(): MockState {
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    portal: clone(PORTAL),
    users: Object.values(clone(USERS)),
    organizations: clone(ORGANIZATIONS),
    tickets: TICKETS.map(({ requester, ...t }: TicketSeed) => ({ ...clone(t), requesterId: USERS[requester].id })),
    messages: clone(MESSAGES),
    forms: clone(FORMS),
    cookieSession: null,
    tokens: new Map(),
    usedTokens: new Set(),
    registrations: new Map(),
    uploads: new Map(),
    idempotency: new Map(),
    conversations: [],
    chatMessages: [],
    chatOnline: true,
    chatOrganizations: [...CHAT_ORGANIZATIONS],
    events: [],
    requests: [],
    offline: false,
    delayMs: 0,
    nextTicketNumber: 1013,
  };
}

/** The live state; reassigned fields are seen by the handlers on their next request. */
export const mockState: MockState = freshState();

const streams = new Set<{ userId: string; push(chunk: string): void; close(): void }>();

/** Ends every open /events stream, as a gateway restart would; past events stay for Last-Event-ID. */
export function dropMockStreams(): void {
  for (const s of [...streams]) s.close();
  streams.clear();
}

export function resetMockState(): void {
  for (const s of streams) s.close();
  streams.clear();
  Object.assign(mockState, freshState());
}

// ---------------------------------------------------------------- helpers for tests

function newSession(userId: string): MockSession {
  return {
    userId,
    csrfToken: `csrf-${randomId()}`,
    expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
  };
}

/** Signs a demo user in (cookie mode), as if they had used the sign-in form. */
export function mockSignIn(key: MockUserKey | null): void {
  mockState.cookieSession = key ? newSession(USERS[key].id) : null;
}

/** Every session gone: the next request answers 401. */
export function mockSignOut(): void {
  mockState.cookieSession = null;
  mockState.tokens.clear();
}

/** A bearer token for a demo user, as a host site's own sign-in would hand over. */
export function mockIssueToken(key: MockUserKey): string {
  const token = `tok-${randomId()}`;
  mockState.tokens.set(token, newSession(USERS[key].id));
  return token;
}

/** Sends an event to open /events streams (and keeps it for Last-Event-ID replay). */
export function emitMockEvent(event: ServerEvent, userIds: string[] | null = null): string {
  const id = String(mockState.events.length + 1);
  mockState.events.push({ id, event, userIds });
  for (const s of streams) {
    if (!userIds || userIds.includes(s.userId)) s.push(sseChunk(id, event));
  }
  return id;
}

/** An agent answers a ticket: stored, and announced over SSE. */
export function mockAgentReply(ticketId: string, body: MessageBody | string, agentName = 'Alex Jansen'): Message {
  const ticket = mockState.tickets.find((t) => t.id === ticketId);
  if (!ticket) throw new Error(`no ticket ${ticketId}`);
  const message: MessageSeed = {
    id: `m-${randomId()}`,
    ticketId,
    author: { name: agentName, role: 'agent' },
    createdAt: new Date().toISOString(),
    body: typeof body === 'string' ? { format: 'html', content: body } : body,
    attachments: [],
  };
  mockState.messages.push(message);
  ticket.updatedAt = message.createdAt;
  ticket.unread = true;
  if (ticket.status === 'new') ticket.status = 'open';
  const viewer = userOf(ticket);
  emitMockEvent({ type: 'message.created', ticketId, message: publicMessage(message) }, audience(ticket));
  emitMockEvent({ type: 'ticket.updated', ticket: ticketView(ticket, viewer) }, audience(ticket));
  return message;
}

/** An agent writes in a chat conversation. */
export function mockAgentChatMessage(conversationId: string, text: string, agentName = 'Priya Raman'): ChatMessage {
  const conversation = mockState.conversations.find((c) => c.id === conversationId);
  if (!conversation) throw new Error(`no conversation ${conversationId}`);
  const message: ChatMessage = {
    id: `cm-${randomId()}`,
    conversationId,
    author: { name: agentName, role: 'agent' },
    createdAt: new Date().toISOString(),
    text,
    attachments: [],
  };
  mockState.chatMessages.push(message);
  conversation.updatedAt = message.createdAt;
  emitMockEvent({ type: 'chat.message', conversationId, message }, [conversation.userId]);
  return message;
}

/** The user record behind a demo key (after test changes). */
export function mockUser(key: MockUserKey): MockUser {
  return mockState.users.find((u) => u.id === USERS[key].id)!;
}

/** Adds fixture-style tickets (e.g. `makeBulkTickets(10000)`) to the store. */
export function addMockTickets(seeds: TicketSeed[]): void {
  mockState.tickets.push(...seeds.map(({ requester, ...t }) => ({ ...t, requesterId: USERS[requester].id })));
}

// ---------------------------------------------------------------- protocol helpers

function randomId(): string {
  return crypto.getRandomValues(new Uint32Array(2)).reduce((s, n) => s + n.toString(36), '');
}

function problem(
  status: number,
  type: string,
  title: string,
  detail?: string,
  errors?: Array<{ field: string; message: string }>,
) {
  return HttpResponse.json(
    { type, title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) },
    { status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } },
  );
}

const unauthorized = () => problem(401, PROBLEM_TYPES.unauthorized, 'Not signed in', 'Sign in to continue.');
const forbidden = (detail: string) => problem(403, PROBLEM_TYPES.forbidden, 'Not allowed', detail);
const notFound = (what = 'This resource') =>
  problem(404, PROBLEM_TYPES.notFound, 'Not found', `${what} does not exist.`);
/** A mailed link that is unknown, used or expired, as the gateway answers it. */
const linkInvalid = () =>
  HttpResponse.json(
    {
      type: PROBLEM_TYPES.validation,
      title: 'Invalid link',
      status: 422,
      code: 'link-invalid',
      errors: [{ field: 'token', code: 'invalid', message: 'This link is not valid any more.' }],
    },
    { status: 422, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } },
  );

const invalid = (errors: Array<{ field: string; message: string }>) =>
  problem(422, PROBLEM_TYPES.validation, 'Some fields need attention', undefined, errors);

function sessionView(s: MockSession, mode: 'cookie' | 'bearer', token?: string): Session {
  const user = mockState.users.find((u) => u.id === s.userId)!;
  return {
    user: publicUser(user),
    expiresAt: s.expiresAt,
    ...(mode === 'bearer' ? { token } : { csrfToken: s.csrfToken }),
  };
}

function publicUser(u: MockUser): User {
  const { password: _password, ...rest } = u;
  return structuredClone(rest);
}

type Auth =
  | { kind: 'none' }
  | { kind: 'bad-token' }
  | { kind: 'cookie'; session: MockSession; user: MockUser }
  | { kind: 'bearer'; session: MockSession; user: MockUser };

function authOf(request: Request): Auth {
  const header = request.headers.get('authorization');
  if (header) {
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const session = match ? mockState.tokens.get(match[1]) : undefined;
    const user = session && mockState.users.find((u) => u.id === session.userId);
    return session && user ? { kind: 'bearer', session, user } : { kind: 'bad-token' };
  }
  const s = mockState.cookieSession;
  const user = s && mockState.users.find((u) => u.id === s.userId);
  return s && user ? { kind: 'cookie', session: s, user } : { kind: 'none' };
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Who is asking, checked like the gateway does: a bad token is 401, and a
 * cookie-mode write without the session's CSRF token is 403.
 */
function requireUser(request: Request): MockUser | Response {
  const auth = authOf(request);
  if (auth.kind === 'none' || auth.kind === 'bad-token') return unauthorized();
  if (auth.kind === 'cookie' && UNSAFE.has(request.method)) {
    if (request.headers.get('x-csrf-token') !== auth.session.csrfToken) {
      return problem(403, PROBLEM_TYPES.csrf, 'CSRF token missing or wrong', 'Reload the page and try again.');
    }
  }
  return auth.user;
}

/** Same key from the same user: the first answer again, nothing created twice. */
async function idempotent(
  request: Request,
  who: string,
  run: () => Promise<{ status: number; body: unknown }> | { status: number; body: unknown },
): Promise<Response> {
  const key = request.headers.get('idempotency-key');
  const slot = key ? `${who}:${key}` : null;
  const seen = slot ? mockState.idempotency.get(slot) : undefined;
  const answer = seen ?? (await run());
  if (slot && !seen && answer.status < 500) mockState.idempotency.set(slot, answer);
  if (answer.status === 204) return new HttpResponse(null, { status: 204 });
  return new HttpResponse(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'Content-Type': answer.status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json' },
  });
}

const problemBody = (
  status: number,
  type: string,
  title: string,
  detail?: string,
  errors?: Array<{ field: string; message: string }>,
) => ({
  status,
  body: { type, title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) },
});

function userOf(ticket: MockTicket): MockUser {
  return mockState.users.find((u) => u.id === ticket.requesterId)!;
}

function audience(ticket: MockTicket): string[] {
  const requester = userOf(ticket);
  return mockState.users
    .filter((u) => u.id === requester.id || (u.role === 'company' && u.organization?.id === requester.organization?.id))
    .map((u) => u.id);
}

function isOwn(ticket: MockTicket, user: MockUser): boolean {
  return userOf(ticket).id === user.id;
}

function canSee(ticket: MockTicket, user: MockUser): boolean {
  if (isOwn(ticket, user)) return true;
  return (
    user.role === 'company' &&
    mockState.portal.organizationVisibility &&
    !!user.organization &&
    userOf(ticket).organization?.id === user.organization.id
  );
}

/** Roles per docs: own tickets fully; colleagues' readable, answerable only where the portal allows, never closable. */
function permissionsFor(ticket: MockTicket, user: MockUser) {
  const portal = mockState.portal;
  const own = isOwn(ticket, user);
  const closed = ticket.status === 'closed';
  const finished = (CLOSED_STATUSES as readonly TicketStatus[]).includes(ticket.status);
  return {
    canReply: !closed && (own || portal.companyUsersCanReplyToColleagues),
    canClose: own && portal.allowClose && !finished,
    canReopen: own && portal.allowReopen && finished,
  };
}

function ticketView(t: MockTicket, viewer: MockUser, withPermissions = false): Ticket {
  const requester = userOf(t);
  const label = STATUS_LABELS_EN[labelStatus(t.status, mockState.portal.statusLabelMode)];
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    statusLabel: label,
    rawStatus: t.status,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    requester: { id: requester.id, name: requester.name },
    organization: requester.organization ? { ...requester.organization } : null,
    service: t.service,
    assignee: mockState.portal.showAgentNames && t.assignee ? { ...t.assignee } : null,
    fields: structuredClone(t.fields),
    unread: t.unread,
    ...(withPermissions ? { permissions: permissionsFor(t, viewer) } : {}),
  };
}

function publicMessage(m: MessageSeed): Message {
  const { internal: _internal, ...rest } = m;
  const copy = structuredClone(rest);
  if (copy.author.role === 'agent' && !mockState.portal.showAgentNames) copy.author.name = 'Support';
  return copy;
}

function paginate<T>(items: T[], url: URL): Page<T> | Response {
  const limitParam = url.searchParams.get('limit');
  const limit = limitParam === null ? 25 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return invalid([{ field: 'limit', message: 'limit must be a whole number from 1 to 100' }]);
  }
  const cursor = url.searchParams.get('cursor');
  let offset = 0;
  if (cursor) {
    offset = Number.parseInt(atob(cursor), 10);
    if (!Number.isInteger(offset) || offset < 0) {
      return invalid([{ field: 'cursor', message: 'unknown cursor' }]);
    }
  }
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? btoa(String(offset + limit)) : null;
  return { items: slice, nextCursor: next };
}

function sortTickets(list: MockTicket[], sort: TicketSort): MockTicket[] {
  const field = sort.replace('-', '') === 'created' ? 'createdAt' : 'updatedAt';
  const dir = sort.startsWith('-') ? -1 : 1;
  return [...list].sort((a, b) => dir * a[field].localeCompare(b[field]) || a.number.localeCompare(b.number));
}

/** The tickets a user may list for a scope, or the 403 a plain user gets for the organisation's. */
function ticketsInScope(user: MockUser, scope: string | null): MockTicket[] | Response {
  if (scope === 'organization') {
    if (user.role !== 'company' || !user.organization) {
      return forbidden("Only company users can see their organisation's tickets.");
    }
    if (!mockState.portal.organizationVisibility) {
      return forbidden("This portal does not show the organisation's tickets.");
    }
    return mockState.tickets.filter((t) => userOf(t).organization?.id === user.organization!.id);
  }
  if (scope && scope !== 'mine') return invalid([{ field: 'scope', message: 'scope must be mine or organization' }]);
  return mockState.tickets.filter((t) => isOwn(t, user));
}

function sseChunk(id: string, event: ServerEvent): string {
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

// ---------------------------------------------------------------- validation

/** The gateway's verdict on a new ticket (src/protocol), plus the uploads this double knows. */
function validateNewTicket(req: Partial<NewTicketRequest>, form: FormSchema | undefined): FieldIssue[] {
  if (!form) return [fieldIssue('formId', 'not-found', { id: String(req.formId ?? '') })];
  const { issues } = validateTicketRequest(form, req as NewTicketRequest);
  for (const id of req.attachments ?? []) {
    if (!mockState.uploads.has(id)) issues.push(fieldIssue('attachments', 'not-found', { id }));
  }
  return issues;
}

async function readJson<T>(request: Request): Promise<Partial<T>> {
  try {
    return ((await request.json()) ?? {}) as Partial<T>;
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------- handlers

const url = (path: string) => `${BASE}${path}`;

/** Runs before every handler: logging, offline mode, latency. */
const gate = http.all(`${BASE}/*`, async ({ request }) => {
  const u = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k] = v));
  mockState.requests.push({
    method: request.method,
    path: u.pathname.slice(MOCK_PATH.length),
    url: request.url,
    headers,
  });
  if (mockState.offline) return HttpResponse.error();
  if (mockState.delayMs > 0) await delay(mockState.delayMs);
  return undefined;
});

export const handlers = [
  gate,

  http.get(
    `${MOCK_ORIGIN}/portico-mock/logo.svg`,
    () =>
      new HttpResponse(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b57d0"/><path d="M9 23V9h8a5 5 0 0 1 0 10h-4v4z" fill="#fff"/></svg>',
        { headers: { 'Content-Type': 'image/svg+xml' } },
      ),
  ),

  // ---------------------------------------------------------------- portal + session
  http.get(url('/portal'), () => HttpResponse.json(mockState.portal)),

  http.get(url('/session'), ({ request }) => {
    const auth = authOf(request);
    if (auth.kind === 'cookie') return HttpResponse.json(sessionView(auth.session, 'cookie'));
    if (auth.kind === 'bearer') {
      const token = request.headers.get('authorization')!.replace(/^Bearer\s+/i, '');
      return HttpResponse.json(sessionView(auth.session, 'bearer', token));
    }
    return unauthorized();
  }),

  http.post(url('/session'), async ({ request }) => {
    const req = await readJson<SignInRequest>(request);
    const email = (req.email ?? '').trim().toLowerCase();
    const user = mockState.users.find((u) => u.email === email);
    if (req.magicLink) {
      if (!mockState.portal.loginMethods.includes('magic-link')) return forbidden('Magic links are off.');
      return HttpResponse.json({ sent: true }, { status: 202 });
    }
    const ok = req.magicToken
      ? !!user && req.magicToken === `magic-${user.id}`
      : !!user && req.password === user.password;
    if (!ok || !user) {
      return problem(401, PROBLEM_TYPES.unauthorized, 'Sign-in failed', 'The e-mail address or password is wrong.');
    }
    return signedIn(user, req.mode === 'bearer' ? 'bearer' : 'cookie', 200);
  }),

  http.delete(url('/session'), ({ request }) => {
    const who = requireUser(request);
    if (who instanceof Response) return who;
    const header = request.headers.get('authorization');
    if (header) mockState.tokens.delete(header.replace(/^Bearer\s+/i, ''));
    else mockState.cookieSession = null;
    for (const s of streams) if (s.userId === who.id) s.close();
    return new HttpResponse(null, { status: 204 });
  }),

  http.post(url('/session/sso'), async ({ request }) => {
    const req = await readJson<{ jwt: string; mode: 'cookie' | 'bearer' }>(request);
    // The mock reads the payload's e-mail; signature checks belong to the gateway tests.
    let email = '';
    try {
      const payload = JSON.parse(atob((req.jwt ?? '').split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
        email?: string;
        exp?: number;
      };
      if (payload.exp && payload.exp * 1000 < Date.now()) throw new Error('expired');
      email = (payload.email ?? '').toLowerCase();
    } catch {
      email = '';
    }
    const user = mockState.users.find((u) => u.email === email);
    if (!user) return problem(401, PROBLEM_TYPES.unauthorized, 'Sign-in failed', 'The sign-in token is not valid.');
    return signedIn(user, req.mode === 'bearer' ? 'bearer' : 'cookie', 200);
  }),

  http.post(url('/register'), async ({ request }) => {
    if (!mockState.portal.registration.enabled) return forbidden('Registration is off for this portal.');
    const req = await readJson<{ email: string; name: string; password: string; consent: boolean }>(request);
    const errors: Array<{ field: string; message: string }> = [];
    const email = normalizeEmail(req.email ?? '');
    if (!isEmailAddress(email)) errors.push(fieldIssue('email', 'email'));
    if (!req.name?.trim()) errors.push(fieldIssue('name', 'required'));
    const weak = passwordProblem(req.password ?? '');
    if (weak) errors.push(fieldIssue('password', weak.code, weak.params));
    if (mockState.portal.registration.consentText && !req.consent) {
      errors.push({ field: 'consent', message: 'Please agree to continue.' });
    }
    if (errors.length) return invalid(errors);
    // As the gateway: the same answer for every address; the account comes with the mailed link.
    if (!mockState.users.some((u) => u.email === email)) {
      mockState.registrations.set(`verify-${email}`, { email, name: req.name!.trim(), password: req.password! });
    }
    return HttpResponse.json({ sent: true }, { status: 202 });
  }),

  http.post(url('/register/verify'), async ({ request }) => {
    const req = await readJson<{ token: string; mode?: 'cookie' | 'bearer' }>(request);
    const pending = mockState.registrations.get(req.token ?? '');
    if (!pending) return linkInvalid();
    mockState.registrations.delete(req.token ?? '');
    const user: MockUser = {
      id: `u-${randomId()}`,
      email: pending.email,
      name: pending.name,
      phone: null,
      role: 'user',
      organization: null,
      locale: null,
      password: pending.password,
    };
    mockState.users.push(user);
    return signedIn(user, req.mode === 'bearer' ? 'bearer' : 'cookie', 200);
  }),

  http.post(url('/password-reset'), () => HttpResponse.json({ sent: true }, { status: 202 })),

  http.post(url('/password-reset/confirm'), async ({ request }) => {
    const req = await readJson<{ token: string; password: string }>(request);
    const weak = passwordProblem(req.password ?? '');
    if (weak) return invalid([fieldIssue('password', weak.code, weak.params)]);
    // Tokens are `reset-<user id>`, once each, as the gateway's are single-use.
    const user = mockState.users.find((u) => req.token === `reset-${u.id}`);
    if (!user || mockState.usedTokens.has(req.token ?? '')) {
      return linkInvalid();
    }
    mockState.usedTokens.add(req.token ?? '');
    user.password = req.password!;
    return new HttpResponse(null, { status: 204 });
  }),

  // ---------------------------------------------------------------- profile
  http.get(url('/me'), ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const org = user.organization
      ? (mockState.organizations.find((o) => o.id === user.organization!.id) ?? null)
      : null;
    return HttpResponse.json({ ...publicUser(user), organizationDetails: org ? structuredClone(org) : null });
  }),

  http.patch(url('/me'), async ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    return idempotent(request, user.id, async () => {
      if (!mockState.portal.profile.editable) {
        return problemBody(403, PROBLEM_TYPES.forbidden, 'Not allowed', 'The profile is read-only on this portal.');
      }
      const req = await readJson<ProfileUpdate>(request);
      if (req.name !== undefined && !req.name.trim()) {
        return problemBody(422, PROBLEM_TYPES.validation, 'Some fields need attention', undefined, [
          { field: 'name', message: 'This field is required.' },
        ]);
      }
      if (req.name !== undefined) user.name = req.name.trim();
      if (req.phone !== undefined) user.phone = req.phone;
      if (req.locale !== undefined) user.locale = req.locale;
      return { status: 200, body: publicUser(user) };
    });
  }),

  http.post(url('/me/password'), async ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    if (!mockState.portal.profile.canChangePassword) return forbidden('Passwords are managed elsewhere.');
    const req = await readJson<{ current: string; next: string }>(request);
    if (req.current !== user.password)
      return invalid([{ field: 'current', message: 'The current password is wrong.' }]);
    const weak = passwordProblem(req.next ?? '');
    if (weak) return invalid([fieldIssue('next', weak.code, weak.params)]);
    user.password = req.next!;
    return new HttpResponse(null, { status: 204 });
  }),

  // ---------------------------------------------------------------- tickets
  http.get(url('/tickets/summary'), ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const list = ticketsInScope(user, new URL(request.url).searchParams.get('scope'));
    if (list instanceof Response) return list;
    const summary: TicketSummary = { new: 0, open: 0, pending: 0, solved: 0, closed: 0, total: list.length };
    for (const t of list) summary[t.status]++;
    return HttpResponse.json(summary);
  }),

  http.get(url('/tickets'), ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const u = new URL(request.url);
    const list = ticketsInScope(user, u.searchParams.get('scope'));
    if (list instanceof Response) return list;
    const status = u.searchParams.get('status') ?? 'all';
    if (!(STATUS_FILTERS as readonly string[]).includes(status)) {
      return invalid([{ field: 'status', message: 'status must be open, closed or all' }]);
    }
    const sort = (u.searchParams.get('sort') ?? '-updated') as TicketSort;
    if (!['updated', '-updated', 'created', '-created'].includes(sort)) {
      return invalid([{ field: 'sort', message: 'unknown sort' }]);
    }
    const q = (u.searchParams.get('q') ?? '').trim().toLowerCase();
    const filtered = list.filter((t) => {
      if (!matchesStatusFilter(t.status, status as StatusFilter)) return false;
      if (q && !t.subject.toLowerCase().includes(q) && !t.number.includes(q.replace(/^#/, ''))) return false;
      return true;
    });
    const page = paginate(sortTickets(filtered, sort), u);
    if (page instanceof Response) return page;
    return HttpResponse.json({ items: page.items.map((t) => ticketView(t, user)), nextCursor: page.nextCursor });
  }),

  http.get(url('/tickets/:id'), ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const ticket = mockState.tickets.find((t) => t.id === params.id);
    if (!ticket || !canSee(ticket, user)) return notFound('This ticket');
    const view = ticketView(ticket, user, true);
    if (isOwn(ticket, user)) ticket.unread = false;
    return HttpResponse.json(view);
  }),

  http.get(url('/tickets/:id/messages'), ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const ticket = mockState.tickets.find((t) => t.id === params.id);
    if (!ticket || !canSee(ticket, user)) return notFound('This ticket');
    const requestUrl = new URL(request.url);
    const sort = requestUrl.searchParams.get('sort') || 'created';
    if (sort !== 'created' && sort !== '-created') {
      return invalid([{ field: 'sort', message: 'sort must be created or -created' }]);
    }
    const list = mockState.messages
      .filter((m) => m.ticketId === ticket.id && !m.internal)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    // -created: the newest page first, each cursor leading to older messages.
    if (sort === '-created') list.reverse();
    const page = paginate(list, requestUrl);
    if (page instanceof Response) return page;
    return HttpResponse.json({ items: page.items.map(publicMessage), nextCursor: page.nextCursor });
  }),

  http.post(url('/tickets/:id/messages'), async ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const ticket = mockState.tickets.find((t) => t.id === params.id);
    if (!ticket || !canSee(ticket, user)) return notFound('This ticket');
    return idempotent(request, user.id, async () => {
      if (!permissionsFor(ticket, user).canReply) {
        return problemBody(403, PROBLEM_TYPES.forbidden, 'Not allowed', 'You cannot reply on this ticket.');
      }
      const req = await readJson<ReplyRequest>(request);
      const content = req.body?.content?.trim() ?? '';
      const attachments = req.attachments ?? [];
      const errors: Array<{ field: string; message: string }> = [];
      if (!content && attachments.length === 0) errors.push({ field: 'body', message: 'Write a message.' });
      const unknown = attachments.filter((id) => !mockState.uploads.has(id));
      if (unknown.length) errors.push({ field: 'attachments', message: `Unknown upload ${unknown.join(', ')}.` });
      if (errors.length)
        return problemBody(422, PROBLEM_TYPES.validation, 'Some fields need attention', undefined, errors);
      const message: MessageSeed = {
        id: `m-${randomId()}`,
        ticketId: ticket.id,
        author: { name: user.name, role: 'customer' },
        createdAt: new Date().toISOString(),
        body: { format: req.body?.format ?? 'text', content: req.body?.content ?? '' },
        attachments: attachments.map((id) => {
          const { blob: _blob, ...a } = mockState.uploads.get(id)!;
          return a;
        }),
      };
      mockState.messages.push(message);
      ticket.updatedAt = message.createdAt;
      // A customer's answer puts a waiting or solved ticket back with the agents.
      if (ticket.status === 'pending' || ticket.status === 'solved') ticket.status = 'open';
      emitMockEvent(
        { type: 'message.created', ticketId: ticket.id, message: publicMessage(message) },
        audience(ticket),
      );
      return { status: 201, body: publicMessage(message) };
    });
  }),

  http.post(url('/tickets/:id/close'), ({ request, params }) => statusChange(request, String(params.id), 'close')),
  http.post(url('/tickets/:id/reopen'), ({ request, params }) => statusChange(request, String(params.id), 'reopen')),

  http.post(url('/tickets'), async ({ request }) => {
    const auth = authOf(request);
    let user: MockUser | null = null;
    if (auth.kind !== 'none' || !mockState.portal.anonymousTickets) {
      const who = requireUser(request);
      if (who instanceof Response) return who;
      user = who;
    }
    return idempotent(request, user?.id ?? 'anonymous', async () => {
      const req = await readJson<NewTicketRequest>(request);
      const form = mockState.forms.find((f) => f.id === req.formId);
      const errors = validateNewTicket(req, form);
      let requester = user;
      if (!requester) {
        const email = normalizeEmail(req.requester?.email ?? '');
        if (!isEmailAddress(email)) errors.push(fieldIssue('requester.email', 'email'));
        requester = mockState.users.find((u) => u.email === email) ?? null;
        if (!requester && !errors.length) {
          requester = {
            id: `u-${randomId()}`,
            email,
            name: req.requester?.name?.trim() || email,
            phone: req.requester?.phone ?? null,
            role: 'user',
            organization: null,
            locale: null,
            password: randomId(),
          };
          mockState.users.push(requester);
        }
      }
      if (errors.length) {
        return problemBody(422, PROBLEM_TYPES.validation, 'Some fields need attention', undefined, errors);
      }
      const now = new Date().toISOString();
      const seed: MockTicket = {
        id: `t-${mockState.nextTicketNumber}`,
        number: String(mockState.nextTicketNumber++),
        subject: req.subject?.trim() || form!.name.en,
        status: 'new',
        createdAt: now,
        updatedAt: now,
        requesterId: requester!.id,
        service: form!.service ?? null,
        assignee: null,
        fields: structuredClone(req.fields ?? {}),
        unread: false,
      };
      mockState.tickets.push(seed);
      mockState.messages.push({
        id: `m-${randomId()}`,
        ticketId: seed.id,
        author: { name: requester!.name, role: 'customer' },
        createdAt: now,
        body: req.body ?? { format: 'text', content: '' },
        attachments: (req.attachments ?? []).map((id) => {
          const { blob: _blob, ...a } = mockState.uploads.get(id)!;
          return a;
        }),
      });
      return { status: 201, body: ticketView(seed, requester!, true) };
    });
  }),

  // ---------------------------------------------------------------- forms + knowledge
  http.get(url('/forms'), () =>
    HttpResponse.json({
      items: mockState.forms
        .filter((f) => f.listed !== false)
        .map(({ id, name, description }) => ({
          id,
          name,
          ...(description ? { description } : {}),
        })),
    }),
  ),

  http.get(url('/forms/:id'), ({ params }) => {
    const form = mockState.forms.find((f) => f.id === params.id);
    return form ? HttpResponse.json(form) : notFound('This form');
  }),

  http.get(url('/articles'), ({ request }) => {
    const q = (new URL(request.url).searchParams.get('q') ?? '').trim().toLowerCase();
    const words = q.split(/\W+/).filter((w) => w.length > 2);
    const items = words.length
      ? ARTICLES.filter((a) => words.some((w) => `${a.title} ${a.excerpt}`.toLowerCase().includes(w)))
      : [];
    return HttpResponse.json({ items });
  }),

  // ---------------------------------------------------------------- uploads
  http.post(url('/uploads'), async ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    return idempotent(request, user.id, async () => {
      let file: File | null;
      try {
        const form = await request.formData();
        const part = form.get('file');
        file = part instanceof File ? part : null;
      } catch {
        file = null;
      }
      if (!file) {
        return problemBody(400, PROBLEM_TYPES.validation, 'No file', 'Send one part named "file".', [
          { field: 'file', message: 'No file was sent.' },
        ]);
      }
      const contentType = contentTypeOf(file);
      const broken = checkUpload({ name: file.name, type: contentType, size: file.size }, mockState.portal.uploads);
      if (broken) {
        const issue = fieldIssue('file', broken.code, broken.params);
        const [status, type, title] =
          broken.code === 'file-too-large'
            ? [413, PROBLEM_TYPES.tooLarge, 'File too large']
            : broken.code === 'file-type'
              ? [415, PROBLEM_TYPES.unsupportedType, 'File type not allowed']
              : [broken.code === 'too-many-files' ? 422 : 400, PROBLEM_TYPES.validation, 'File not accepted'];
        return problemBody(status, type, title, `file ${issue.message}.`, [issue]);
      }
      const attachment: Attachment = { id: `up-${randomId()}`, name: file.name, size: file.size, contentType };
      mockState.uploads.set(attachment.id, { ...attachment, blob: file });
      return { status: 201, body: attachment };
    });
  }),

  http.get(url('/attachments/:id'), ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const id = String(params.id);
    const uploaded = mockState.uploads.get(id);
    const seeded = ATTACHMENTS[id];
    if (!uploaded && !seeded) return notFound('This attachment');
    const meta = uploaded ?? seeded;
    const body: BodyInit = uploaded ? uploaded.blob : `Demo content of ${seeded.name}\n`;
    return new HttpResponse(body, {
      headers: {
        'Content-Type': meta.contentType,
        'Content-Disposition': `attachment; filename="${meta.name.replace(/"/g, '')}"`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }),

  // ---------------------------------------------------------------- chat
  http.get(url('/chat/availability'), ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    return HttpResponse.json(chatAvailability(user));
  }),

  http.post(url('/chat/conversations'), async ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    return idempotent(request, user.id, async () => {
      const availability = chatAvailability(user);
      if (!availability.available) {
        return problemBody(403, PROBLEM_TYPES.forbidden, 'Chat is not available', availability.reason ?? undefined);
      }
      const req = await readJson<{ text: string }>(request);
      if (!req.text?.trim()) {
        return problemBody(422, PROBLEM_TYPES.validation, 'Some fields need attention', undefined, [
          { field: 'text', message: 'Write a message.' },
        ]);
      }
      const now = new Date().toISOString();
      const conversation = {
        id: `c-${randomId()}`,
        status: 'open' as const,
        createdAt: now,
        updatedAt: now,
        userId: user.id,
      };
      mockState.conversations.push(conversation);
      const message: ChatMessage = {
        id: `cm-${randomId()}`,
        conversationId: conversation.id,
        author: { name: user.name, role: 'customer' },
        createdAt: now,
        text: req.text,
        attachments: [],
      };
      mockState.chatMessages.push(message, {
        ...structuredClone(CHAT_WELCOME),
        id: `cm-${randomId()}`,
        conversationId: conversation.id,
        createdAt: now,
      });
      const { userId: _userId, ...publicConversation } = conversation;
      return { status: 201, body: { conversation: publicConversation, message } };
    });
  }),

  http.get(url('/chat/conversations/:id/messages'), ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const conversation = mockState.conversations.find((c) => c.id === params.id && c.userId === user.id);
    if (!conversation) return notFound('This conversation');
    const page = paginate(
      mockState.chatMessages.filter((m) => m.conversationId === conversation.id),
      new URL(request.url),
    );
    return page instanceof Response ? page : HttpResponse.json(page);
  }),

  http.post(url('/chat/conversations/:id/messages'), async ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const conversation = mockState.conversations.find((c) => c.id === params.id && c.userId === user.id);
    if (!conversation) return notFound('This conversation');
    return idempotent(request, user.id, async () => {
      if (conversation.status === 'ended') {
        return problemBody(409, PROBLEM_TYPES.conflict, 'Conversation ended', 'Start a new chat.');
      }
      const req = await readJson<{ text: string; attachments?: string[] }>(request);
      if (!req.text?.trim() && !req.attachments?.length) {
        return problemBody(422, PROBLEM_TYPES.validation, 'Some fields need attention', undefined, [
          { field: 'text', message: 'Write a message.' },
        ]);
      }
      const message: ChatMessage = {
        id: `cm-${randomId()}`,
        conversationId: conversation.id,
        author: { name: user.name, role: 'customer' },
        createdAt: new Date().toISOString(),
        text: req.text ?? '',
        attachments: (req.attachments ?? []).flatMap((id) => {
          const u = mockState.uploads.get(id);
          if (!u) return [];
          const { blob: _blob, ...a } = u;
          return [a];
        }),
      };
      mockState.chatMessages.push(message);
      conversation.updatedAt = message.createdAt;
      return { status: 201, body: message };
    });
  }),

  // ---------------------------------------------------------------- events
  http.get(url('/events'), ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const u = new URL(request.url);
    const lastId = request.headers.get('last-event-id') ?? u.searchParams.get('lastEventId');
    const encoder = new TextEncoder();
    let entry: (typeof streams extends Set<infer T> ? T : never) | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        entry = {
          userId: user.id,
          push(chunk) {
            if (!open) return;
            try {
              controller.enqueue(encoder.encode(chunk));
            } catch {
              open = false;
            }
          },
          close() {
            if (!open) return;
            open = false;
            streams.delete(entry!);
            try {
              controller.close();
            } catch {
              // already closed by the reader
            }
          },
        };
        streams.add(entry);
        entry.push(': connected\nretry: 1000\n\n');
        const after = lastId ? mockState.events.findIndex((e) => e.id === lastId) + 1 : mockState.events.length;
        for (const e of mockState.events.slice(after)) {
          if (!e.userIds || e.userIds.includes(user.id)) entry.push(sseChunk(e.id, e.event));
        }
      },
      cancel() {
        if (entry) streams.delete(entry);
      },
    });
    return new HttpResponse(stream, {
      headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' },
    });
  }),
];

// ---------------------------------------------------------------- shared pieces

function signedIn(user: MockUser, mode: 'cookie' | 'bearer', status: number): Response {
  const session = newSession(user.id);
  if (mode === 'bearer') {
    const token = `tok-${randomId()}`;
    mockState.tokens.set(token, session);
    return HttpResponse.json(sessionView(session, 'bearer', token), { status });
  }
  mockState.cookieSession = session;
  return HttpResponse.json(sessionView(session, 'cookie'), { status });
}

function statusChange(request: Request, id: string, action: 'close' | 'reopen'): Response | Promise<Response> {
  const user = requireUser(request);
  if (user instanceof Response) return user;
  const ticket = mockState.tickets.find((t) => t.id === id);
  if (!ticket || !canSee(ticket, user)) return notFound('This ticket');
  return idempotent(request, user.id, () => {
    const permissions = permissionsFor(ticket, user);
    const allowed = action === 'close' ? permissions.canClose : permissions.canReopen;
    if (!allowed) {
      return problemBody(403, PROBLEM_TYPES.forbidden, 'Not allowed', `You cannot ${action} this ticket.`);
    }
    ticket.status = action === 'close' ? 'closed' : 'open';
    ticket.updatedAt = new Date().toISOString();
    const view = ticketView(ticket, user, true);
    emitMockEvent({ type: 'ticket.updated', ticket: ticketView(ticket, user) }, audience(ticket));
    return { status: 200, body: view };
  });
}

function chatAvailability(user: MockUser) {
  const chat = mockState.portal.chat;
  if (!chat.enabled || chat.provider !== 'builtin') return { available: false, reason: 'disabled' as const };
  if (!user.organization || !mockState.chatOrganizations.includes(user.organization.id)) {
    return { available: false, reason: 'not-eligible' as const };
  }
  if (!mockState.chatOnline) return { available: false, reason: 'offline' as const };
  return { available: true, reason: null };
}
