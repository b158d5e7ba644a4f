/**
 * How the server suites reach a gateway: over real HTTP on 127.0.0.1, with
 * test data made through the admin API — so the same suites run against the
 * embedded store and against the Request Tracker connector.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FormSchema, MessageBody, Role, TicketStatus } from '../../../src/protocol/index.js';
import { buildGateway } from '../../../server/app.js';
import type { GatewayOptions } from '../../../server/config.js';
import { DEMO_FORMS } from '../../../server/seed/demo-content.js';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Options a suite may ask for; a backend's factory merges them into its own. */
export type GatewayOverrides = Partial<
  Pick<
    GatewayOptions,
    'settings' | 'sso' | 'lockout' | 'rateLimit' | 'allowedOrigins' | 'bodyLimitBytes' | 'uploadQuota' | 'eventStreams'
  >
>;

export interface Mail {
  subject: string;
  text: string;
}

export interface GatewayUnderTest {
  /** http://127.0.0.1:port */
  origin: string;
  /** the protocol's base URL, e.g. origin + /portico/v1 */
  api: string;
  admin: AdminClient;
  /** Mail sent to an address, oldest first. */
  outbox(to: string): Promise<Mail[]>;
  /** What is kept of uploaded files (to see that a refused upload left nothing behind). */
  storedUploads(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * What only the real gateway has, beside the protocol: its HTTP server's
 * request layer (JSON schemas, body limits, hand-made multipart bytes) and
 * its throttles. A suite marks each such case with the trait it needs and
 * skips it, saying so, for a backend without it (the reference backend).
 */
export interface GatewayTraits {
  /** Rate limits and the sign-in throttle (per IP and address, with Retry-After). */
  throttles: boolean;
  /** Fastify's request checks: JSON schemas (types, lengths, unknown fields), body limit, raw multipart, bad Unicode. */
  requestSchemas: boolean;
}

export type MakeGateway<G extends GatewayUnderTest = GatewayUnderTest> = ((
  overrides?: GatewayOverrides,
) => Promise<G>) & {
  readonly traits: GatewayTraits;
};

export const REAL_GATEWAY: GatewayTraits = { throttles: true, requestSchemas: true };

/** The reason a case is skipped for a backend without `trait`, or false where it runs. */
export function needs(make: MakeGateway, trait: keyof GatewayTraits): string | false {
  return make.traits[trait] ? false : `gateway only: needs ${trait}`;
}

export async function http<T = any>(
  url: string,
  init: { method?: string; json?: unknown; headers?: Record<string, string>; body?: BodyInit } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body = init.body;
  if (init.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { method: init.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** The agent side, through /admin/v1. */
export class AdminClient {
  constructor(
    readonly origin: string,
    readonly token: string,
  ) {}

  async call<T = any>(method: string, path: string, json?: unknown): Promise<T> {
    const res = await http<T>(`${this.origin}/admin/v1${path}`, {
      method,
      json,
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (res.status >= 400) throw new Error(`admin ${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  createOrg(input: { name: string; domains?: string[]; routingAssignee?: string | null }) {
    return this.call<{ id: string; name: string; domains: string[] }>('POST', '/organizations', input);
  }
  createUser(input: {
    email: string;
    name?: string;
    role?: Role;
    organizationId?: string | null;
    password?: string;
    invite?: boolean;
  }) {
    return this.call<{
      id: string;
      email: string;
      role: Role;
      organization: { id: string; name: string } | null;
      portalAccess: boolean;
    }>('POST', '/customers', input);
  }
  async findUser(email: string) {
    const res = await http(`${this.origin}/admin/v1/customers?email=${encodeURIComponent(email)}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    return res.status === 200
      ? (res.body.items[0] as { id: string; email: string; organization: { id: string } | null })
      : null;
  }
  enableAccess(customerId: string, role?: Role) {
    return this.call('POST', `/customers/${customerId}/portal-access`, role ? { role } : {});
  }
  /** A ticket an agent files for a requester (made a contact when unknown). */
  createTicket(input: {
    requesterEmail: string;
    requesterName?: string;
    formId: string;
    subject: string;
    body: MessageBody;
    fields?: Record<string, unknown>;
  }) {
    return this.call<{ id: string; requesterEmail: string }>('POST', '/tickets', input);
  }
  saveForm(form: FormSchema) {
    return this.call('PUT', `/forms/${form.id}`, form);
  }
  saveArticle(id: string, a: { title: string; excerpt: string; url: string; body?: string }) {
    return this.call('PUT', `/articles/${id}`, a);
  }
  ticket(id: string) {
    return this.call<{
      id: string;
      status: TicketStatus;
      updatedAt: string;
      assignee: { name: string } | null;
      requesterEmail: string;
    }>('GET', `/tickets/${id}`);
  }
  messages(id: string) {
    return this.call<{ items: Array<{ id: string; body: MessageBody; attachments: unknown[] }> }>(
      'GET',
      `/tickets/${id}/messages`,
    );
  }
  reply(id: string, text: string, opts: { internal?: boolean; html?: boolean; author?: string } = {}) {
    return this.call('POST', `/tickets/${id}/messages`, {
      authorName: opts.author ?? 'Agent Smith',
      body: { format: opts.html ? 'html' : 'text', content: text },
      internal: !!opts.internal,
    });
  }
  setStatus(id: string, status: TicketStatus) {
    return this.call('POST', `/tickets/${id}/status`, { status });
  }
  accessLog(email?: string) {
    return this.call<{ items: Array<{ event: string; method: string; email: string | null; detail: string | null }> }>(
      'GET',
      `/access-log${email ? `?email=${encodeURIComponent(email)}` : ''}`,
    );
  }
  settings(patch: unknown) {
    return this.call('PATCH', '/settings', patch);
  }
  chatReply(conversationId: string, text: string) {
    return this.call('POST', `/chat/conversations/${conversationId}/messages`, { authorName: 'Agent Smith', text });
  }
}

/** A browser-like client: keeps the session cookie and sends the CSRF token, or uses a bearer token. */
export class PortalClient {
  cookie: string | null = null;
  csrf: string | null = null;
  bearer: string | null = null;

  constructor(readonly api: string) {}

  async signIn(email: string, password: string, mode: 'cookie' | 'bearer' = 'cookie'): Promise<this> {
    const res = await this.post('/session', { email, password, mode });
    if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${res.text}`);
    this.adopt(res);
    return this;
  }

  /** Takes the session from a sign-in answer. */
  adopt(res: HttpResult): void {
    const set = res.headers.get('set-cookie');
    const m = set && /portico_session=([^;]*)/.exec(set);
    if (m) this.cookie = m[1] || null;
    if (res.body?.csrfToken) this.csrf = res.body.csrfToken;
    if (res.body?.token) this.bearer = res.body.token;
  }

  authHeaders(): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    else if (this.cookie) {
      h.cookie = `portico_session=${this.cookie}`;
      if (this.csrf) h['x-csrf-token'] = this.csrf;
    }
    return h;
  }

  get<T = any>(path: string, headers: Record<string, string> = {}) {
    return http<T>(this.api + path, { headers: { ...this.authHeaders(), ...headers } });
  }
  post<T = any>(path: string, json?: unknown, headers: Record<string, string> = {}) {
    return http<T>(this.api + path, { method: 'POST', json, headers: { ...this.authHeaders(), ...headers } });
  }
  patch<T = any>(path: string, json?: unknown, headers: Record<string, string> = {}) {
    return http<T>(this.api + path, { method: 'PATCH', json, headers: { ...this.authHeaders(), ...headers } });
  }
  delete<T = any>(path: string, headers: Record<string, string> = {}) {
    return http<T>(this.api + path, { method: 'DELETE', headers: { ...this.authHeaders(), ...headers } });
  }
  upload(name: string, bytes: Uint8Array | string, type: string, headers: Record<string, string> = {}) {
    const form = new FormData();
    form.append('file', new Blob([bytes as BlobPart], { type }), name);
    return http(this.api + '/uploads', { method: 'POST', body: form, headers: { ...this.authHeaders(), ...headers } });
  }
}

export interface OutboxMail {
  subject: string;
  text: string;
  /** The HTML alternative, when the mail has one. */
  html: string | null;
  /** Every header, names lower-cased. */
  headers: Record<string, string>;
}

const decodeBase64 = (body: string) => Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');

/** Mail the gateway wrote to its outbox for this address, newest last, bodies decoded. */
export async function outboxFor(dataDir: string, to: string): Promise<OutboxMail[]>;
export async function outboxFor(source: string | GatewayUnderTest, to: string): Promise<Mail[]>;
export async function outboxFor(source: string | GatewayUnderTest, to: string): Promise<Mail[]> {
  if (typeof source !== 'string') return source.outbox(to);
  const dataDir = source;
  const dir = path.join(dataDir, 'outbox');
  const files = (await readdir(dir).catch(() => [] as string[])).sort();
  const out: OutboxMail[] = [];
  for (const f of files) {
    const raw = await readFile(path.join(dir, f), 'utf8');
    const [head, ...rest] = raw.split('\r\n\r\n');
    if (!new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}$`, 'mi').test(head!)) continue;
    const headers = Object.fromEntries(
      head!.split('\r\n').map((line) => {
        const i = line.indexOf(':');
        return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()];
      }),
    );
    const body = rest.join('\r\n\r\n');
    const boundary = /boundary="([^"]+)"/.exec(headers['content-type'] ?? '')?.[1];
    let text = '';
    let html: string | null = null;
    if (!boundary) text = decodeBase64(body);
    else
      for (const part of body.split(`--${boundary}`)) {
        const [partHead, ...partBody] = part.split('\r\n\r\n');
        if (/text\/plain/.test(partHead!)) text = decodeBase64(partBody.join(''));
        if (/text\/html/.test(partHead!)) html = decodeBase64(partBody.join(''));
      }
    const subject = headers['subject'] ?? '';
    const encoded = /^=\?UTF-8\?B\?(.*)\?=$/.exec(subject);
    out.push({ subject: encoded ? decodeBase64(encoded[1]!) : subject, text, html, headers });
  }
  return out;
}

/**
 * Waits until the outbox holds at least `count` mails for this address (the
 * gateway sends them after answering) and returns them, newest last.
 */
export async function waitForMail(
  dataDir: string,
  to: string,
  count?: number,
  timeoutMs?: number,
): Promise<OutboxMail[]>;
export async function waitForMail(
  source: string | GatewayUnderTest,
  to: string,
  count?: number,
  timeoutMs?: number,
): Promise<Mail[]>;
export async function waitForMail(
  dataDir: string | GatewayUnderTest,
  to: string,
  count = 1,
  timeoutMs = 5000,
): Promise<Mail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await outboxFor(dataDir, to);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`no mail #${count} for ${to} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The token of a mailed link (`portico_reset`, `portico_magic`, `portico_verify`). */
export function linkToken(mail: { text: string }, param: string): string {
  const m = new RegExp(`${param}=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${param} link in: ${mail.text}`);
  return m[1]!;
}

export async function listUploadFiles(dataDir: string): Promise<string[]> {
  return readdir(path.join(dataDir, 'uploads')).catch(() => []);
}

/** Forms every suite uses: the demo's two, saved through the admin API. */
export async function seedForms(admin: AdminClient): Promise<void> {
  for (const f of DEMO_FORMS) await admin.saveForm(f);
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
/** Suites sign in many times from one address; their own limit tests turn it down. */
export const GENEROUS_LIMITS = { perMinute: 100_000, authPerMinute: 10_000 };
/**
 * Every suite's failures come from 127.0.0.1: the per-IP delay would be the
 * suite's, not a test's; and suites ask for several mails to one address in
 * a row. Tests of the throttle (account-security.test.ts) pass their own `lockout`.
 */
export const SUITE_LOCKOUT = { freeFailuresPerIp: 100_000, mailCooldownSeconds: 0 };

/**
 * A gateway on 127.0.0.1:0 with a temp data dir: PGlite in memory, or the
 * server in `databaseUrl`; tickets in the embedded store unless `connector`
 * says otherwise (e.g. `{connector: 'rt', env}` for Request Tracker).
 */
/** A real gateway, with its data directory (uploads, outbox). */
export type RealGateway = GatewayUnderTest & { dataDir: string };

export function startGateway(base: Partial<GatewayOptions> = {}): MakeGateway<RealGateway> {
  const make = async (overrides: GatewayOverrides = {}): Promise<RealGateway> => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-test-'));
    const app = await buildGateway({
      dataDir,
      inMemory: !base.databaseUrl,
      adminToken: TEST_ADMIN_TOKEN,
      serveStatic: false,
      rateLimit: GENEROUS_LIMITS,
      lockout: SUITE_LOCKOUT,
      ...base,
      ...overrides,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    const origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return {
      origin,
      api: `${origin}/portico/v1`,
      admin: new AdminClient(origin, TEST_ADMIN_TOKEN),
      dataDir,
      outbox: (to) => outboxFor(dataDir, to),
      storedUploads: () => listUploadFiles(dataDir),
      async close() {
        await app.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  };
  return Object.assign(make, { traits: REAL_GATEWAY });
}

/** The embedded backend (same as startGateway without a connector). */
export const embeddedGateway = (base: Partial<Omit<GatewayOptions, 'connector'>> = {}): MakeGateway<RealGateway> =>
  startGateway({ ...base, connector: 'embedded' });
