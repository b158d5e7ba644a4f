/**
 * `npm run gateway -- <command>`: the agent side for the demo and tests.
 * Talks to the running gateway's admin API (found from `gateway.json` in the
 * data directory); when none is running, opens the store itself, holding the
 * data directory's lock (never both at once: PGlite has one owner).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { resolveAdminToken } from './admin-token.js';
import { buildGateway } from './app.js';
import { optionsFromEnv, type GatewayOptions } from './config.js';
import { DataDirInUseError, GATEWAY_INFO_FILE, readGatewayInfo } from './db/data-dir.js';

const HELP = `Usage: npm run gateway -- <command> [options]

  orgs                                      list organisations
  create-org --name N [--id KEY] [--domain D]… [--routing AGENT]
  users [--org ID]                          list customers
  create-user --email E [--name N] [--role user|company] [--org ID] [--password P] [--invite]
  enable-access --email E [--role user|company]   portal access + sign-in e-mail (TVox)
  import-customers FILE.csv [--dry-run] [--create-orgs] [--invite]
                                            customers from a CSV file (columns email, name, phone, organisation,
                                            language, role, portal access); --dry-run says per row what it would do
  tickets [--status open|closed|all] [--q TEXT] [--limit N]   every ticket, newest change first
  ticket --id ID|NUMBER                     show a ticket (agent view); 1001 or #1001 works as well as its id
  reply --id ID|NUMBER --text T [--author NAME] [--html]
  note --id ID|NUMBER --text T [--author NAME]   internal note, never shown to customers
  status --id ID|NUMBER --status new|open|pending|solved|closed
  access-log [--email E] [--limit N]        sign-ins and failures
  settings [--set path=value]…              show or change portal settings (e.g. portal.statusLabelMode=simple)
  chats [--status open|ended]               chat conversations, newest first (with the customer and last message)
  chat-reply --id CONVERSATION --text T [--author NAME]
  chat-end --id CONVERSATION
  create-admin --email E [--name N] [--role owner|agent] [--password P]
                                            a console account (/admin/); without --password one is chosen and shown once
  admins                                    console accounts
  audit-log [--actor E] [--limit N]         every admin action, newest first

Talks to the gateway running on PORTICO_DATA_DIR (it writes gateway.json there); when none runs,
opens the store itself. Environment: PORTICO_GATEWAY_URL (a gateway elsewhere), PORTICO_ADMIN_TOKEN,
PORTICO_DATA_DIR, DATABASE_URL.`;

type Call = (method: string, path: string, body?: unknown) => Promise<unknown>;

function parseValue(v: string): unknown {
  if (v === 'true' || v === 'false' || v === 'null' || /^-?\d+(\.\d+)?$/.test(v) || /^[[{"]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

/** `portal.chat.enabled=false` → {portal: {chat: {enabled: false}}} */
function settingsPatch(sets: string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq < 1) throw new Error(`--set wants path=value, got "${s}"`);
    const keys = s.slice(0, eq).split('.');
    let node = patch;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = parseValue(s.slice(eq + 1));
  }
  return patch;
}

export async function runCommand(
  call: Call,
  command: string,
  o: Record<string, string | string[] | boolean | undefined>,
): Promise<unknown> {
  const str = (k: string) => {
    const v = o[k];
    if (typeof v !== 'string' || !v) throw new Error(`--${k} is required`);
    return v;
  };
  const opt = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const body = (text: string) => ({ format: o.html ? 'html' : 'text', content: text });
  switch (command) {
    case 'orgs':
      return call('GET', '/organizations');
    case 'create-org':
      return call('POST', '/organizations', {
        ...(opt('id') ? { id: opt('id') } : {}),
        name: str('name'),
        domains: (o.domain as string[] | undefined) ?? [],
        ...(opt('routing') ? { routingAssignee: opt('routing') } : {}),
      });
    case 'users':
      return call('GET', `/customers${opt('org') ? `?organizationId=${encodeURIComponent(opt('org')!)}` : ''}`);
    case 'create-user':
      return call('POST', '/customers', {
        email: str('email'),
        ...(opt('name') ? { name: opt('name') } : {}),
        ...(opt('role') ? { role: opt('role') } : {}),
        ...(opt('org') ? { organizationId: opt('org') } : {}),
        ...(opt('password') ? { password: opt('password') } : {}),
        ...(o.invite ? { invite: true } : {}),
      });
    case 'enable-access': {
      const found = (await call('GET', `/customers?email=${encodeURIComponent(str('email'))}`)) as {
        items: Array<{ id: string }>;
      };
      return call('POST', `/customers/${found.items[0]!.id}/portal-access`, opt('role') ? { role: opt('role') } : {});
    }
    case 'import-customers': {
      if (typeof o.file !== 'string' || !o.file) throw new Error('Which file? import-customers FILE.csv [--dry-run]');
      return call('POST', '/customers/import', {
        csv: await readFile(o.file, 'utf8'),
        dryRun: !!o['dry-run'],
        createOrganizations: !!o['create-orgs'],
        invite: !!o.invite,
      });
    }
    case 'tickets': {
      const q = new URLSearchParams();
      for (const k of ['status', 'q', 'limit']) if (opt(k)) q.set(k, opt(k)!);
      return call('GET', `/tickets?${q}`);
    }
    case 'ticket':
      return call('GET', `/tickets/${encodeURIComponent(str('id'))}`);
    case 'reply':
    case 'note':
      return call('POST', `/tickets/${encodeURIComponent(str('id'))}/messages`, {
        authorName: opt('author') ?? 'Support',
        body: body(str('text')),
        internal: command === 'note',
      });
    case 'status':
      return call('POST', `/tickets/${encodeURIComponent(str('id'))}/status`, { status: str('status') });
    case 'access-log': {
      const q = new URLSearchParams();
      if (opt('email')) q.set('email', opt('email')!);
      if (opt('limit')) q.set('limit', opt('limit')!);
      return call('GET', `/access-log?${q}`);
    }
    case 'settings': {
      const sets = (o.set as string[] | undefined) ?? [];
      return sets.length ? call('PATCH', '/settings', settingsPatch(sets)) : call('GET', '/settings');
    }
    case 'chats':
      return call('GET', `/chat/conversations${opt('status') ? `?status=${encodeURIComponent(opt('status')!)}` : ''}`);
    case 'create-admin':
      return call('POST', '/accounts', {
        email: str('email'),
        role: opt('role') ?? 'owner',
        ...(opt('name') ? { name: opt('name') } : {}),
        ...(opt('password') ? { password: opt('password') } : {}),
      });
    case 'admins':
      return call('GET', '/accounts');
    case 'audit-log': {
      const q = new URLSearchParams();
      for (const k of ['actor', 'limit']) if (opt(k)) q.set(k, opt(k)!);
      return call('GET', `/audit-log?${q}`);
    }
    case 'chat-reply':
      return call('POST', `/chat/conversations/${encodeURIComponent(str('id'))}/messages`, {
        authorName: opt('author') ?? 'Support',
        text: str('text'),
      });
    case 'chat-end':
      return call('POST', `/chat/conversations/${encodeURIComponent(str('id'))}/end`, {});
    default:
      throw new Error(`Unknown command "${command}".\n\n${HELP}`);
  }
}

function httpCall(baseUrl: string, token: string): Call {
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl}/admin/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const data = res.status === 204 ? null : await res.json();
    if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(data)}`);
    return data;
  };
}

function injectCall(app: FastifyInstance, token: string): Call {
  return async (method, path, body) => {
    const res = await app.inject({
      method: method as 'GET',
      url: `/admin/v1${path}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    const data = res.statusCode === 204 ? null : res.json();
    if (res.statusCode >= 400) throw new Error(`${res.statusCode} ${JSON.stringify(data)}`);
    return data;
  };
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      domain: { type: 'string', multiple: true },
      routing: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      password: { type: 'string' },
      invite: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'create-orgs': { type: 'boolean' },
      id: { type: 'string' },
      text: { type: 'string' },
      author: { type: 'string' },
      html: { type: 'boolean' },
      status: { type: 'string' },
      limit: { type: 'string' },
      q: { type: 'string' },
      actor: { type: 'string' },
      set: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (!command || command === 'help' || values.help) {
    console.log(HELP);
    return;
  }
  const opts = optionsFromEnv();
  const token = await resolveAdminToken(opts.dataDir!, opts.adminToken);
  // A command's one argument that is not an option (import-customers FILE).
  const file = positionals[1];
  const result = await withGateway(opts, token, (call) => runCommand(call, command, { ...values, file }));
  console.log(JSON.stringify(result, null, 2));
}

/**
 * Runs `fn` against the gateway that owns the store: the running one, found
 * from the `gateway.json` it writes in its data directory (or
 * PORTICO_GATEWAY_URL), through its admin API; when none runs, a gateway of
 * our own, in this process, holding the data directory's lock meanwhile.
 */
export async function withGateway<T>(opts: GatewayOptions, token: string, fn: (call: Call) => Promise<T>): Promise<T> {
  const explicit = process.env.PORTICO_GATEWAY_URL;
  if (explicit) return fn(httpCall(explicit, token));
  if (opts.databaseUrl) {
    // A PostgreSQL server has room for several gateways: the running one if it answers, else our own.
    const url = (await readGatewayInfo(opts.dataDir!))?.url ?? `http://127.0.0.1:${process.env.PORT || 8787}`;
    try {
      return await fn(httpCall(url, token));
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') throw err;
    }
    return inOwnGateway(opts, token, fn);
  }
  try {
    return await inOwnGateway(opts, token, fn);
  } catch (err) {
    if (!(err instanceof DataDirInUseError)) throw err;
    // The store has an owner: the command goes to it, or nowhere.
    const info = await readGatewayInfo(opts.dataDir!);
    if (!info) {
      throw new Error(
        `${err.message}\nIt has not said where its admin API listens (no ${GATEWAY_INFO_FILE} yet): ` +
          'try again once it is up, or set PORTICO_GATEWAY_URL.',
        { cause: err },
      );
    }
    try {
      return await fn(httpCall(info.url, token));
    } catch (callErr) {
      const cause = (callErr as { cause?: { code?: string } }).cause;
      if (cause === undefined) throw callErr;
      const outcome =
        cause.code === 'ECONNREFUSED' ? 'nothing was changed' : 'check whether the command was carried out';
      throw new Error(`${err.message}\nIts admin API at ${info.url} does not answer (${String(cause)}): ${outcome}.`, {
        cause: callErr,
      });
    }
  }
}

async function inOwnGateway<T>(opts: GatewayOptions, token: string, fn: (call: Call) => Promise<T>): Promise<T> {
  const app = await buildGateway({ ...opts, adminToken: token, serveStatic: false, rateLimit: false });
  try {
    return await fn(injectCall(app, token));
  } finally {
    await app.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // Files this process creates in the data directory are its owner's only.
  process.umask(0o077);
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
