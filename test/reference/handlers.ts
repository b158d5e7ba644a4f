/**
 * The reference backend: Portico protocol v1 in memory, served through msw 2
 * — in the browser by test/mocks/browser.ts (a service worker), in Node by
 * test/server/helpers/reference-gateway.ts (`setupServer`), where the same
 * protocol suite the gateway passes runs against it. Its rules are
 * src/protocol's, its problems carry the gateway's codes, and its portal,
 * forms and people the gateway's seed and defaults (see fixtures.ts).
 *
 * State lives in `mockState` (state.ts); tests change it directly (sign
 * someone out, flip portal settings, go offline), inject failures per test
 * with `worker.use(...)`, and call resetMockState() between tests. Every
 * request is logged in `mockState.requests`.
 */
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import {
  CLOSED_STATUSES,
  PROBLEM_CONTENT_TYPE,
  STATUS_FILTERS,
  STATUS_LABELS_EN,
  articleScore,
  checkRating,
  formAvailableTo,
  isRatable,
  MESSAGE_SORTS,
  searchTerms,
  ticketNumberQuery,
  ticketSearchWords,
  TICKET_SORTS,
  TICKET_STATUSES,
  checkUpload,
  contentTypeOf,
  fieldIssue,
  isEmailAddress,
  labelStatus,
  matchAcceptLanguage,
  matchesStatusFilter,
  normalizeEmail,
  passwordProblem,
  problemStatus,
  problemType,
  validateTicketRequest,
  EVENT_CURSOR_HEADER,
  type Attachment,
  type ChatMessage,
  type FieldCode,
  type FieldIssue,
  type IssueParams,
  type Message,
  type MessageBody,
  type MessageSort,
  type NewTicketRequest,
  type Page,
  type ProblemCode,
  type ProfileUpdate,
  type RatingRequest,
  type ReplyRequest,
  type ServerEvent,
  type Session,
  type SignInRequest,
  type StatusFilter,
  type Ticket,
  type TicketSort,
  type TicketStatus,
  type TicketRating,
  type TicketSummary,
  type User,
} from '../../src/protocol/index.js';
import {
  ATTACHMENTS,
  MOCK_ORIGIN,
  MOCK_PATH,
  USERS,
  type MessageSeed,
  type MockUser,
  type MockUserKey,
  type TicketSeed,
} from './fixtures.js';
import { consentTextFor, publicPortal } from '../../server/store/settings.js';
import {
  audience,
  createMockUser,
  endSessionsOf,
  findUserByEmail,
  isUnread,
  logAccess,
  markRead,
  mockState,
  newSession,
  organizationFor,
  portalLink,
  randomId,
  randomToken,
  sendMail,
  streams,
  userOf,
  type MockSession,
  type MockTicket,
  type MockUpload,
} from './state.js';

export {
  dropMockStreams,
  mailedToken,
  mailsTo,
  mockState,
  resetMockState,
  type LoggedRequest,
  type MockState,
  type MockTicket,
  type ReferenceConfig,
  type ResetOptions,
} from './state.js';

export const BASE = `${MOCK_ORIGIN}${MOCK_PATH}`;
export const SESSION_COOKIE = 'portico_session';
const REFRESH_COOKIE = 'portico_refresh';

// ---------------------------------------------------------------- helpers for tests

/** Signs a demo user in (cookie mode), as if they had used the sign-in form. */
export function mockSignIn(key: MockUserKey | null): void {
  mockState.cookieSession = key ? newSession(USERS[key].id) : null;
}

/** Every session gone: the next request answers 401. */
export function mockSignOut(): void {
  mockState.cookieSession = null;
  mockState.cookieSessions.clear();
  mockState.tokens.clear();
  mockState.refreshToken = null;
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

/** A ticket's new state to everyone who may see it, each with their own unread flag. */
function publishTicket(ticket: MockTicket): void {
  for (const id of audience(ticket)) {
    const viewer = mockState.users.find((u) => u.id === id)!;
    emitMockEvent({ type: 'ticket.updated', ticket: ticketView(ticket, viewer) }, [id]);
  }
}

/** An agent answers a ticket (or writes an internal note, which nobody outside hears of). */
export function agentReply(
  ticket: MockTicket,
  input: { authorName: string; body: MessageBody; internal?: boolean },
): MessageSeed {
  const message: MessageSeed = {
    id: `m-${randomId()}`,
    ticketId: ticket.id,
    author: { name: input.authorName, role: 'agent' },
    createdAt: new Date().toISOString(),
    body: structuredClone(input.body),
    attachments: [],
    ...(input.internal ? { internal: true } : {}),
  };
  mockState.messages.push(message);
  if (input.internal) return message;
  ticket.updatedAt = message.createdAt;
  if (ticket.status === 'new') ticket.status = 'open';
  emitMockEvent({ type: 'message.created', ticketId: ticket.id, message: publicMessage(message) }, audience(ticket));
  publishTicket(ticket);
  return message;
}

/** The helpdesk merges one ticket into another: the merged-away id answers with the surviving ticket. */
export function mockMerge(fromId: string, intoId: string): void {
  mockState.mergedInto.set(fromId, intoId);
}

/** The ticket an id stands for: itself, or the one it was merged into. */
function ticketById(id: string): MockTicket | undefined {
  const survivor = mockState.mergedInto.get(id) ?? id;
  return mockState.tickets.find((t) => t.id === survivor);
}

/** An agent answers a ticket: stored, and announced over SSE. */
export function mockAgentReply(ticketId: string, body: MessageBody | string, agentName = 'Alex Jansen'): Message {
  const ticket = mockState.tickets.find((t) => t.id === ticketId);
  if (!ticket) throw new Error(`no ticket ${ticketId}`);
  return agentReply(ticket, {
    authorName: agentName,
    body: typeof body === 'string' ? { format: 'html', content: body } : body,
  });
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

/** An agent ends a chat conversation (the gateway's admin chatEnd): no more messages in it, and its customer hears so. */
export function mockEndChat(conversationId: string): void {
  const conversation = mockState.conversations.find((c) => c.id === conversationId);
  if (!conversation) throw new Error(`no conversation ${conversationId}`);
  conversation.status = 'ended';
  conversation.updatedAt = new Date().toISOString();
  emitMockEvent({ type: 'chat.ended', conversationId }, [conversation.userId]);
}

/** The user record behind a demo key (after test changes). */
export function mockUser(key: MockUserKey): MockUser {
  return mockState.users.find((u) => u.id === USERS[key].id)!;
}

/** Adds fixture-style tickets (e.g. `makeBulkTickets(10000)`) to the store. */
export function addMockTickets(seeds: TicketSeed[]): void {
  for (const { requester, unread, ...t } of seeds) {
    const ticket = { ...t, requesterId: USERS[requester].id };
    mockState.tickets.push(ticket);
    if (!unread) markRead(ticket.requesterId, ticket);
  }
}

// ---------------------------------------------------------------- problems

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many requests',
  503: 'Unavailable',
};

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A problem as the gateway answers it: the code's type and status (or `status`), English detail, field issues. */
export function problemAnswer(code: ProblemCode, detail?: string, errors?: FieldIssue[], status?: number): Answer {
  const s = status ?? problemStatus(code);
  return {
    status: s,
    body: {
      type: problemType(code),
      title: TITLES[s] ?? 'Error',
      status: s,
      code,
      ...(detail ? { detail } : {}),
      ...(errors ? { errors } : {}),
    },
  };
}

export function respond(a: Answer): Response {
  if (a.status === 204) return new HttpResponse(null, { status: 204, headers: a.headers });
  const isProblem = a.status >= 400;
  return new HttpResponse(JSON.stringify(a.body), {
    status: a.status,
    headers: { 'Content-Type': isProblem ? PROBLEM_CONTENT_TYPE : 'application/json', ...a.headers },
  });
}

export const problem = (code: ProblemCode, detail?: string, errors?: FieldIssue[], status?: number) =>
  respond(problemAnswer(code, detail, errors, status));

/** One field of the request's shape is wrong (400). */
const badField = (field: string, code: FieldCode, params?: IssueParams) =>
  problem(
    'bad-request',
    `${field} ${fieldIssue(field, code, params).message}.`,
    [fieldIssue(field, code, params)],
    400,
  );
/** Field rules of the resource are broken (422). */
const invalid = (errors: FieldIssue[], code: ProblemCode = 'validation') =>
  problemAnswer(code, 'Some fields are not valid.', errors, 422);
const notFound = (detail = 'Not found.') => problem('not-found', detail);
const linkInvalid = () => respond(invalid([fieldIssue('token', 'invalid')], 'link-invalid'));

// ---------------------------------------------------------------- sessions

function sessionView(s: MockSession, mode: 'cookie' | 'bearer', token?: string): Session {
  const user = mockState.users.find((u) => u.id === s.userId)!;
  return {
    user: publicUser(user),
    expiresAt: s.expiresAt,
    ...(mode === 'bearer' ? { token } : { csrfToken: s.csrfToken }),
  };
}

export function publicUser(u: MockUser): User {
  const { password: _password, portalAccess: _access, ...rest } = u;
  return structuredClone(rest);
}

type Auth =
  | { kind: 'none' }
  | { kind: 'bad-token' }
  | { kind: 'cookie'; session: MockSession; user: MockUser; cookie: string | null }
  | { kind: 'bearer'; session: MockSession; user: MockUser; token: string };

function cookieOf(request: Request, name = SESSION_COOKIE): string | null {
  const m = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(request.headers.get('cookie') ?? '');
  return m?.[1] || null;
}

/** Who is asking. `access_token` in the URL counts only where a plain link must work (downloads, events). */
function authOf(request: Request, allowQueryToken = false): Auth {
  const header = request.headers.get('authorization');
  const queryToken = allowQueryToken ? new URL(request.url).searchParams.get('access_token') : null;
  const bearer = header ? /^Bearer\s+(.+)$/i.exec(header)?.[1] : queryToken;
  if (header || queryToken) {
    const session = bearer ? mockState.tokens.get(bearer) : undefined;
    const user = session && mockState.users.find((u) => u.id === session.userId);
    return session && user ? { kind: 'bearer', session, user, token: bearer! } : { kind: 'bad-token' };
  }
  const cookie = mockState.config.cookies === 'header' ? cookieOf(request) : null;
  const s =
    mockState.config.cookies === 'header' ? cookie && mockState.cookieSessions.get(cookie) : mockState.cookieSession;
  const user = s && mockState.users.find((u) => u.id === s.userId);
  return s && user ? { kind: 'cookie', session: s, user, cookie } : { kind: 'none' };
}

const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The asker's organisation, if signed in (forms offered per organisation). */
function organizationOf(request: Request): string | null {
  const auth = authOf(request);
  return auth.kind === 'cookie' || auth.kind === 'bearer' ? (auth.user.organization?.id ?? null) : null;
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Who is asking, checked like the gateway does: a bad token is 401, and a
 * cookie-mode write without the session's CSRF token is 403.
 */
function requireUser(request: Request, allowQueryToken = false): MockUser | Response {
  const auth = authOf(request, allowQueryToken);
  if (auth.kind === 'bad-token') return problem('session-expired', 'The session token is unknown or expired.');
  if (auth.kind === 'none') return problem('unauthorized', 'Sign in first.');
  if (auth.kind === 'cookie' && UNSAFE.has(request.method)) {
    if (request.headers.get('x-csrf-token') !== auth.session.csrfToken) {
      return problem('csrf', 'Send the X-CSRF-Token from your session.');
    }
  }
  return auth.user;
}

function signedIn(user: MockUser, mode: 'cookie' | 'bearer', method: 'password' | 'magic-link' | 'sso'): Response {
  const session = newSession(user.id);
  logAccess('sign-in', method, user.email);
  if (mode === 'bearer') {
    const token = `tok-${randomToken()}`;
    mockState.tokens.set(token, session);
    mockState.refreshToken = token;
    if (mockState.config.cookies === 'browser') return HttpResponse.json(sessionView(session, 'bearer', token));
    // The refresh cookie carries the token itself here; it is sent to POST /session/refresh alone.
    return new Response(JSON.stringify(sessionView(session, 'bearer', token)), {
      headers: {
        'Content-Type': 'application/json',
        'Set-Cookie': `${REFRESH_COOKIE}=${token}; Path=${MOCK_PATH}/session/refresh; HttpOnly; SameSite=Lax`,
      },
    });
  }
  if (mockState.config.cookies === 'browser') {
    mockState.cookieSession = session;
    return HttpResponse.json(sessionView(session, 'cookie'));
  }
  const cookie = randomToken();
  mockState.cookieSessions.set(cookie, session);
  // A plain Response, not HttpResponse: msw would keep the cookie in its own jar and send it with every later
  // request, as one browser would; the server suites' clients each carry their own.
  return new Response(JSON.stringify(sessionView(session, 'cookie')), {
    headers: {
      'Content-Type': 'application/json',
      'Set-Cookie': `${SESSION_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Lax`,
    },
  });
}

// ---------------------------------------------------------------- idempotency

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Same key from the same user: the first answer again, nothing created twice; another request with it is 422. */
async function idempotent(request: Request, who: string, run: () => Promise<Answer> | Answer): Promise<Response> {
  const key = request.headers.get('idempotency-key');
  if (key === null) return respond(await run());
  if (!IDEMPOTENCY_KEY.test(key)) {
    return problem('bad-request', 'Idempotency-Key must be 1–255 visible ASCII characters.', [
      fieldIssue('Idempotency-Key', 'invalid'),
    ]);
  }
  const url = new URL(request.url);
  const fingerprint = `${request.method} ${url.pathname}${url.search}\n${await request.clone().text()}`;
  const slot = `${who}:${key}`;
  const seen = mockState.idempotency.get(slot);
  if (seen && seen.fingerprint !== fingerprint) {
    return respond(problemAnswer('key-reused', 'This Idempotency-Key was used for a different request.'));
  }
  if (seen) return respond({ ...seen, headers: { 'Idempotent-Replayed': 'true' } });
  const answer = await run();
  if (answer.status < 500) mockState.idempotency.set(slot, { status: answer.status, body: answer.body, fingerprint });
  return respond(answer);
}

// ---------------------------------------------------------------- tickets

function isOwn(ticket: MockTicket, user: MockUser): boolean {
  return ticket.requesterId === user.id;
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
    canRate: own && isRatable(ticket.status),
  };
}

export function ticketView(t: MockTicket, viewer: MockUser, withPermissions = false): Ticket {
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
    unread: isUnread(viewer.id, t),
    ...(withPermissions
      ? {
          permissions: permissionsFor(t, viewer),
          formId: t.formId ?? null,
          rating: structuredClone(mockState.ratings.get(t.id) ?? null),
        }
      : {}),
  };
}

export function publicMessage(m: MessageSeed): Message {
  const { internal: _internal, ...rest } = m;
  const copy = structuredClone(rest);
  if (copy.author.role === 'agent' && !mockState.portal.showAgentNames) copy.author.name = 'Support';
  return copy;
}

/** `?limit=&cursor=` checked as the gateway does (400 for a bad one). */
function pageParams(url: URL): { offset: number; limit: number } | Response {
  for (const name of ['limit', 'cursor']) {
    if (url.searchParams.getAll(name).length > 1) return badField(name, 'duplicate');
  }
  const raw = url.searchParams.get('limit');
  let limit = 25;
  if (raw !== null && raw !== '') {
    limit = Number(raw);
    if (!/^\d{1,3}$/.test(raw) || limit < 1 || limit > 100) return badField('limit', 'max', { max: 100 });
  }
  const cursor = url.searchParams.get('cursor');
  let offset = 0;
  if (cursor) {
    let decoded: string;
    try {
      decoded = atob(cursor);
    } catch {
      decoded = '';
    }
    if (!/^\d{1,9}$/.test(decoded)) return badField('cursor', 'invalid');
    offset = Number(decoded);
  }
  return { offset, limit };
}

function paginate<T>(items: T[], url: URL): Page<T> | Response {
  const p = pageParams(url);
  if (p instanceof Response) return p;
  const next = p.offset + p.limit < items.length ? btoa(String(p.offset + p.limit)) : null;
  return { items: items.slice(p.offset, p.offset + p.limit), nextCursor: next };
}

function sortTickets(list: MockTicket[], sort: TicketSort): MockTicket[] {
  if (sort === 'status') {
    // By lifecycle, newest update first within each status (the gateway's order).
    const rank = (t: MockTicket) => TICKET_STATUSES.indexOf(t.status);
    return [...list].sort(
      (a, b) => rank(a) - rank(b) || b.updatedAt.localeCompare(a.updatedAt) || b.number.localeCompare(a.number),
    );
  }
  const field = sort.replace('-', '') === 'created' ? 'createdAt' : 'updatedAt';
  const dir = sort.startsWith('-') ? -1 : 1;
  return [...list].sort((a, b) => dir * a[field].localeCompare(b[field]) || dir * a.number.localeCompare(b.number));
}

/** A query parameter from a fixed set, or the 400 the gateway answers. */
function oneOf<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T): T | Response {
  const all = url.searchParams.getAll(name);
  if (all.length > 1) return badField(name, 'duplicate');
  const v = all[0];
  if (v === undefined || v === '') return fallback;
  return allowed.includes(v as T) ? (v as T) : badField(name, 'one-of');
}

/** The tickets a user may list for a scope, or the 403 a plain user gets for the organisation's. */
function ticketsInScope(user: MockUser, url: URL): MockTicket[] | Response {
  const scope = oneOf(url, 'scope', ['mine', 'organization'] as const, 'mine');
  if (scope instanceof Response) return scope;
  if (scope === 'organization') {
    if (user.role !== 'company' || !user.organization || !mockState.portal.organizationVisibility) {
      return problem('scope-forbidden', 'Only company users see their organisation’s tickets.');
    }
    return listed().filter((t) => userOf(t).organization?.id === user.organization!.id);
  }
  return listed().filter((t) => isOwn(t, user));
}

/** A merged-away ticket is no longer listed: the one it went into is. */
const listed = () => mockState.tickets.filter((t) => !mockState.mergedInto.has(t.id));

function sseChunk(id: string, event: ServerEvent): string {
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The uploads a request names, as the gateway stages them: this person's, not attached yet, at most maxFiles. */
function stagedUploads(ids: string[], user: MockUser, field = 'attachments'): MockUpload[] | FieldIssue {
  const max = mockState.portal.uploads.maxFiles;
  if (ids.length > max) return fieldIssue(field, 'too-many-files', { max });
  if (new Set(ids).size !== ids.length) return fieldIssue(field, 'duplicate');
  const staged = ids.map((id) => mockState.uploads.get(id));
  const missing = ids.find((id, i) => {
    const u = staged[i];
    return !u || u.ownerId !== user.id || u.ticketId !== null;
  });
  if (missing) return fieldIssue(field, 'not-found', { id: missing });
  return staged as MockUpload[];
}

function attach(uploads: MockUpload[], ticketId: string): Attachment[] {
  return uploads.map((u) => {
    u.ticketId = ticketId;
    const { blob: _blob, ownerId: _owner, ticketId: _ticket, ...a } = u;
    return a;
  });
}

async function readJson<T>(request: Request): Promise<Partial<T>> {
  try {
    return ((await request.json()) ?? {}) as Partial<T>;
  } catch {
    return {};
  }
}

export function createTicket(req: Partial<NewTicketRequest>, requester: MockUser): Answer {
  const found = mockState.forms.find((f) => f.id === req.formId);
  // A form offered only to other organisations does not exist for this requester.
  const form = found && formAvailableTo(found, requester.organization?.id ?? null) ? found : undefined;
  if (!form) return invalid([fieldIssue('formId', 'not-found')]);
  const verdict = validateTicketRequest(form, req as NewTicketRequest);
  if (verdict.issues.length) return invalid(verdict.issues);
  const staged = stagedUploads([...(req.attachments ?? []), ...verdict.fileIds], requester);
  if (!Array.isArray(staged)) return invalid([staged]);
  const now = new Date().toISOString();
  const org = requester.organization
    ? mockState.organizations.find((o) => o.id === requester.organization!.id)
    : undefined;
  const ticket: MockTicket = {
    id: `t-${mockState.nextTicketNumber}`,
    number: String(mockState.nextTicketNumber++),
    subject: (req.subject ?? '').trim(),
    status: 'new',
    createdAt: now,
    updatedAt: now,
    requesterId: requester.id,
    service: form.service ?? null,
    assignee: org?.routingAssignee ? { name: org.routingAssignee } : null,
    fields: verdict.fields,
    formId: form.id,
  };
  mockState.tickets.push(ticket);
  mockState.messages.push({
    id: `m-${randomId()}`,
    ticketId: ticket.id,
    author: { name: requester.name, role: 'customer' },
    createdAt: now,
    body: req.body ?? { format: 'text', content: '' },
    attachments: attach(staged, ticket.id),
  });
  markRead(requester.id, ticket);
  publishTicket(ticket);
  return { status: 201, body: ticketView(ticket, requester, true) };
}

// ---------------------------------------------------------------- handlers

const url = (path: string) => `${BASE}${path}`;

/** Runs before every handler: logging, offline mode, latency, and the gateway's origin check on writes. */
const gate = http.all(`${BASE}/*`, async ({ request }) => {
  const u = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k] = v));
  mockState.requests.push({
    method: request.method,
    path: u.pathname.slice(MOCK_PATH.length),
    url: request.url,
    headers,
    credentials: request.credentials,
  });
  if (mockState.offline) return HttpResponse.error();
  if (mockState.delayMs > 0) await delay(mockState.delayMs);
  const origin = request.headers.get('origin');
  const allowed = mockState.config.allowedOrigins;
  if (request.method === 'OPTIONS') {
    if (!origin || !allowed?.includes(origin)) return new HttpResponse(null, { status: 204 });
    return new HttpResponse(null, {
      status: 204,
      headers: {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE',
        'Access-Control-Allow-Headers': request.headers.get('access-control-request-headers') ?? '',
        Vary: 'Origin',
      },
    });
  }
  if (UNSAFE.has(request.method) && origin && allowed && origin !== u.origin && !allowed.includes(origin)) {
    return problem('origin-not-allowed', `Origin ${origin} is not allowed.`);
  }
  return undefined;
});

/** Customers who turned notification mail off (the gateway's `customers.mail_notifications`). */
const mailOptOuts = new WeakSet<object>();

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
  http.get(url('/portal'), ({ request }) =>
    HttpResponse.json(publicPortal(mockState.portal, matchAcceptLanguage(request.headers.get('accept-language')))),
  ),

  http.get(url('/session'), ({ request }) => {
    const auth = authOf(request);
    if (auth.kind === 'cookie') return HttpResponse.json(sessionView(auth.session, 'cookie'));
    if (auth.kind === 'bearer') return HttpResponse.json(sessionView(auth.session, 'bearer', auth.token));
    if (auth.kind === 'bad-token') return problem('session-expired', 'The session token is unknown or expired.');
    return problem('unauthorized', 'Sign in first.');
  }),

  http.post(url('/session'), async ({ request }) => {
    const req = await readJson<SignInRequest>(request);
    const email = normalizeEmail(req.email ?? '');
    const user = findUserByEmail(email);
    const canSignIn = !!user && user.portalAccess !== false;
    const methods = mockState.portal.loginMethods;
    if (req.magicLink) {
      if (!methods.includes('magic-link')) return problem('method-disabled', 'Sign-in links are turned off.');
      if (canSignIn) {
        const token = randomToken();
        mockState.links.set(token, { kind: 'magic', userId: user.id });
        sendMail(
          user.email,
          `Sign in to ${mockState.portal.name}`,
          `Hello ${user.name},\n\nSign in with this link (once):\n\n${portalLink('portico_magic', token, user.email)}\n`,
        );
      }
      return HttpResponse.json({ sent: true }, { status: 202 });
    }
    if (req.magicToken !== undefined) {
      const link = mockState.links.get(req.magicToken);
      const ok =
        canSignIn && link?.kind === 'magic' && link.userId === user.id && !mockState.usedTokens.has(req.magicToken);
      if (!ok) {
        logAccess('sign-in-failed', 'magic-link', email || null);
        return problem('link-invalid', 'This sign-in link is not valid any more.', undefined, 401);
      }
      mockState.usedTokens.add(req.magicToken);
      mockState.links.delete(req.magicToken);
      return signedIn(user, req.mode === 'bearer' ? 'bearer' : 'cookie', 'magic-link');
    }
    if (!methods.includes('password')) return problem('method-disabled', 'Password sign-in is turned off.');
    if (!canSignIn || !user.password || req.password !== user.password) {
      logAccess('sign-in-failed', 'password', email || null);
      return problem('invalid-credentials', 'E-mail address or password is wrong.');
    }
    return signedIn(user, req.mode === 'bearer' ? 'bearer' : 'cookie', 'password');
  }),

  http.delete(url('/session'), ({ request }) => {
    const auth = authOf(request);
    const who = requireUser(request);
    if (who instanceof Response) return who;
    if (auth.kind === 'bearer') {
      mockState.tokens.delete(auth.token);
      if (mockState.refreshToken === auth.token) mockState.refreshToken = null;
    } else if (auth.kind === 'cookie' && auth.cookie) mockState.cookieSessions.delete(auth.cookie);
    else mockState.cookieSession = null;
    for (const s of [...streams]) if (s.userId === who.id) s.close();
    logAccess('sign-out', 'session', who.email);
    return new Response(null, {
      status: 204,
      headers:
        auth.kind === 'cookie' && auth.cookie
          ? { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; Max-Age=0` }
          : {},
    });
  }),

  // Bearer mode after a reload: the refresh cookie's token, while its session lives.
  http.post(url('/session/refresh'), ({ request }) => {
    const token = mockState.config.cookies === 'header' ? cookieOf(request, REFRESH_COOKIE) : mockState.refreshToken;
    const session = token ? mockState.tokens.get(token) : undefined;
    if (!token || !session) {
      mockState.refreshToken = null;
      return problem('unauthorized', 'Sign in first.');
    }
    return HttpResponse.json(sessionView(session, 'bearer', token));
  }),

  http.post(url('/session/sso'), async ({ request }) => {
    const req = await readJson<{ jwt: string; mode: 'cookie' | 'bearer' }>(request);
    let identity: { email: string; name: string | null; phone: string | null } | null = null;
    let reason = 'token rejected';
    const verify = mockState.config.verifySso;
    try {
      if (verify) identity = await verify(req.jwt ?? '');
      else {
        // Without a verifier (the browser's double) the payload's e-mail is believed.
        const payload = JSON.parse(atob((req.jwt ?? '').split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
          email?: string;
          name?: string;
          exp?: number;
        };
        if (payload.exp && payload.exp * 1000 < Date.now()) throw new Error('token expired');
        identity = { email: normalizeEmail(payload.email ?? ''), name: payload.name ?? null, phone: null };
      }
    } catch (err) {
      reason = err instanceof Error ? err.message : reason;
    }
    if (!identity || !isEmailAddress(identity.email)) {
      logAccess('sign-in-failed', 'sso', identity?.email ?? null, reason);
      return problem('sso-failed', `Single sign-on failed: ${reason}.`);
    }
    const user =
      findUserByEmail(identity.email) ??
      createMockUser({ email: identity.email, name: identity.name, phone: identity.phone, portalAccess: true });
    user.portalAccess = true;
    return signedIn(user, req.mode === 'bearer' ? 'bearer' : 'cookie', 'sso');
  }),

  http.post(url('/register'), async ({ request }) => {
    if (!mockState.portal.registration.enabled) {
      return problem('registration-closed', 'Registration is turned off for this portal.');
    }
    const req = await readJson<{ email: string; name: string; password: string; consent: boolean }>(request);
    const errors: FieldIssue[] = [];
    const email = normalizeEmail(req.email ?? '');
    if (!isEmailAddress(email)) errors.push(fieldIssue('email', 'email'));
    if (!req.name?.trim()) errors.push(fieldIssue('name', 'required'));
    const weak = passwordProblem(req.password ?? '');
    if (weak) errors.push(fieldIssue('password', weak.code, weak.params));
    if (consentTextFor(mockState.portal, matchAcceptLanguage(request.headers.get('accept-language'))) && !req.consent)
      errors.push(fieldIssue('consent', 'consent-required'));
    if (errors.length) return respond(invalid(errors));
    // As the gateway: the same answer for every address; the account comes with the mailed link.
    const portalName = mockState.portal.name;
    const known = findUserByEmail(email);
    if (known) {
      const token = randomToken();
      mockState.links.set(token, { kind: 'reset', userId: known.id });
      sendMail(
        email,
        `You already have an account at ${portalName}`,
        `Hello,\n\nSomeone tried to register this address. Forgot your password? Choose a new one with this link (once):\n\n${portalLink('portico_reset', token, email)}\n`,
      );
    } else {
      const token = randomToken();
      mockState.registrations.set(token, { email, name: req.name!.trim(), password: req.password! });
      sendMail(
        email,
        `Confirm your e-mail address for ${portalName}`,
        `Hello ${req.name!.trim()},\n\nConfirm your address with this link (once):\n\n${portalLink('portico_verify', token)}\n`,
      );
    }
    return HttpResponse.json({ sent: true }, { status: 202 });
  }),

  http.post(url('/register/verify'), async ({ request }) => {
    const req = await readJson<{ token: string; mode?: 'cookie' | 'bearer' }>(request);
    const pending = mockState.registrations.get(req.token ?? '');
    if (!pending) return linkInvalid();
    mockState.registrations.delete(req.token ?? '');
    const user =
      findUserByEmail(pending.email) ??
      createMockUser({ email: pending.email, name: pending.name, password: pending.password, role: 'user' });
    return signedIn(user, req.mode === 'bearer' ? 'bearer' : 'cookie', 'password');
  }),

  http.post(url('/password-reset'), async ({ request }) => {
    const req = await readJson<{ email: string }>(request);
    const user = findUserByEmail(req.email ?? '');
    if (user && user.portalAccess !== false) {
      const token = randomToken();
      mockState.links.set(token, { kind: 'reset', userId: user.id });
      sendMail(
        user.email,
        `Choose a new password for ${mockState.portal.name}`,
        `Hello ${user.name},\n\nChoose a new password with this link (once):\n\n${portalLink('portico_reset', token, user.email)}\n`,
      );
    }
    return HttpResponse.json({ sent: true }, { status: 202 });
  }),

  http.post(url('/password-reset/confirm'), async ({ request }) => {
    const req = await readJson<{ token: string; password: string }>(request);
    const weak = passwordProblem(req.password ?? '');
    if (weak) return respond(invalid([fieldIssue('password', weak.code, weak.params)]));
    const token = req.token ?? '';
    const link = mockState.links.get(token);
    const user = link?.kind === 'reset' ? mockState.users.find((u) => u.id === link.userId) : undefined;
    if (!user || mockState.usedTokens.has(token)) return linkInvalid();
    mockState.usedTokens.add(token);
    mockState.links.delete(token);
    user.password = req.password!;
    user.portalAccess = true;
    // A reset signs out everywhere.
    endSessionsOf(user.id);
    return new HttpResponse(null, { status: 204 });
  }),

  // ---------------------------------------------------------------- profile
  http.get(url('/me'), ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const org = user.organization ? mockState.organizations.find((o) => o.id === user.organization!.id) : undefined;
    const details = org ? (({ routingAssignee: _r, ...o }) => structuredClone(o))(org) : null;
    return HttpResponse.json({
      ...publicUser(user),
      organizationDetails: details,
      mailNotifications: !mailOptOuts.has(user),
    });
  }),

  http.patch(url('/me'), async ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    return idempotent(request, user.id, async () => {
      const { mailNotifications, ...req } = await readJson<ProfileUpdate>(request);
      // As the gateway: which mail a person gets is theirs to say, even where the profile is locked.
      if (mailNotifications === false) mailOptOuts.add(user);
      if (mailNotifications === true) mailOptOuts.delete(user);
      if (!Object.keys(req).length) return { status: 200, body: publicUser(user) };
      if (!mockState.portal.profile.editable) {
        return problemAnswer('profile-locked', 'This portal does not let you change your profile.');
      }
      if (req.name !== undefined && !req.name.trim()) return invalid([fieldIssue('name', 'required')]);
      if (req.name !== undefined) user.name = req.name.trim();
      if (req.phone !== undefined) user.phone = req.phone;
      if (req.locale !== undefined) user.locale = req.locale;
      return { status: 200, body: publicUser(user) };
    });
  }),

  http.post(url('/me/password'), async ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    if (!mockState.portal.profile.canChangePassword) {
      return problem('password-locked', 'This portal does not let you change your password.');
    }
    const req = await readJson<{ current: string; next: string }>(request);
    if (req.current !== user.password) return respond(invalid([fieldIssue('current', 'password-wrong')]));
    const weak = passwordProblem(req.next ?? '');
    if (weak) return respond(invalid([fieldIssue('next', weak.code, weak.params)]));
    user.password = req.next!;
    return new HttpResponse(null, { status: 204 });
  }),

  // ---------------------------------------------------------------- tickets
  http.get(url('/tickets/summary'), ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const list = ticketsInScope(user, new URL(request.url));
    if (list instanceof Response) return list;
    const summary: TicketSummary = { new: 0, open: 0, pending: 0, solved: 0, closed: 0, total: list.length };
    for (const t of list) summary[t.status]++;
    return snapshotJson(summary);
  }),

  http.get(url('/tickets'), ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const u = new URL(request.url);
    const list = ticketsInScope(user, u);
    if (list instanceof Response) return list;
    const status = oneOf<StatusFilter>(u, 'status', STATUS_FILTERS, 'all');
    if (status instanceof Response) return status;
    const sort = oneOf<TicketSort>(u, 'sort', TICKET_SORTS, '-updated');
    if (sort instanceof Response) return sort;
    const q = (u.searchParams.get('q') ?? '').trim().toLowerCase();
    if (q.length > 200) return badField('q', 'max-length', { max: 200 });
    const words = ticketSearchWords(q);
    const number = ticketNumberQuery(q)?.number;
    // Every word in the subject, the requester's name or address, or a message the customer sees; or the number.
    const found = (t: MockTicket) => {
      if (number && t.number === number) return true;
      if (!words.length) return false;
      const requester = userOf(t);
      const texts = [t.subject, requester.name, requester.email]
        .concat(mockState.messages.filter((m) => m.ticketId === t.id && !m.internal).map((m) => m.body.content))
        .map((x) => x.toLowerCase());
      return words.every((w) => texts.some((x) => x.includes(w)));
    };
    const filtered = list.filter((t) => matchesStatusFilter(t.status, status) && (!q || found(t)));
    const page = paginate(sortTickets(filtered, sort), u);
    if (page instanceof Response) return page;
    return snapshotJson({ items: page.items.map((t) => ticketView(t, user)), nextCursor: page.nextCursor });
  }),

  http.get(url('/tickets/:id'), ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const ticket = ticketById(params.id as string);
    if (!ticket || !canSee(ticket, user)) return notFound('No such ticket.');
    return snapshotJson(ticketView(ticket, user, true));
  }),

  http.get(url('/tickets/:id/messages'), ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const ticket = ticketById(params.id as string);
    if (!ticket || !canSee(ticket, user)) return notFound('No such ticket.');
    const requestUrl = new URL(request.url);
    const sort = oneOf<MessageSort>(requestUrl, 'sort', MESSAGE_SORTS, 'created');
    if (sort instanceof Response) return sort;
    const list = mockState.messages
      .filter((m) => m.ticketId === ticket.id && !m.internal)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    // -created: the newest page first, each cursor leading to older messages.
    if (sort === '-created') list.reverse();
    const page = paginate(list, requestUrl);
    if (page instanceof Response) return page;
    markRead(user.id, ticket);
    return snapshotJson({ items: page.items.map(publicMessage), nextCursor: page.nextCursor });
  }),

  http.post(url('/tickets/:id/messages'), async ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const ticket = mockState.tickets.find((t) => t.id === params.id);
    if (!ticket || !canSee(ticket, user)) return notFound('No such ticket.');
    return idempotent(request, user.id, async () => {
      if (!permissionsFor(ticket, user).canReply) {
        return problemAnswer('reply-forbidden', 'You may read this ticket but not answer it.');
      }
      const req = await readJson<ReplyRequest>(request);
      const content = req.body?.content?.trim() ?? '';
      const ids = req.attachments ?? [];
      if (!content && ids.length === 0) return invalid([fieldIssue('body', 'required')]);
      const staged = stagedUploads(ids, user);
      if (!Array.isArray(staged)) return invalid([staged]);
      const message: MessageSeed = {
        id: `m-${randomId()}`,
        ticketId: ticket.id,
        author: { name: user.name, role: 'customer' },
        createdAt: new Date().toISOString(),
        body: { format: req.body?.format ?? 'text', content: req.body?.content ?? '' },
        attachments: attach(staged, ticket.id),
      };
      mockState.messages.push(message);
      ticket.updatedAt = message.createdAt;
      // A customer's answer puts a waiting or solved ticket back with the agents.
      if (ticket.status === 'pending' || ticket.status === 'solved') ticket.status = 'open';
      markRead(user.id, ticket);
      emitMockEvent(
        { type: 'message.created', ticketId: ticket.id, message: publicMessage(message) },
        audience(ticket),
      );
      publishTicket(ticket);
      return { status: 201, body: publicMessage(message) };
    });
  }),

  http.post(url('/tickets/:id/rating'), async ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const ticket = mockState.tickets.find((t) => t.id === params.id);
    if (!ticket || !canSee(ticket, user)) return notFound('No such ticket.');
    if (!permissionsFor(ticket, user).canRate)
      return problem('rate-forbidden', 'Only the requester rates a solved ticket.');
    const req = await readJson<RatingRequest>(request);
    const issues = checkRating(req);
    if (issues.length) return respond(invalid(issues));
    const rating: TicketRating = {
      score: req.score!,
      comment: req.comment?.trim() || null,
      ratedAt: new Date().toISOString(),
    };
    mockState.ratings.set(ticket.id, rating);
    return HttpResponse.json(rating);
  }),

  http.post(url('/tickets/:id/close'), ({ request, params }) => statusChange(request, String(params.id), 'close')),
  http.post(url('/tickets/:id/reopen'), ({ request, params }) => statusChange(request, String(params.id), 'reopen')),

  http.post(url('/tickets'), async ({ request }) => {
    const auth = authOf(request);
    let user: MockUser | null = null;
    if (auth.kind !== 'none') {
      const who = requireUser(request);
      if (who instanceof Response) return who;
      user = who;
    } else if (!mockState.portal.anonymousTickets) {
      return problem('anonymous-disabled', 'Sign in first.');
    }
    return idempotent(request, user?.id ?? 'anonymous', async () => {
      const req = await readJson<NewTicketRequest>(request);
      let requester = user;
      if (!requester) {
        const email = normalizeEmail(req.requester?.email ?? '');
        if (!email) return invalid([fieldIssue('requester.email', 'required')]);
        if (!isEmailAddress(email)) return invalid([fieldIssue('requester.email', 'email')]);
        // Nobody proved the address: a new contact joins no organisation by its domain.
        requester =
          findUserByEmail(email) ??
          createMockUser({
            email,
            name: req.requester?.name,
            phone: req.requester?.phone ?? null,
            organization: null,
            portalAccess: false,
          });
      }
      return createTicket(req, requester);
    });
  }),

  // ---------------------------------------------------------------- forms + knowledge
  http.get(url('/forms'), ({ request }) =>
    HttpResponse.json({
      items: mockState.forms
        .filter((f) => f.listed !== false && formAvailableTo(f, organizationOf(request)))
        .map(({ id, name, description }) => ({
          id,
          name,
          ...(description ? { description } : {}),
        })),
    }),
  ),

  http.get(url('/forms/:id'), ({ params, request }) => {
    const form = mockState.forms.find((f) => f.id === params.id);
    if (!form || !formAvailableTo(form, organizationOf(request))) return notFound('No such form.');
    const { organizations: _private, ...shown } = structuredClone(form);
    return HttpResponse.json(shown);
  }),

  // Like the gateway's store: any stem matches, title hits rank higher, the asker's language first.
  http.get(url('/articles'), ({ request }) => {
    const params = new URL(request.url).searchParams;
    const auth = authOf(request);
    const locale = (
      params.get('locale') ??
      (auth.kind === 'cookie' || auth.kind === 'bearer' ? auth.user.locale : null) ??
      'en'
    )
      .toLowerCase()
      .split('-')[0]!;
    const q = (params.get('q') ?? '').trim();
    const limit = Number(params.get('limit') ?? 5);
    const terms = searchTerms(q, locale);
    if (q && !terms.length) return HttpResponse.json({ items: [] });
    const ranked = mockState.articles
      .map((a, position) => ({ a, position, score: articleScore(terms, a) }))
      .filter((r) => !terms.length || r.score > 0)
      .sort(
        (x, y) =>
          y.score - x.score || Number(y.a.locale === locale) - Number(x.a.locale === locale) || x.position - y.position,
      );
    const items = ranked.slice(0, limit).map(({ a: { body: _body, ...summary } }) => summary);
    return HttpResponse.json({ items });
  }),

  http.get(url('/articles/:id'), ({ params }) => {
    const article = mockState.articles.find((a) => a.id === params.id);
    return article ? HttpResponse.json(article) : notFound('No such article.');
  }),

  http.post(url('/articles/:id/feedback'), async ({ params, request }) => {
    const article = mockState.articles.find((a) => a.id === params.id);
    if (!article) return notFound('No such article.');
    const body = await readJson<{ helpful: unknown }>(request);
    // The gateway's request schema: a wrong type is a bad request (400).
    if (typeof body.helpful !== 'boolean') return badField('helpful', 'type', { expected: 'boolean' });
    const auth = authOf(request);
    mockState.articleFeedback.push({
      articleId: article.id,
      helpful: body.helpful,
      userId: auth.kind === 'cookie' || auth.kind === 'bearer' ? auth.user.id : null,
    });
    return new HttpResponse(null, { status: 204 });
  }),

  // ---------------------------------------------------------------- uploads
  http.post(url('/uploads'), async ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    if (!mockState.portal.capabilities.attachments) {
      return problem('attachments-disabled', 'This portal takes no attachments.');
    }
    if (!/^multipart\/form-data/i.test(request.headers.get('content-type') ?? '')) {
      return problem('unsupported-type', 'Send the file as multipart/form-data, in a part named "file".');
    }
    return idempotent(request, user.id, async () => {
      let file: File | null;
      try {
        const form = await request.formData();
        const part = form.get('file');
        // One part, the file: a second file or any other part is refused, as the gateway does.
        file = part instanceof File && [...form.keys()].length === 1 ? part : null;
      } catch {
        file = null;
      }
      if (!file) return problemAnswer('bad-request', 'file is required.', [fieldIssue('file', 'required')], 400);
      const contentType = contentTypeOf(file);
      const broken = checkUpload({ name: file.name, type: contentType, size: file.size }, mockState.portal.uploads);
      if (broken) {
        const issues = [fieldIssue('file', broken.code, broken.params)];
        const detail = `file ${issues[0]!.message}.`;
        if (broken.code === 'file-too-large') return problemAnswer('too-large', detail, issues);
        if (broken.code === 'file-type') return problemAnswer('unsupported-type', detail, issues);
        if (broken.code === 'too-many-files') return invalid(issues);
        return problemAnswer('bad-request', detail, issues, 400);
      }
      const attachment: Attachment = { id: `up-${randomId()}`, name: file.name, size: file.size, contentType };
      mockState.uploads.set(attachment.id, { ...attachment, blob: file, ownerId: user.id, ticketId: null });
      return { status: 201, body: attachment };
    });
  }),

  http.get(url('/attachments/:id'), ({ request, params }) => {
    const user = requireUser(request, true);
    if (user instanceof Response) return user;
    const id = String(params.id);
    const uploaded = mockState.uploads.get(id);
    const message = mockState.messages.find((m) => !m.internal && m.attachments.some((a) => a.id === id));
    const ticket = message && mockState.tickets.find((t) => t.id === message.ticketId);
    const mayRead = ticket ? canSee(ticket, user) : uploaded?.ownerId === user.id && uploaded.ticketId === null;
    const meta = uploaded ?? ATTACHMENTS[id];
    if (!meta || !mayRead) return notFound('No such attachment.');
    // Seeded images are real (a 1×1 PNG), so inline previews decode as the gateway's would.
    const body: BodyInit = uploaded
      ? uploaded.blob
      : meta.contentType.startsWith('image/')
        ? Uint8Array.from(atob(ONE_PIXEL_PNG), (c) => c.charCodeAt(0))
        : `Demo content of ${meta.name}\n`;
    const ascii = meta.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return new HttpResponse(body, {
      headers: {
        'Content-Type': meta.contentType,
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  }),

  // ---------------------------------------------------------------- chat
  http.get(url('/chat/availability'), ({ request }) => {
    const auth = authOf(request);
    return HttpResponse.json(chatAvailability(auth.kind === 'cookie' || auth.kind === 'bearer' ? auth.user : null));
  }),

  http.post(url('/chat/conversations'), async ({ request }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const availability = chatAvailability(user);
    if (!availability.available && availability.reason !== 'offline') {
      return problem('chat-unavailable', 'Chat is not available to you.');
    }
    return idempotent(request, user.id, async () => {
      if (!availability.available) return problemAnswer('nobody-available', 'Nobody is available to chat right now.');
      const req = await readJson<{ text: string }>(request);
      if (!req.text?.trim()) return invalid([fieldIssue('text', 'required')]);
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
      mockState.chatMessages.push(message);
      const { userId: _userId, ...publicConversation } = conversation;
      return { status: 201, body: { conversation: publicConversation, message } };
    });
  }),

  http.get(url('/chat/conversations/:id/messages'), ({ request, params }) => {
    const user = requireUser(request);
    if (user instanceof Response) return user;
    const conversation = mockState.conversations.find((c) => c.id === params.id && c.userId === user.id);
    if (!conversation) return notFound('No such conversation.');
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
    if (!conversation) return notFound('No such conversation.');
    return idempotent(request, user.id, async () => {
      if (conversation.status === 'ended') {
        return problemAnswer('chat-ended', 'This conversation has ended; start a new one.');
      }
      const req = await readJson<{ text: string; attachments?: string[] }>(request);
      if (!req.text?.trim() && !req.attachments?.length) return invalid([fieldIssue('text', 'required')]);
      const staged = stagedUploads(req.attachments ?? [], user);
      if (!Array.isArray(staged)) return invalid([staged]);
      const message: ChatMessage = {
        id: `cm-${randomId()}`,
        conversationId: conversation.id,
        author: { name: user.name, role: 'customer' },
        createdAt: new Date().toISOString(),
        text: req.text ?? '',
        attachments: attach(staged, conversation.id),
      };
      mockState.chatMessages.push(message);
      conversation.updatedAt = message.createdAt;
      return { status: 201, body: message };
    });
  }),

  // ---------------------------------------------------------------- events
  http.get(url('/events'), ({ request }) => {
    const user = requireUser(request, true);
    if (user instanceof Response) return user;
    const u = new URL(request.url);
    const lastId = request.headers.get('last-event-id') ?? u.searchParams.get('lastEventId');
    if (lastId !== null && !/^\d{1,15}$/.test(lastId)) return badField('Last-Event-ID', 'invalid');
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
        // The client going away ends the stream, as a closed socket ends the gateway's.
        request.signal.addEventListener('abort', () => entry?.close());
        // The first frame's id lets a stream that got no event yet resume too.
        entry.push(`: connected\nretry: 1000\nid: ${lastId || String(mockState.events.length)}\n\n`);
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
      headers: {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        [EVENT_CURSOR_HEADER]: lastId || String(mockState.events.length),
      },
    });
  }),

  // Whatever else is asked under the base URL: the gateway's 404.
  http.all(`${BASE}/*`, () => notFound('No such route.')),
];

// ---------------------------------------------------------------- shared pieces

/** A ticket read as the gateway answers it: with the event cursor its snapshot was taken at (EVENT_CURSOR_HEADER). */
function snapshotJson(body: JsonBodyType): Response {
  return HttpResponse.json(body, { headers: { [EVENT_CURSOR_HEADER]: String(mockState.events.length) } });
}

function statusChange(request: Request, id: string, action: 'close' | 'reopen'): Response | Promise<Response> {
  const user = requireUser(request);
  if (user instanceof Response) return user;
  const ticket = mockState.tickets.find((t) => t.id === id);
  if (!ticket || !canSee(ticket, user)) return notFound('No such ticket.');
  return idempotent(request, user.id, () => {
    const permissions = permissionsFor(ticket, user);
    const allowed = action === 'close' ? permissions.canClose : permissions.canReopen;
    if (!allowed) {
      return problemAnswer(`${action}-forbidden`, `You may not ${action} this ticket.`);
    }
    setTicketStatus(ticket, action === 'close' ? 'closed' : 'open');
    markRead(user.id, ticket);
    return { status: 200, body: ticketView(ticket, user, true) };
  });
}

/** A status change, announced to the ticket's audience. */
export function setTicketStatus(ticket: MockTicket, status: TicketStatus): void {
  ticket.status = status;
  ticket.updatedAt = new Date().toISOString();
  publishTicket(ticket);
}

function chatAvailability(user: MockUser | null) {
  const portal = mockState.portal;
  if (!portal.capabilities.chat || portal.chat.provider === 'none') {
    return { available: false, reason: 'disabled' as const };
  }
  const orgs = mockState.chatOrganizations;
  if (orgs && !(user?.organization && orgs.includes(user.organization.id))) {
    return { available: false, reason: 'not-eligible' as const };
  }
  if (portal.chat.provider === 'builtin' && !mockState.chatOnline) {
    return { available: false, reason: 'offline' as const };
  }
  return { available: true, reason: null };
}

export { organizationFor };
