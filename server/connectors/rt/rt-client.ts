/**
 * A small client for RT's REST2 API (`/REST/2.0`): authentication, JSON,
 * timeouts and errors. It knows nothing of Portico; rt-connector.ts does.
 */
import { ConnectorError } from '../../errors.js';

export type RtAuth = { token: string } | { user: string; password: string };

export interface RtClientOptions {
  /** Base URL of RT, e.g. http://127.0.0.1:8780 (REST2 lives under /REST/2.0). */
  url: string;
  auth: RtAuth;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A REST2 collection page. `total` is null for some collections (history, attachments). */
export interface RtCollection<T> {
  count: number;
  page: number;
  per_page: number;
  pages: number | null;
  total: number | null;
  next_page?: string;
  items: T[];
}

/** RT answered, but not with success. */
/** RT failed or refused; `status` is RT's HTTP status (502 for an answer that makes no sense). */
export class RtError extends ConnectorError {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(status, message, options);
    this.name = 'RtError';
  }
}

/** Query parameters; an array repeats the parameter (REST2's `orderby=…&orderby=…`). */
export type Query = Record<string, string | number | readonly string[] | undefined>;

/** Sessions are renewed this often, so a lost one costs at most this long on the slow path. */
const SESSION_MAX_AGE_MS = 60 * 60_000;
/** After RT refused a session, wait before trying again. */
const SESSION_RETRY_MS = 10 * 60_000;

export class RtClient {
  readonly base: string;
  readonly #root: string;
  readonly #auth: RtAuth;
  readonly #authorization: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #useSession: boolean;
  #session: { cookie: string | null; at: number } | null = null;
  #sessionPending: Promise<void> | null = null;

  constructor(options: RtClientOptions & { session?: boolean }) {
    this.#root = options.url.replace(/\/+$/, '');
    this.base = `${this.#root}/REST/2.0`;
    this.#auth = options.auth;
    this.#authorization =
      'token' in options.auth
        ? `token ${options.auth.token}`
        : `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#fetch = options.fetch ?? fetch;
    this.#useSession = options.session ?? false;
  }

  /**
   * RT checks a token or password with bcrypt on every request (~200 ms). A
   * web session cookie, which REST2 accepts too, skips that. The credentials
   * still go along, so a session RT has dropped costs speed, never a failure.
   */
  async #sessionCookie(): Promise<string | null> {
    if (!this.#useSession) return null;
    const fresh =
      this.#session && Date.now() - this.#session.at < (this.#session.cookie ? SESSION_MAX_AGE_MS : SESSION_RETRY_MS);
    if (!fresh) {
      this.#sessionPending ??= this.#openSession().finally(() => {
        this.#sessionPending = null;
      });
      await this.#sessionPending;
    }
    return this.#session?.cookie ?? null;
  }

  async #openSession(): Promise<void> {
    let cookie: string | null = null;
    try {
      const init: RequestInit =
        'token' in this.#auth
          ? // A token on any page of RT's web UI logs in (RT::Authen::Token); this one is small.
            { method: 'GET', headers: { authorization: this.#authorization } }
          : {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({ user: this.#auth.user, pass: this.#auth.password }).toString(),
            };
      const path = 'token' in this.#auth ? '/Helpers/ShortcutHelp' : '/NoAuth/Login.html';
      const res = await this.#fetch(this.#root + path, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await res.body?.cancel();
      if (res.status < 400) {
        const sid = res.headers.getSetCookie().find((c) => c.startsWith('RT_SID_'));
        cookie = sid ? sid.split(';')[0]! : null;
      }
    } catch {
      cookie = null;
    }
    this.#session = { cookie, at: Date.now() };
  }

  /** GET a path under /REST/2.0; `null` when RT says 404 (or 403: not ours to see). */
  async get<T>(path: string, query?: Query): Promise<T | null> {
    const res = await this.#send('GET', path, query);
    if (res.status === 404 || res.status === 403) {
      await res.body?.cancel();
      return null;
    }
    return (await this.#json(res)) as T;
  }

  /** POST/PUT JSON; returns the parsed body and the Location header. */
  async send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<{ body: T; location: string | null }> {
    const res = await this.#send(method, path, undefined, body);
    return { body: (await this.#json(res)) as T, location: res.headers.get('location') };
  }

  /** Every page of a collection (RT caps pages at 100 items). */
  async all<T>(path: string, query: Query = {}, maxPages = 50): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const batch = await this.get<RtCollection<T>>(path, { ...query, page, per_page: 100 });
      if (!batch) break;
      items.push(...batch.items);
      if (batch.items.length < 100 || (batch.pages !== null && page >= batch.pages)) break;
    }
    return items;
  }

  async #send(method: string, path: string, query?: Query, body?: unknown): Promise<Response> {
    const url = new URL(this.base + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, v);
      else if (value !== undefined) url.searchParams.set(key, String(value));
    }
    let res: Response;
    try {
      const cookie = await this.#sessionCookie();
      res = await this.#fetch(url, {
        method,
        headers: {
          authorization: this.#authorization,
          ...(cookie ? { cookie } : {}),
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      // The helpdesk is down or slow: the gateway answers 503, not 500.
      throw new RtError(503, `RT ${method} ${path}: no answer`, {
        cause: err,
        detail: 'The helpdesk (Request Tracker) does not answer right now.',
      });
    }
    if (res.status === 401) {
      await res.body?.cancel();
      throw new RtError(401, 'RT refused the credentials (RT_TOKEN or RT_USER/RT_PASSWORD)');
    }
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new RtError(res.status, `RT ${method} ${path}: ${res.status}`, {
        detail: 'The helpdesk (Request Tracker) failed to answer.',
      });
    }
    return res;
  }

  async #json(res: Response): Promise<unknown> {
    const text = await res.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new RtError(res.status, `RT answered ${res.status} with something that is not JSON`);
      }
    }
    if (!res.ok) {
      const message =
        parsed && typeof parsed === 'object' && 'message' in parsed
          ? String((parsed as { message: unknown }).message)
          : text;
      throw new RtError(res.status, `RT ${res.status}: ${message.slice(0, 300)}`);
    }
    return parsed;
  }
}
