import type { CallOptions, EventHandlers, HelpdeskBackend, Subscription, UploadOptions } from '../core/backend.js';
import type { PorticoConfig } from '../core/config.js';
import { DEFAULT_CONFIG } from '../core/config.js';
import {
  errorFromAnswer,
  localProblem,
  NetworkError,
  PorticoError,
  TimeoutError,
  UnauthorizedError,
} from '../core/errors.js';
import {
  PROBLEM_TYPES,
  type Article,
  type ArticleDetail,
  type ChatAvailability,
  type ChatConversation,
  type ChatMessage,
  type FormSchema,
  type FormSummary,
  type RatingRequest,
  type TicketRating,
  type Message,
  type MessageSort,
  type NewTicketRequest,
  type Organization,
  type Page,
  type PortalSettings,
  type ProfileUpdate,
  type RegisterRequest,
  type ReplyRequest,
  type ServerEvent,
  type Session,
  type SignInRequest,
  type Ticket,
  type TicketQuery,
  type TicketScope,
  type TicketSummary,
  type UploadResult,
  type User,
} from '../protocol/index.js';
import { activeLocale } from '../core/i18n.js';
import { newIdempotencyKey } from '../core/idempotency.js';
import { eventCursor, openEventStream } from '../core/sse.js';
import { ACCEPT_JSON, takePrefetched } from '../core/prefetch.js';

export { newIdempotencyKey };

export interface PorticoClientOptions {
  fetch?: typeof fetch;
  /** Called on any 401 outside a sign-in attempt: the session is gone. */
  onUnauthorized?: ((error: UnauthorizedError) => void) | null;
  /**
   * Extra attempts after a network failure or a 502/503/504. Writes are
   * retried with the same Idempotency-Key, so the gateway creates nothing twice.
   */
  retries?: number;
  /** First delay between attempts; doubles each time. */
  retryDelayMs?: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestSpec {
  method: Method;
  path: string;
  query?: Query;
  body?: unknown;
  opts?: CallOptions;
  /** A 401 here means wrong credentials, not an expired session: no hook. */
  signInAttempt?: boolean;
  /**
   * Send the gateway's cookies in bearer mode too: the calls that set, use or
   * clear the bearer-mode refresh cookie (sign-in, refresh, sign-out).
   */
  withCookies?: boolean;
}

const UNSAFE: ReadonlySet<Method> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const TRANSIENT: ReadonlySet<number> = new Set([502, 503, 504]);

/** The default HelpdeskBackend: Portico protocol v1 over fetch (docs/protocol.md). */
/**
 * The page a mailed link (reset, sign-in link, verification) should bring the
 * person back to; the gateway uses it only when its origin is allowed.
 */
const thisPage = (): string | undefined => globalThis.location?.href;

export class PorticoProtocolClient implements HelpdeskBackend {
  readonly baseUrl: string;
  onUnauthorized: ((error: UnauthorizedError) => void) | null;
  /** When the gateway last accepted a request (ms since the epoch): tells an idle timeout from a revoked session. */
  lastAnsweredAt: number | undefined = undefined;

  readonly #config: PorticoConfig;
  readonly #fetch: typeof fetch;
  readonly #retries: number;
  readonly #retryDelayMs: number;
  #csrfToken: string | null = null;
  #sessionToken: string | null = null;
  #portal: Promise<PortalSettings> | null = null;
  /** The language `#portal` was asked in: its texts (the consent text) are in that language. */
  #portalLocale: string | null = null;

  constructor(config: PorticoConfig, opts: PorticoClientOptions = {}) {
    this.#config = { ...DEFAULT_CONFIG, ...config };
    const base = this.#config.backend || '';
    this.baseUrl = new URL(base, globalThis.location?.href ?? 'http://localhost/').href.replace(/\/+$/, '');
    // Without a fetch of its own, the client first takes what the facade fetched on the visitor's intent.
    this.#fetch = opts.fetch ?? ((input, init) => takePrefetched(String(input), init) ?? globalThis.fetch(input, init));
    this.onUnauthorized = opts.onUnauthorized ?? null;
    this.#retries = Math.max(0, opts.retries ?? 1);
    this.#retryDelayMs = opts.retryDelayMs ?? 300;
  }

  get #bearer(): boolean {
    return this.#config.authMode === 'bearer';
  }

  // ------------------------------------------------------------ portal + session

  getPortal(opts: CallOptions = {}): Promise<PortalSettings> {
    // One request shared by every element; a caller's abort only detaches that caller.
    const locale = activeLocale();
    if (!this.#portal || this.#portalLocale !== locale) {
      const asked = this.#request<PortalSettings>({ method: 'GET', path: '/portal' });
      this.#portal = asked;
      this.#portalLocale = locale;
      asked.catch(() => {
        if (this.#portal === asked) this.#portal = null;
      });
    }
    return detachable(this.#portal, opts.signal);
  }

  async getSession(opts: CallOptions = {}): Promise<Session | null> {
    try {
      // Bearer mode without a token (a reload): the HttpOnly refresh cookie gets the session's token back.
      if (this.#bearer && !this.#config.getToken && !this.#sessionToken) {
        return this.#remember(
          await this.#request<Session>({
            method: 'POST',
            path: '/session/refresh',
            opts,
            signInAttempt: true,
            withCookies: true,
          }),
        );
      }
      return this.#remember(
        await this.#request<Session>({ method: 'GET', path: '/session', opts, signInAttempt: true }),
      );
    } catch (error) {
      if (error instanceof PorticoError && error.status === 401) {
        this.#forget();
        return null;
      }
      throw error;
    }
  }

  async signIn(req: SignInRequest, opts: CallOptions = {}): Promise<Session | null> {
    const body: SignInRequest = { ...req };
    if (this.#bearer && !body.mode) body.mode = 'bearer';
    if (body.magicLink && !body.returnTo) body.returnTo = thisPage();
    const answer = await this.#request<Session | { sent: boolean }>({
      method: 'POST',
      path: '/session',
      body,
      opts,
      signInAttempt: true,
      withCookies: true,
    });
    // A magic-link request answers 202 {sent:true}: no session yet.
    return answer && 'user' in answer ? this.#remember(answer) : null;
  }

  async signInWithJwt(jwt: string, opts: CallOptions = {}): Promise<Session> {
    const body = this.#bearer ? { jwt, mode: 'bearer' } : { jwt };
    return this.#remember(
      await this.#request<Session>({
        method: 'POST',
        path: '/session/sso',
        body,
        opts,
        signInAttempt: true,
        withCookies: true,
      }),
    );
  }

  async signOut(opts: CallOptions = {}): Promise<void> {
    try {
      await this.#request<void>({ method: 'DELETE', path: '/session', opts, withCookies: true });
    } finally {
      this.#forget();
    }
  }

  async requestPasswordReset(email: string, opts: CallOptions = {}): Promise<void> {
    await this.#request<unknown>({
      method: 'POST',
      path: '/password-reset',
      body: { email, returnTo: thisPage() },
      opts,
    });
  }

  async confirmPasswordReset(token: string, password: string, opts: CallOptions = {}): Promise<void> {
    await this.#request<void>({
      method: 'POST',
      path: '/password-reset/confirm',
      body: { token, password },
      opts,
      signInAttempt: true,
    });
  }

  async register(req: RegisterRequest, opts: CallOptions = {}): Promise<void> {
    const body = { ...req, returnTo: req.returnTo ?? thisPage() };
    await this.#request<unknown>({ method: 'POST', path: '/register', body, opts, signInAttempt: true });
  }

  async verifyEmail(token: string, opts: CallOptions = {}): Promise<Session> {
    const body = this.#bearer ? { token, mode: 'bearer' } : { token };
    return this.#remember(
      await this.#request<Session>({
        method: 'POST',
        path: '/register/verify',
        body,
        opts,
        signInAttempt: true,
        withCookies: true,
      }),
    );
  }

  async confirmTicket(token: string, opts: CallOptions = {}): Promise<void> {
    await this.#request<void>({ method: 'POST', path: '/tickets/confirm', body: { token }, opts, signInAttempt: true });
  }

  // ------------------------------------------------------------ profile

  getMe(opts: CallOptions = {}): Promise<User & { organizationDetails?: Organization | null }> {
    return this.#request({ method: 'GET', path: '/me', opts });
  }

  updateMe(update: ProfileUpdate, opts: CallOptions = {}): Promise<User> {
    return this.#request({ method: 'PATCH', path: '/me', body: update, opts });
  }

  async changePassword(current: string, next: string, opts: CallOptions = {}): Promise<void> {
    await this.#request<void>({ method: 'POST', path: '/me/password', body: { current, next }, opts });
  }

  // ------------------------------------------------------------ tickets

  listTickets(query: TicketQuery, opts: CallOptions = {}): Promise<Page<Ticket>> {
    return this.#request({ method: 'GET', path: '/tickets', query: { ...query }, opts });
  }

  getTicketSummary(scope: TicketScope, opts: CallOptions = {}): Promise<TicketSummary> {
    return this.#request({ method: 'GET', path: '/tickets/summary', query: { scope }, opts });
  }

  getTicket(id: string, opts: CallOptions = {}): Promise<Ticket> {
    return this.#request({ method: 'GET', path: `/tickets/${enc(id)}`, opts });
  }

  listMessages(
    ticketId: string,
    opts: CallOptions & { cursor?: string; sort?: MessageSort } = {},
  ): Promise<Page<Message>> {
    return this.#request({
      method: 'GET',
      path: `/tickets/${enc(ticketId)}/messages`,
      query: { cursor: opts.cursor, sort: opts.sort },
      opts,
    });
  }

  reply(ticketId: string, req: ReplyRequest, opts: CallOptions = {}): Promise<Message> {
    return this.#request({ method: 'POST', path: `/tickets/${enc(ticketId)}/messages`, body: req, opts });
  }

  closeTicket(ticketId: string, opts: CallOptions = {}): Promise<Ticket> {
    return this.#request({ method: 'POST', path: `/tickets/${enc(ticketId)}/close`, opts });
  }

  reopenTicket(ticketId: string, opts: CallOptions = {}): Promise<Ticket> {
    return this.#request({ method: 'POST', path: `/tickets/${enc(ticketId)}/reopen`, opts });
  }

  createTicket(req: NewTicketRequest, opts: CallOptions = {}): Promise<Ticket> {
    return this.#request({ method: 'POST', path: '/tickets', body: req, opts });
  }

  // ------------------------------------------------------------ forms + knowledge

  async listForms(opts: CallOptions = {}): Promise<FormSummary[]> {
    return (await this.#request<{ items: FormSummary[] }>({ method: 'GET', path: '/forms', opts })).items;
  }

  getForm(id: string, opts: CallOptions = {}): Promise<FormSchema> {
    return this.#request({ method: 'GET', path: `/forms/${enc(id)}`, opts });
  }

  async searchArticles(
    q: string,
    { locale, limit, ...opts }: CallOptions & { locale?: string; limit?: number } = {},
  ): Promise<Article[]> {
    return (
      await this.#request<{ items: Article[] }>({ method: 'GET', path: '/articles', query: { q, locale, limit }, opts })
    ).items;
  }

  getArticle(id: string, opts: CallOptions = {}): Promise<ArticleDetail> {
    return this.#request({ method: 'GET', path: `/articles/${enc(id)}`, opts });
  }

  async sendArticleFeedback(id: string, helpful: boolean, opts: CallOptions = {}): Promise<void> {
    await this.#request<void>({ method: 'POST', path: `/articles/${enc(id)}/feedback`, body: { helpful }, opts });
  }

  rateTicket(ticketId: string, req: RatingRequest, opts: CallOptions = {}): Promise<TicketRating> {
    return this.#request({ method: 'POST', path: `/tickets/${enc(ticketId)}/rating`, body: req, opts });
  }

  // ------------------------------------------------------------ uploads

  /** XMLHttpRequest rather than fetch: only XHR reports upload progress. */
  async upload(file: File | Blob, name: string, opts: UploadOptions = {}): Promise<UploadResult> {
    const headers = await this.#headers('POST', opts.idempotencyKey);
    const form = new FormData();
    form.append('file', file, name);
    return new Promise<UploadResult>((resolve, reject) => {
      const signal = opts.signal;
      if (signal?.aborted) return reject(abortReason(signal));
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.#url('/uploads'));
      xhr.withCredentials = !this.#bearer;
      for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
      xhr.setRequestHeader('Accept', 'application/json');

      // A slow line may take long for a big file; only a stall counts as a timeout.
      let stall: ReturnType<typeof setTimeout> | undefined;
      let timedOut = false;
      const armStall = () => {
        clearTimeout(stall);
        stall = setTimeout(() => {
          timedOut = true;
          xhr.abort();
        }, this.#config.timeoutMs);
      };
      const onAbort = () => xhr.abort();
      const done = () => {
        clearTimeout(stall);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      // Chromium fires no upload progress at all on a page controlled by a
      // service worker, so start and end are reported here whatever happens.
      let total = file.size;
      let reported = -1;
      const progress = (loaded: number) => {
        if (loaded <= reported) return;
        reported = loaded;
        opts.onProgress?.(loaded, total);
      };
      xhr.upload.onprogress = (e) => {
        armStall();
        if (e.lengthComputable) total = e.total;
        progress(e.loaded);
      };
      xhr.upload.onload = () => progress(total);
      xhr.onload = () => {
        done();
        if (xhr.status >= 200 && xhr.status < 300) progress(total);
        const text = xhr.responseText;
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve(JSON.parse(text) as UploadResult);
          } catch {
            reject(new PorticoError(localProblem('unavailable', xhr.status, 'The upload answer was not JSON')));
          }
          return;
        }
        reject(
          this.#failure(errorFromAnswer(xhr.status, xhr.statusText, text, xhr.getResponseHeader('retry-after')), false),
        );
      };
      xhr.onerror = () => {
        done();
        reject(new NetworkError(localProblem('network', 0, 'The upload could not reach the server')));
      };
      xhr.onabort = () => {
        done();
        if (timedOut) reject(new TimeoutError(localProblem('timeout', 0, 'The upload stalled')));
        else reject(signal ? abortReason(signal) : new DOMException('Upload aborted', 'AbortError'));
      };
      armStall();
      xhr.send(form);
      progress(0);
    });
  }

  attachmentUrl(id: string): string {
    return this.#url(`/attachments/${enc(id)}`);
  }

  // ------------------------------------------------------------ chat

  getChatAvailability(opts: CallOptions = {}): Promise<ChatAvailability> {
    return this.#request({ method: 'GET', path: '/chat/availability', opts });
  }

  startChat(text: string, opts: CallOptions = {}): Promise<{ conversation: ChatConversation; message: ChatMessage }> {
    return this.#request({ method: 'POST', path: '/chat/conversations', body: { text }, opts });
  }

  listChatMessages(conversationId: string, opts: CallOptions = {}): Promise<Page<ChatMessage>> {
    return this.#request({ method: 'GET', path: `/chat/conversations/${enc(conversationId)}/messages`, opts });
  }

  sendChatMessage(
    conversationId: string,
    text: string,
    attachments?: string[],
    opts: CallOptions = {},
  ): Promise<ChatMessage> {
    const body = attachments?.length ? { text, attachments } : { text };
    return this.#request({
      method: 'POST',
      path: `/chat/conversations/${enc(conversationId)}/messages`,
      body,
      opts,
    });
  }

  // ------------------------------------------------------------ events

  /**
   * One event stream per client, shared by every subscriber (a list and a
   * detail on one page make one connection); it closes with the last one.
   */
  subscribe(handlers: EventHandlers): Subscription {
    this.#subscribers.add(handlers);
    this.#stream ??= this.#openStream();
    if (this.#streamOpen) handlers.onOpen?.();
    return {
      close: () => {
        if (!this.#subscribers.delete(handlers) || this.#subscribers.size > 0) return;
        this.#stream?.close();
        this.#stream = null;
        this.#streamOpen = false;
        this.#streamStart = null;
        this.#unsynced = null;
      },
    };
  }

  #subscribers = new Set<EventHandlers>();
  #stream: { close(): void } | null = null;
  #streamOpen = false;
  /** Where the open stream starts (EVENT_CURSOR_HEADER); null while none is open or the gateway sent none. */
  #streamStart: number | null = null;
  /** The oldest answer's cursor while the stream was not open: compared with the start once it is. */
  #unsynced: number | null = null;
  /** Views were told to load again for this stream start (at most once per start, see #snapshotAnswered). */
  #resyncedFor: number | null = null;

  get tracksSnapshots(): boolean {
    return this.#streamOpen && this.#streamStart !== null;
  }

  /**
   * A read answered with the gateway's cursor: if the stream starts after it,
   * changes in between are in neither, so every view loads again — once per
   * stream start, which a reload's answer (taken after the start) then passes.
   */
  #snapshotAnswered(headers: Headers): void {
    const cursor = eventCursor(headers);
    if (cursor === null || !this.#stream) return;
    if (!this.#streamOpen) {
      this.#unsynced = Math.min(this.#unsynced ?? cursor, cursor);
      return;
    }
    if (this.#streamStart !== null && cursor < this.#streamStart) this.#resync();
  }

  #resync(): void {
    if (this.#resyncedFor === this.#streamStart) return;
    this.#resyncedFor = this.#streamStart;
    // After the answer's own handling, so the reload is not folded into the load that is finishing.
    queueMicrotask(() => [...this.#subscribers].forEach((h) => h.onReconnect?.()));
  }

  #openStream(): { close(): void } {
    const each = (fn: (h: EventHandlers) => void) => [...this.#subscribers].forEach(fn);
    let opened = false;
    return openEventStream({
      url: this.#url('/events'),
      fetch: this.#fetch,
      credentials: this.#bearer ? 'same-origin' : 'include',
      headers: () => this.#headers('GET'),
      onOpen: (headers) => {
        this.#streamOpen = true;
        this.#streamStart = eventCursor(headers);
        const unsynced = this.#unsynced;
        this.#unsynced = null;
        each((h) => h.onOpen?.());
        // The one place a reconnection is seen: every subscriber's view loads again.
        if (opened) {
          this.#resyncedFor = this.#streamStart;
          each((h) => h.onReconnect?.());
        } else if (unsynced !== null && this.#streamStart !== null && unsynced < this.#streamStart) this.#resync();
        opened = true;
      },
      onMessage: (message) => {
        let event: ServerEvent;
        try {
          const parsed = JSON.parse(message.data) as ServerEvent;
          event = { ...parsed, type: parsed.type ?? message.event } as ServerEvent;
        } catch (error) {
          each((h) => h.onError?.(error));
          return;
        }
        each((h) => h.onEvent(event, message.id));
      },
      onError: (error) => {
        this.#streamOpen = false;
        this.#streamStart = null;
        if (error instanceof UnauthorizedError) this.#unauthorized(error);
        each((h) => h.onError?.(error));
      },
    });
  }

  // ------------------------------------------------------------ transport

  #url(path: string, query?: Query): string {
    let url = this.baseUrl + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
      }
      const qs = params.toString();
      if (qs) url += `?${qs}`;
    }
    return url;
  }

  async #headers(method: Method, idempotencyKey?: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    if (this.#bearer) {
      const token = (this.#config.getToken ? await this.#config.getToken() : null) ?? this.#sessionToken;
      if (token) headers.Authorization = `Bearer ${token}`;
    } else if (UNSAFE.has(method) && this.#csrfToken) {
      headers['X-CSRF-Token'] = this.#csrfToken;
    }
    if (UNSAFE.has(method)) headers['Idempotency-Key'] = idempotencyKey ?? newIdempotencyKey();
    // The gateway answers — and mails — in the language the person reads here, not the browser's default.
    const locale = activeLocale();
    if (locale) headers['Accept-Language'] = locale;
    return headers;
  }

  async #request<T>(spec: RequestSpec): Promise<T> {
    const { method, opts = {} } = spec;
    // Fixed once so that every retry of a write carries the same key.
    const key = UNSAFE.has(method) ? (opts.idempotencyKey ?? newIdempotencyKey()) : undefined;
    let csrfRefreshed = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#attempt<T>(spec, key);
      } catch (error) {
        // The session was renewed elsewhere (another tab signed in again): read the new token once and retry.
        if (
          !csrfRefreshed &&
          !this.#bearer &&
          error instanceof PorticoError &&
          error.problem.type === PROBLEM_TYPES.csrf &&
          !opts.signal?.aborted
        ) {
          csrfRefreshed = true;
          const session = await this.getSession({ signal: opts.signal }).catch(() => null);
          if (session?.csrfToken) {
            attempt--;
            continue;
          }
        }
        const transient =
          error instanceof NetworkError || (error instanceof PorticoError && TRANSIENT.has(error.status));
        if (!transient || attempt >= this.#retries || opts.signal?.aborted) throw error;
        await sleep(this.#retryDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5), opts.signal);
      }
    }
  }

  async #attempt<T>(spec: RequestSpec, key: string | undefined): Promise<T> {
    const { method, opts = {} } = spec;
    const headers = await this.#headers(method, key);
    headers.Accept = ACCEPT_JSON;
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }
    const deadline = withDeadline(opts.signal, this.#config.timeoutMs);
    try {
      let response: Response;
      try {
        response = await this.#fetch(this.#url(spec.path, spec.query), {
          method,
          headers,
          body,
          credentials: this.#bearer && !spec.withCookies ? 'same-origin' : 'include',
          signal: deadline.signal,
        });
      } catch (error) {
        throw this.#transportError(error, opts.signal, deadline.timedOut());
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw this.#transportError(error, opts.signal, deadline.timedOut());
      }
      if (!response.ok) {
        throw this.#failure(
          errorFromAnswer(response.status, response.statusText, text, response.headers.get('retry-after')),
          !!spec.signInAttempt,
        );
      }
      this.lastAnsweredAt = Date.now();
      if (method === 'GET') this.#snapshotAnswered(response.headers);
      if (response.status === 204 || text === '') return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new PorticoError(localProblem('unavailable', response.status, 'The server answer was not JSON'));
      }
    } finally {
      deadline.dispose();
    }
  }

  #transportError(error: unknown, signal: AbortSignal | undefined, timedOut: boolean): unknown {
    if (signal?.aborted) return abortReason(signal);
    if (timedOut) return new TimeoutError(localProblem('timeout', 0, 'The server took too long to answer'));
    return new NetworkError(localProblem('network', 0, 'The server could not be reached', String(error)));
  }

  #failure(error: PorticoError, signInAttempt: boolean): PorticoError {
    if (error instanceof UnauthorizedError && !signInAttempt) this.#unauthorized(error);
    return error;
  }

  #unauthorized(error: UnauthorizedError): void {
    this.#forget();
    try {
      this.onUnauthorized?.(error);
    } catch (e) {
      console.error(e);
    }
  }

  #remember(session: Session): Session {
    if (session.csrfToken) this.#csrfToken = session.csrfToken;
    if (session.token) this.#sessionToken = session.token;
    return session;
  }

  #forget(): void {
    this.#csrfToken = null;
    this.#sessionToken = null;
  }
}

// ------------------------------------------------------------ helpers

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/** The caller's signal combined with a timeout; tells which of the two fired. */
function withDeadline(signal: AbortSignal | undefined, ms: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The request timed out', 'TimeoutError'));
  }, ms);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** Lets one caller stop waiting on a shared promise without cancelling it for the others. */
function detachable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
