/**
 * An in-memory HelpdeskBackend for the chat and portal tests: every call is
 * recorded, any method can be made to fail or wait, and server events are
 * pushed by the test through emit().
 */
import type { CallOptions, EventHandlers, HelpdeskBackend, Subscription } from '../../../src/core/backend.js';
import { createServices, type PorticoServices } from '../../../src/core/services.js';
import { DEFAULT_CONFIG, type PorticoConfig } from '../../../src/core/config.js';
import { errorFromProblem, type PorticoError } from '../../../src/core/errors.js';
import { DEMO_ACME, DEMO_PASSWORD, DEMO_USERS } from '../../../server/seed/demo-data.js';
import { DEFAULT_PORTAL } from '../../../server/store/settings.js';
import {
  STATUS_LABELS_EN,
  checkUpload,
  contentTypeOf,
  fieldIssue,
  passwordProblem,
  type FieldCode,
  problemCodeForStatus,
  problemType,
  type ChatAvailability,
  type ChatConversation,
  type ChatMessage,
  type Message,
  type NewTicketRequest,
  type Organization,
  type PortalSettings,
  type ServerEvent,
  type Session,
  type Ticket,
  type TicketScope,
  type TicketStatus,
  type TicketSummary,
  type User,
} from '../../../src/protocol/index.js';

/** Acme Corp of the seed (server/seed/demo-data.ts). */
export const ACME: Organization = {
  id: DEMO_ACME.id,
  name: DEMO_ACME.name,
  domains: [...DEMO_ACME.domains],
  address: DEMO_ACME.address,
  phone: DEMO_ACME.phone,
  accountManager: { ...DEMO_ACME.accountManager },
};

export const CAROL: User = {
  id: 'u-carol',
  email: 'carol@acme.example',
  name: 'Carol Jansen',
  phone: '+31 6 1234 5678',
  role: 'company',
  organization: { id: ACME.id, name: ACME.name },
  locale: 'en',
};

export const DAVE: User = {
  id: 'u-dave',
  email: 'dave@acme.example',
  name: DEMO_USERS.find((u) => u.email === 'dave@acme.example')!.name,
  phone: null,
  role: 'user',
  organization: { id: ACME.id, name: ACME.name },
  locale: 'en',
};

/** The gateway's default portal (server/store/settings.ts), narrowed the way these tests expect. */
export function portalSettings(overrides: Partial<PortalSettings> = {}): PortalSettings {
  const defaults = structuredClone(DEFAULT_PORTAL);
  return {
    ...defaults,
    name: 'Acme Support',
    locales: ['en', 'nl'],
    loginMethods: ['password'],
    registration: { enabled: false, consentText: null },
    uploads: {
      maxBytes: 1024 * 1024,
      maxFiles: 3,
      allowedTypes: ['image/png', 'application/pdf', 'text/plain', '.png', '.pdf', '.txt'],
    },
    capabilities: { ...defaults.capabilities, registration: false },
    ...overrides,
  };
}

function ticket(n: number, status: TicketStatus, requester: User, subject: string): Ticket {
  const at = new Date(Date.UTC(2025, 0, n, 9)).toISOString();
  return {
    id: `t-${n}`,
    number: `2025-${String(n).padStart(4, '0')}`,
    subject,
    status,
    statusLabel: STATUS_LABELS_EN[status],
    rawStatus: status,
    createdAt: at,
    updatedAt: at,
    requester: { id: requester.id, name: requester.name },
    organization: requester.organization,
    service: 'Email',
    assignee: null,
    fields: {},
    unread: false,
  };
}

export function demoTickets(): Ticket[] {
  return [
    ticket(1, 'new', CAROL, 'Printer on floor 2 is offline'),
    ticket(2, 'open', CAROL, 'VPN drops every hour'),
    ticket(3, 'pending', CAROL, 'New laptop for intern'),
    ticket(4, 'open', DAVE, 'Cannot open shared mailbox'),
    ticket(5, 'closed', DAVE, 'Password reset'),
    ticket(6, 'new', DAVE, 'Monitor flickers'),
    ticket(7, 'open', DAVE, 'Teams camera'),
  ];
}

function problem(
  status: number,
  title: string,
  errors?: Array<{ field: string; message: string; code?: FieldCode }>,
): PorticoError {
  const code = problemCodeForStatus(status);
  const issues = errors?.map((e) => fieldIssue(e.field, e.code ?? 'invalid'));
  return errorFromProblem({ type: problemType(code), title, status, code, errors: issues });
}

export { problem };

type Method = keyof HelpdeskBackend;

export class FakeBackend implements HelpdeskBackend {
  readonly baseUrl = 'https://support.test/portico/v1';

  portal = portalSettings();
  user: User | null = CAROL;
  tickets = demoTickets();
  messages: Record<string, Message[]> = {};
  availability: ChatAvailability = { available: true, reason: null };
  conversations: Record<string, { conversation: ChatConversation; messages: ChatMessage[] }> = {};
  password = DEMO_PASSWORD;

  calls: Array<{ method: Method; args: unknown[] }> = [];
  #failures = new Map<Method, unknown[]>();
  #gates = new Map<Method, Promise<void>>();
  #handlers = new Set<EventHandlers>();
  #seq = 0;

  /** The next call(s) of `method` throw `error`, in order. */
  failNext(method: Method, error: unknown = problem(500, 'Server error')): void {
    const list = this.#failures.get(method) ?? [];
    list.push(error);
    this.#failures.set(method, list);
  }

  /** Calls of `method` wait until the returned function is called. */
  hold(method: Method): () => void {
    let release!: () => void;
    this.#gates.set(method, new Promise<void>((r) => (release = r)));
    return () => {
      this.#gates.delete(method);
      release();
    };
  }

  callsOf(method: Method): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** Pushes a server event to every subscriber. */
  emit(event: ServerEvent): void {
    for (const h of this.#handlers) h.onEvent(event, String(++this.#seq));
  }

  /** The stream came back after a break: what subscribers do to catch up. */
  reconnect(): void {
    for (const h of this.#handlers) h.onReconnect?.();
  }

  get subscriberCount(): number {
    return this.#handlers.size;
  }

  async #call<T>(method: Method, args: unknown[], answer: () => T): Promise<T> {
    this.calls.push({ method, args });
    const gate = this.#gates.get(method);
    if (gate) await gate;
    await Promise.resolve();
    const failures = this.#failures.get(method);
    if (failures?.length) throw failures.shift();
    return answer();
  }

  #me(): User {
    if (!this.user) throw problem(401, 'Sign in first');
    return this.user;
  }

  #session(): Session {
    return { user: this.#me(), expiresAt: '2099-01-01T00:00:00Z', csrfToken: 'csrf' };
  }

  #visible(scope: TicketScope): Ticket[] {
    const me = this.#me();
    if (scope === 'organization') {
      if (me.role !== 'company') throw problem(403, 'Only company users see the organisation');
      return this.tickets.filter((t) => t.organization?.id === me.organization?.id);
    }
    return this.tickets.filter((t) => t.requester.id === me.id);
  }

  getPortal() {
    return this.#call('getPortal', [], () => structuredClone(this.portal));
  }
  getSession() {
    return this.#call('getSession', [], () => (this.user ? this.#session() : null));
  }
  signIn(req: { email: string; password?: string }) {
    return this.#call('signIn', [req], () => {
      const who = [CAROL, DAVE].find((u) => u.email === req.email);
      if (!who || req.password !== this.password) throw problem(401, 'Wrong e-mail address or password');
      this.user = who;
      return this.#session();
    });
  }
  signInWithJwt(jwt: string) {
    return this.#call('signInWithJwt', [jwt], () => this.#session());
  }
  signOut() {
    return this.#call('signOut', [], () => {
      this.user = null;
    });
  }
  requestPasswordReset(email: string) {
    return this.#call('requestPasswordReset', [email], () => undefined);
  }
  confirmPasswordReset(token: string, password: string) {
    return this.#call('confirmPasswordReset', [token, password], () => undefined);
  }
  register(): Promise<never> {
    return Promise.reject(new Error('register is not part of the portal tests'));
  }
  verifyEmail(): Promise<never> {
    return Promise.reject(new Error('verifyEmail is not part of the portal tests'));
  }
  confirmTicket(): Promise<never> {
    return Promise.reject(new Error('confirmTicket is not part of the portal tests'));
  }
  getMe() {
    return this.#call('getMe', [], () => ({
      ...this.#me(),
      organizationDetails: this.#me().organization ? ACME : null,
    }));
  }
  updateMe(update: Partial<User>) {
    return this.#call('updateMe', [update], () => {
      if (!this.portal.profile.editable) throw problem(403, 'The profile is read-only');
      if (update.name !== undefined && !update.name.trim()) {
        throw problem(422, 'Invalid', [{ field: 'name', message: 'is required', code: 'required' }]);
      }
      this.user = { ...this.#me(), ...update } as User;
      return this.user;
    });
  }
  changePassword(current: string, next: string) {
    return this.#call('changePassword', [current, next], () => {
      if (current !== this.password) {
        throw problem(422, 'Invalid', [
          { field: 'current', message: 'is not your current password', code: 'password-wrong' },
        ]);
      }
      const weak = passwordProblem(next);
      if (weak) throw problem(422, 'Invalid', [{ field: 'next', message: weak.code, code: weak.code }]);
      this.password = next;
    });
  }
  listTickets(query: { scope?: TicketScope }) {
    return this.#call('listTickets', [query], () => ({
      items: this.#visible(query.scope ?? 'mine'),
      nextCursor: null,
    }));
  }
  getTicketSummary(scope: TicketScope) {
    return this.#call('getTicketSummary', [scope], () => {
      const summary: TicketSummary = { new: 0, open: 0, pending: 0, solved: 0, closed: 0, total: 0 };
      for (const t of this.#visible(scope)) {
        summary[t.status]++;
        summary.total++;
      }
      return summary;
    });
  }
  getTicket(id: string) {
    return this.#call('getTicket', [id], () => {
      const t = this.#visible(this.#me().role === 'company' ? 'organization' : 'mine').find((x) => x.id === id);
      if (!t) throw problem(404, 'No such ticket');
      return { ...t, permissions: { canReply: t.requester.id === this.#me().id, canClose: true, canReopen: true } };
    });
  }
  listMessages(ticketId: string) {
    return this.#call('listMessages', [ticketId], () => ({ items: this.messages[ticketId] ?? [], nextCursor: null }));
  }
  reply(ticketId: string, req: { body: Message['body'] }) {
    return this.#call('reply', [ticketId, req], () => {
      const m: Message = {
        id: `m-${++this.#seq}`,
        ticketId,
        author: { name: this.#me().name, role: 'customer' },
        createdAt: new Date().toISOString(),
        body: req.body,
        attachments: [],
      };
      (this.messages[ticketId] ??= []).push(m);
      return m;
    });
  }
  closeTicket(id: string) {
    return this.#call('closeTicket', [id], () => this.tickets.find((t) => t.id === id)!);
  }
  reopenTicket(id: string) {
    return this.#call('reopenTicket', [id], () => this.tickets.find((t) => t.id === id)!);
  }
  createTicket(req: NewTicketRequest, opts?: CallOptions) {
    return this.#call('createTicket', [req, opts], () => {
      const n = this.tickets.length + 100;
      const who = this.user ?? { ...DAVE, id: 'anon', name: req.requester?.name ?? 'Anonymous' };
      const t = ticket(n, 'new', who as User, req.subject);
      this.tickets.push(t);
      return t;
    });
  }
  listForms() {
    return this.#call('listForms', [], () => [{ id: 'general', name: { en: 'General question' } }]);
  }
  getForm(id: string) {
    return this.#call('getForm', [id], () => ({
      id,
      name: { en: 'General question' },
      fields: [
        { id: 'subject', type: 'text' as const, label: { en: 'Subject' }, required: true },
        { id: 'description', type: 'textarea' as const, label: { en: 'Description' }, required: true },
      ],
    }));
  }
  searchArticles(q: string) {
    return this.#call('searchArticles', [q], () => []);
  }
  getArticle(id: string) {
    return this.#call('getArticle', [id], () => ({ id, title: 'Article', excerpt: '', url: '', body: 'Text' }));
  }
  sendArticleFeedback(id: string, helpful: boolean) {
    return this.#call('sendArticleFeedback', [id, helpful], () => undefined);
  }
  rateTicket(ticketId: string, req: { score: number; comment?: string | null }) {
    return this.#call('rateTicket', [ticketId, req], () => ({
      score: req.score,
      comment: req.comment ?? null,
      ratedAt: new Date().toISOString(),
    }));
  }
  upload(file: File | Blob, name: string) {
    return this.#call('upload', [file, name], () => {
      const contentType = contentTypeOf({ name, type: file.type });
      const broken = checkUpload({ name, type: contentType, size: file.size }, this.portal.uploads);
      if (broken) {
        const status = broken.code === 'file-too-large' ? 413 : broken.code === 'file-type' ? 415 : 422;
        throw problem(status, 'File not accepted', [{ field: 'file', message: broken.code, code: broken.code }]);
      }
      return { id: `a-${++this.#seq}`, name, size: file.size, contentType };
    });
  }
  attachmentUrl(id: string): string {
    return `${this.baseUrl}/attachments/${id}`;
  }
  getChatAvailability() {
    return this.#call('getChatAvailability', [], () => ({ ...this.availability }));
  }
  startChat(text: string, opts?: CallOptions) {
    return this.#call('startChat', [text, opts], () => {
      const id = `c-${++this.#seq}`;
      const now = new Date().toISOString();
      const conversation: ChatConversation = { id, status: 'open', createdAt: now, updatedAt: now };
      const message = this.#chatMessage(id, text, []);
      this.conversations[id] = { conversation, messages: [message] };
      return { conversation, message };
    });
  }
  listChatMessages(conversationId: string) {
    return this.#call('listChatMessages', [conversationId], () => {
      const c = this.conversations[conversationId];
      if (!c) throw problem(404, 'No such conversation');
      return { items: [...c.messages], nextCursor: null };
    });
  }
  sendChatMessage(conversationId: string, text: string, attachments?: string[], opts?: CallOptions) {
    return this.#call('sendChatMessage', [conversationId, text, attachments, opts], () => {
      const c = this.conversations[conversationId];
      if (!c) throw problem(404, 'No such conversation');
      const message = this.#chatMessage(
        conversationId,
        text,
        (attachments ?? []).map((id) => ({ id, name: `${id}.txt`, size: 3, contentType: 'text/plain' })),
      );
      c.messages.push(message);
      return message;
    });
  }
  #chatMessage(conversationId: string, text: string, attachments: ChatMessage['attachments']): ChatMessage {
    return {
      id: `cm-${++this.#seq}`,
      conversationId,
      author: { name: this.user?.name ?? 'Visitor', role: 'customer' },
      createdAt: new Date().toISOString(),
      text,
      attachments,
    };
  }
  /** An agent's message in a conversation, as the gateway would push it (or, not `live`, only store it). */
  agentSays(conversationId: string, text: string, name = 'Sam from Support', live = true): ChatMessage {
    const message: ChatMessage = {
      id: `cm-${++this.#seq}`,
      conversationId,
      author: { name, role: 'agent' },
      createdAt: new Date().toISOString(),
      text,
      attachments: [],
    };
    this.conversations[conversationId]?.messages.push(message);
    if (live) this.emit({ type: 'chat.message', conversationId, message });
    return message;
  }
  subscribe(handlers: EventHandlers): Subscription {
    this.#handlers.add(handlers);
    return { close: () => this.#handlers.delete(handlers) };
  }
}

export function fakeServices(backend = new FakeBackend(), config: Partial<PorticoConfig> = {}): PorticoServices {
  return createServices({ ...DEFAULT_CONFIG, backend: backend.baseUrl, ...config }, backend);
}
