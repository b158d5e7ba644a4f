/**
 * One owner per PGlite data directory: a second gateway on the same directory
 * is refused with a clear message, the CLI sends its commands to the running
 * gateway (found from gateway.json) and opens the store itself only when
 * nobody holds it; the directory and the store's files are private.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../../server/app.js';
import { DataDirInUseError, readGatewayInfo } from '../../server/db/data-dir.js';
import { AdminClient, TEST_ADMIN_TOKEN } from './helpers/gateway-harness.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs a server entry point (cli.ts, main.ts) as its own process on this data directory. */
function node(script: string, args: string[], dataDir: string) {
  return run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', script), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORTICO_DATA_DIR: dataDir,
      PORTICO_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PORTICO_GATEWAY_URL: '',
      DATABASE_URL: '',
      PORT: '0',
    },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if ((await stat(file)).isDirectory()) out.push(...(await filesUnder(file)));
    else out.push(file);
  }
  return out;
}

describe('one owner per data directory', () => {
  let dataDir: string;
  let app: FastifyInstance;
  let admin: AdminClient;

  const start = () =>
    buildGateway({
      dataDir,
      adminToken: TEST_ADMIN_TOKEN,
      serveStatic: false,
      rateLimit: false,
      connector: 'embedded',
    });

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'portico-lock-'));
    app = await start();
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    admin = new AdminClient(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, TEST_ADMIN_TOKEN);
  });
  after(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says in gateway.json where its admin API answers', async () => {
    const info = await readGatewayInfo(dataDir);
    assert.ok(info, 'gateway.json written once listening');
    assert.equal(info.pid, process.pid);
    assert.equal(info.url, admin.origin);
  });

  it('refuses a second gateway on the same directory, in this process and in another', async () => {
    await assert.rejects(start(), (err: unknown) => {
      assert.ok(err instanceof DataDirInUseError, String(err));
      assert.match(err.message, new RegExp(`in use by another Portico process \\(pid ${process.pid}\\)`));
      return true;
    });
    const second = await node('main.ts', [], dataDir);
    assert.equal(second.code, 1, second.stdout);
    assert.match(second.stderr, /is in use by another Portico process \(pid \d+\).*one owner/);
    assert.doesNotMatch(second.stderr, /at .*\.ts:\d+/, 'a message, not a stack trace');
    // The running gateway is unharmed.
    assert.ok(await admin.call('GET', '/organizations'));
  });

  it('the CLI writes through the running gateway, which sees the write at once', async () => {
    const res = await node('cli.ts', ['create-org', '--name', 'Made by the CLI'], dataDir);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(JSON.parse(res.stdout).name, 'Made by the CLI');
    const orgs = await admin.call<{ items: Array<{ name: string }> }>('GET', '/organizations');
    assert.ok(
      orgs.items.some((o) => o.name === 'Made by the CLI'),
      'the running gateway has it',
    );
  });

  it('keeps the directory and the store private (0700, files 0600)', async () => {
    assert.equal((await stat(dataDir)).mode & 0o777, 0o700);
    const files = await filesUnder(path.join(dataDir, 'pgdata'));
    assert.ok(files.length > 10, 'the PGlite store is there');
    const open = [];
    for (const f of files) if (((await stat(f)).mode & 0o077) !== 0) open.push(f);
    assert.deepEqual(open, [], 'no file of the store readable by others');
  });

  it('with the gateway stopped, the CLI opens the store itself, and what it wrote stays', async () => {
    await app.close();
    assert.equal(await readGatewayInfo(dataDir), null, 'gateway.json removed on close');
    const res = await node('cli.ts', ['create-org', '--name', 'Written offline'], dataDir);
    assert.equal(res.code, 0, res.stderr);
    app = await start();
    const rows = await app.db.query<{ name: string }>('SELECT name FROM organizations');
    assert.deepEqual(rows.map((r) => r.name).sort(), ['Made by the CLI', 'Written offline']);
  });

  it('a gateway not yet listening: the CLI says so rather than writing into its store', async () => {
    // `app` holds the lock but has not listened: no gateway.json.
    const res = await node('cli.ts', ['orgs'], dataDir);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /in use by another Portico process .*\n.*no gateway\.json yet/);
  });
});
