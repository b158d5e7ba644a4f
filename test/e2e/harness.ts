/**
 * End-to-end harness: the real gateway in this process (127.0.0.1, port 0,
 * in-memory PGlite, fresh data dir, demo data), the built bundle from dist/,
 * and Debian's Chromium through playwright-core. Tests drive pages the way a
 * visitor does (launcher button, labels, roles), so they hold whether
 * dist/portico.js is the whole app or a facade that loads the rest on first use.
 *
 * PORTICO_CONNECTOR=rt runs the same tests against Request Tracker (started by
 * `npm run rt:up`); agent actions then go through RT's own REST2 as an RT
 * administrator, the way a real agent's work reaches the portal.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type * as RtModuleNs from '../../server/connectors/rt/index.js';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';
import type { NewTicketRequest, Session, Ticket, TicketStatus } from '../../src/protocol/index.js';
import { buildGateway } from '../../server/app.js';
import type { LockoutOptions } from '../../server/config.js';
import type { PortalConfigPatch } from '../../server/store/settings.js';
import { outboxFor } from '../server/helpers/gateway-harness.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../../server/seed/demo-seed.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUNDLE = path.join(ROOT, 'dist', 'portico.js');
export { DEMO_PASSWORD, DEMO_USERS };

export type ConnectorName = 'embedded' | 'rt';

/** Unique per run: subjects and texts a test looks for are never left over from another run (RT keeps them). */
export const RUN = randomBytes(3).toString('hex');

export function connectorFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectorName {
  const value = (env.PORTICO_CONNECTOR ?? 'embedded').trim() || 'embedded';
  if (value !== 'embedded' && value !== 'rt')
    throw new Error(`PORTICO_CONNECTOR must be embedded or rt, not "${value}"`);
  return value;
}

// ---------------------------------------------------------------- agents

/** What a helpdesk agent does to a ticket, wherever the tickets live. */
export interface Agent {
  /** A public answer the customer sees. */
  reply(ticketId: string, text: string): Promise<void>;
  /** A public answer written as HTML, as a mail client or RT's rich-text editor sends it. */
  replyHtml(ticketId: string, html: string): Promise<void>;
  /** An internal note (RT: comment) that must never reach the customer. */
  comment(ticketId: string, text: string): Promise<void>;
  setStatus(ticketId: string, status: TicketStatus): Promise<void>;
}

async function expectOk(res: Response, what: string): Promise<void> {
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  throw new Error(`${what}: ${res.status} ${await res.text()}`);
}

/** The embedded store's agent side: the gateway's admin API. */
export function adminApiAgent(origin: string, adminToken: string, authorName = 'Alex (E2E agent)'): Agent {
  const call = async (method: string, p: string, body: unknown) =>
    expectOk(
      await fetch(`${origin}/admin/v1${p}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      `admin ${method} ${p}`,
    );
  return {
    reply: (id, text) =>
      call('POST', `/tickets/${encodeURIComponent(id)}/messages`, {
        authorName,
        body: { format: 'text', content: text },
      }),
    replyHtml: (id, html) =>
      call('POST', `/tickets/${encodeURIComponent(id)}/messages`, {
        authorName,
        body: { format: 'html', content: html },
      }),
    comment: (id, text) =>
      call('POST', `/tickets/${encodeURIComponent(id)}/messages`, {
        authorName,
        body: { format: 'text', content: text },
        internal: true,
      }),
    setStatus: (id, status) => call('POST', `/tickets/${encodeURIComponent(id)}/status`, { status }),
  };
}

/** Portico status → the RT status an agent would pick (RT's `rejected` reads as closed). */
const RT_STATUS: Record<TicketStatus, string> = {
  new: 'new',
  open: 'open',
  pending: 'stalled',
  solved: 'resolved',
  closed: 'rejected',
};

/** Request Tracker's agent side: REST2 as an RT administrator, behind the gateway's back. */
export function rtRestAgent(rtUrl: string, user: string, password: string): Agent {
  const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const call = async (method: string, p: string, body: unknown) =>
    expectOk(
      await fetch(`${rtUrl}/REST/2.0${p}`, {
        method,
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      `RT ${method} ${p}`,
    );
  return {
    reply: (id, text) =>
      call('POST', `/ticket/${encodeURIComponent(id)}/correspond`, { Content: text, ContentType: 'text/plain' }),
    replyHtml: (id, html) =>
      call('POST', `/ticket/${encodeURIComponent(id)}/correspond`, { Content: html, ContentType: 'text/html' }),
    comment: (id, text) =>
      call('POST', `/ticket/${encodeURIComponent(id)}/comment`, { Content: text, ContentType: 'text/plain' }),
    setStatus: (id, status) => call('PUT', `/ticket/${encodeURIComponent(id)}`, { Status: RT_STATUS[status] }),
  };
}

interface RtTarget {
  url: string;
  adminUser: string;
  adminPassword: string;
}

type RtModule = typeof RtModuleNs;

async function rtTarget(): Promise<RtTarget> {
  // Loaded only for rt runs: the embedded run never needs the RT module.
  const mod = (await import('../../server/connectors/rt/index.js')) as RtModule;
  const settings = mod.rtSettingsFromEnv(process.env);
  return {
    url: settings.url,
    adminUser: process.env.RT_ADMIN_USER ?? 'root',
    adminPassword: process.env.RT_ADMIN_PASSWORD ?? 'password',
  };
}

/**
 * Why this run cannot go on, or null. Only rt runs can be unable: RT must
 * answer with the settings `npm run rt:up` writes. Under CI a missing RT is
 * a failure (thrown), elsewhere a skip with the reason.
 */
export async function skipReason(connector: ConnectorName = connectorFromEnv()): Promise<string | null> {
  if (connector !== 'rt') return null;
  let reason: string | null = null;
  try {
    const { url } = await rtTarget();
    try {
      const res = await fetch(`${url}/REST/2.0/rt`, { signal: AbortSignal.timeout(3000) });
      await res.body?.cancel();
      if (res.status !== 401 && !res.ok) reason = `RT at ${url} answered ${res.status}`;
    } catch {
      reason = `RT is not reachable at ${url} (start it with: npm run rt:up)`;
    }
  } catch (err) {
    reason = (err as Error).message;
  }
  if (reason && process.env.CI) throw new Error(`PORTICO_CONNECTOR=rt under CI, but: ${reason}`);
  if (reason) console.log(`# e2e skipped: ${reason}`);
  return reason;
}

// ---------------------------------------------------------------- the gateway

export interface Gateway {
  app: FastifyInstance;
  /** http://127.0.0.1:port */
  origin: string;
  adminToken: string;
  /** The gateway's data directory; mail lands in `<dataDir>/outbox/*.eml`. */
  dataDir: string;
  connector: ConnectorName;
  agent: Agent;
  close(): Promise<void>;
}

/** A free loopback port, so publicUrl (links in mail, article URLs) is right from the start. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Fails with what to do when dist/ has not been built; `before` names the tests that need it. */
export function assertBundleBuilt(before = 'the end-to-end tests'): void {
  if (!existsSync(BUNDLE)) {
    throw new Error(`${path.relative(ROOT, BUNDLE)} is missing: run \`npm run build\` before ${before}`);
  }
}

export interface GatewayStartOptions {
  connector?: ConnectorName;
  /** Origins allowed by CORS (a page served from another port). */
  allowedOrigins?: string[];
  /** Trust X-Forwarded-* (the gateway behind a TLS proxy, test/e2e/tls-proxy.ts). */
  trustProxy?: boolean;
  /**
   * A PostgreSQL server (postgres://…) instead of in-memory PGlite. The demo is
   * seeded only into an empty database; tests on a shared server make their own data.
   */
  databaseUrl?: string;
  /** Sign-in throttling for this gateway, over the suite's relaxed one (a test of the throttle itself). */
  lockout?: Partial<LockoutOptions>;
  /** Settings the gateway starts with, as `npm start`'s options give them (a short idle timeout, say). */
  settings?: PortalConfigPatch;
}

export async function startGateway(opts: GatewayStartOptions = {}): Promise<Gateway> {
  assertBundleBuilt();
  const connector = opts.connector ?? connectorFromEnv();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-e2e-'));
  const adminToken = randomBytes(24).toString('hex');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let app: FastifyInstance | null = null;
  try {
    app = await buildGateway({
      dataDir,
      inMemory: !opts.databaseUrl,
      databaseUrl: opts.databaseUrl,
      connector,
      // A quick RT poll: agent work in RT should reach the page within a second or two.
      env: { ...process.env, RT_POLL_MS: process.env.RT_POLL_MS ?? '500' },
      adminToken,
      publicUrl: origin,
      allowedOrigins: opts.allowedOrigins ?? [],
      trustProxy: opts.trustProxy ?? false,
      settings: opts.settings,
      // Many sign-ins from one address in a few seconds is this suite, not an attack.
      rateLimit: { perMinute: 100_000, authPerMinute: 10_000 },
      lockout: {
        freeFailures: 1000,
        freeFailuresPerIp: 1000,
        mailCooldownSeconds: 0,
        mailsPerHour: 1000,
        ...opts.lockout,
      },
    });
    // RT brings its own tickets (rt-up's demo); the tests make the ones they need either way.
    await seedDemo(app, { tickets: connector === 'embedded' });
    await app.listen({ host: '127.0.0.1', port });
  } catch (err) {
    await app?.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const rt = connector === 'rt' ? await rtTarget() : null;
  const agent = rt ? rtRestAgent(rt.url, rt.adminUser, rt.adminPassword) : adminApiAgent(origin, adminToken);
  const running = app;
  return {
    app: running,
    origin,
    adminToken,
    dataDir,
    connector,
    agent,
    async close() {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- the protocol, as a customer (fixtures)

export async function apiSignIn(origin: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${origin}/portico/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, mode: 'bearer' }),
  });
  if (!res.ok) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  const session = (await res.json()) as Session & { token?: string };
  if (!session.token) throw new Error(`sign-in of ${email}: no bearer token in the session`);
  return session.token;
}

/** A ticket raised by a demo user through the protocol, as the support form would. */
export async function createTicketAs(
  origin: string,
  email: string,
  subject: string,
  text = `${subject}. Raised by the e2e suite.`,
): Promise<Ticket> {
  const token = await apiSignIn(origin, email);
  const body: NewTicketRequest = {
    formId: 'general',
    subject,
    body: { format: 'text', content: text },
    fields: { product: 'portal', urgency: 'normal' },
  };
  const res = await fetch(`${origin}/portico/v1/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create ticket for ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Ticket;
}

// ---------------------------------------------------------------- the browser

/** Chromium as every test gets it; `extraArgs` adds command-line switches (e.g. blocking third-party cookies). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  // scripts/chromium.mjs is plain JS (shared with web-test-runner): import it by URL.
  const url = pathToFileURL(path.join(ROOT, 'scripts', 'chromium.mjs')).href;
  const { launchOptions } = (await import(url)) as { launchOptions: LaunchOptions };
  try {
    return await chromium.launch({ ...launchOptions, args: [...(launchOptions.args ?? []), ...extraArgs] });
  } catch (err) {
    throw new Error(
      `Chromium did not start (${launchOptions.executablePath}); run \`node scripts/ensure-chromium.mjs\`.\n${(err as Error).message}`,
      { cause: err },
    );
  }
}

/** Everything a page complained about: uncaught errors, console errors, CSP violations. */
export interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
  consoleWarnings: string[];
  /** `status url` of every response ≥ 400 and every request that failed outright. */
  failedRequests: string[];
}

/** Answers a page may get without anything being wrong: "not signed in" (also bearer mode's refresh) and a missing favicon. */
export const EXPECTED_FAILURES = [/^401 .*\/portico\/v1\/session(\/refresh)?$/, /^404 .*\/favicon\.ico$/];

/** Problems other than the expected ones: uncaught errors, console errors, unexpected failed requests. */
export function unexpectedProblems(p: PageProblems): string[] {
  return [
    ...p.pageErrors.map((e) => `pageerror: ${e}`),
    // The browser logs every failed request as a console error; those are judged by failedRequests instead.
    ...p.consoleErrors.filter((e) => !/^Failed to load resource/.test(e)).map((e) => `console.error: ${e}`),
    ...p.failedRequests.filter((r) => !EXPECTED_FAILURES.some((re) => re.test(r))).map((r) => `request: ${r}`),
  ];
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** A fresh context (own cookies, own IndexedDB) with a page at `url`. */
export async function openPage(
  browser: Browser,
  url: string,
  opts: { waitUntil?: 'load' | 'domcontentloaded'; setup?: (context: BrowserContext) => Promise<unknown> } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  // Composed and bubbling: violations inside shadow roots reach the document too.
  await context.addInitScript(() => {
    const w = window as unknown as { e2eViolations: string[] };
    w.e2eViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        w.e2eViolations.push(
          `${e.effectiveDirective} blocked=${e.blockedURI} sample=${e.sample} at ${e.sourceFile}:${e.lineNumber}`,
        ),
      true,
    );
  });
  await opts.setup?.(context);
  const page = await context.newPage();
  const problems: PageProblems = { pageErrors: [], consoleErrors: [], consoleWarnings: [], failedRequests: [] };
  page.on('response', (r) => {
    if (r.status() >= 400) problems.failedRequests.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // An event stream cut off when the page closes is not a failure of the page.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.failedRequests.push(`failed ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err?.stack ?? err)));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
    if (m.type() === 'warning') problems.consoleWarnings.push(m.text());
  });
  await page.goto(url, { waitUntil: opts.waitUntil ?? 'load' });
  return { context, page, problems };
}

/**
 * axe-core's violations on the page as it is now (open shadow roots
 * included), as `rule: target…` lines. axe is handed to the page through the
 * DevTools protocol, so the page's own CSP does not stand in the way.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    type AxeViolation = { id: string; nodes: Array<{ target: unknown[] }> };
    const { violations } = await axe.run(document);
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}

/** CSP and Trusted Types violations the page has reported so far. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { e2eViolations?: string[] }).e2eViolations ?? []);
}

interface AxNode {
  ignored: boolean;
  role?: { value?: unknown };
  name?: { value?: unknown };
  backendDOMNodeId?: number;
}

/**
 * Elements of the page's accessibility tree with this role and name — what a
 * screen reader finds. Unlike Playwright's role locators this sees into closed
 * shadow roots (the facade draws its button in one).
 */
export async function accessibleElements(page: Page, role: string, name: string | RegExp): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes
      .filter((n) => !n.ignored && n.role?.value === role && n.backendDOMNodeId !== undefined)
      .filter((n) => {
        const label = String(n.name?.value ?? '');
        return typeof name === 'string' ? label === name : name.test(label);
      })
      .map((n) => n.backendDOMNodeId!);
  } finally {
    await cdp.detach();
  }
}

/** Waits until the accessibility tree has at least one such element; returns them all. */
export async function waitForAccessible(
  page: Page,
  role: string,
  name: string | RegExp,
  timeoutMs = 10_000,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await accessibleElements(page, role, name);
    if (found.length > 0) return found;
    if (Date.now() > deadline)
      throw new Error(`no ${role} named ${String(name)} in the accessibility tree after ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}

/** A real mouse click in the middle of the first element with this role and name. */
export async function clickAccessible(page: Page, role: string, name: string | RegExp): Promise<void> {
  const [backendNodeId] = await waitForAccessible(page, role, name);
  const cdp = await page.context().newCDPSession(page);
  let box: { content: number[] };
  try {
    await cdp.send('DOM.getDocument', { depth: 0 });
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
    ({ model: box } = (await cdp.send('DOM.getBoxModel', { backendNodeId })) as { model: { content: number[] } });
  } finally {
    await cdp.detach();
  }
  const xs = [box.content[0]!, box.content[2]!, box.content[4]!, box.content[6]!];
  const ys = [box.content[1]!, box.content[3]!, box.content[5]!, box.content[7]!];
  await page.mouse.click((Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2);
}

/**
 * Clicks the floating launcher button by its role and name, whichever script
 * drew it (the facade before the app has loaded, or the app's own launcher).
 */
export async function openLauncher(page: Page): Promise<void> {
  await clickAccessible(page, 'button', 'Open support');
  await page.getByRole('dialog').waitFor({ state: 'visible' });
}

/** Signs in through the panel's sign-in form, as a visitor types it. */
export async function signInThroughPanel(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email address').fill(email);
  await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await dialog.getByRole('tab', { name: 'Tickets' }).or(dialog.getByRole('grid')).first().waitFor();
}

/** The link in the newest mail to `to` whose text matches `param`, waiting for the mail to arrive. */
export async function mailedLink(
  gw: Gateway,
  to: string,
  param: 'portico_reset' | 'portico_magic' | 'portico_verify',
): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mails = await outboxFor(gw.dataDir, to);
    const link = mails
      .map((m) => new RegExp(`https?://\\S+[?&]${param}=\\S+`).exec(m.text)?.[0])
      .filter(Boolean)
      .at(-1);
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no ${param} mail to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
