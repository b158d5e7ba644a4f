/**
 * Fault case: two gateway processes (`tsx server/main.ts`, as an operator
 * runs them) on one PostgreSQL server, with concurrent writers replying
 * through both admin APIs. Every stream, on either gateway, must get every
 * event of its audience, each once, in id order. Needs DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { AdminClient, PortalClient } from '../server/helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD, type World } from '../server/helpers/world.js';
import { reportFigure, tally, Viewer } from './sse-support.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const TOKEN = 'fault-two-gateways-admin-token-0123456789';
const WRITERS = 4;
const REPLIES_EACH = 50;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One gateway process on the shared PostgreSQL server, with a data directory of its own. */
class Gateway {
  #child: ChildProcess | null = null;
  #log = '';
  port = 0;
  dataDir = '';

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    this.dataDir = await mkdtemp(path.join(tmpdir(), 'portico-two-gw-'));
    this.port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(this.port),
        PORTICO_DATA_DIR: this.dataDir,
        PORTICO_ADMIN_TOKEN: TOKEN,
        DATABASE_URL,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    const keep = (b: Buffer) => (this.#log = (this.#log + String(b)).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let exited = false;
    child.once('exit', () => (exited = true));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const up = await fetch(`${this.origin}/portico/v1/portal`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) return;
      if (exited || Date.now() > deadline) throw new Error(`the gateway did not start:\n${this.#log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child && child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}

if (!DATABASE_URL) {
  describe('fault: two gateways on one PostgreSQL server', () => {
    it('runs only with DATABASE_URL set', { skip: 'DATABASE_URL is not set' }, () => {});
  });
} else {
  describe('fault: two gateways on one PostgreSQL server, concurrent writers', { timeout: 240_000 }, () => {
    const gateways = [new Gateway(), new Gateway()];
    const viewers: Viewer[] = [];
    let pool: pg.Pool;
    let w: World;

    before(async () => {
      pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
      // One after the other: the first seeds the demo data, the second finds it.
      for (const g of gateways) await g.start();
      w = await makeWorld(new AdminClient(gateways[0]!.origin, TOKEN));
    });
    after(async () => {
      for (const v of viewers) v.close();
      await Promise.all(gateways.map((g) => g.stop()));
      await pool?.end();
    });

    it('every stream on either gateway gets every event of its audience, once, in id order', async () => {
      const admins = gateways.map((g) => new AdminClient(g.origin, TOKEN));
      const api = (i: number) => `${gateways[i]!.origin}/portico/v1`;
      const alice = await new PortalClient(api(0)).signIn(w.alice.email, PASSWORD, 'bearer');
      const bob = await new PortalClient(api(1)).signIn(w.bob.email, PASSWORD, 'bearer');
      const tickets: string[] = [];
      for (const who of [alice, bob, alice, bob]) {
        tickets.push((await who.post('/tickets', generalTicket(`two gateways ${tickets.length}`))).body.id as string);
      }

      // Alice (company user: sees her organisation) and Bob (his own) on both gateways.
      const tabs: Array<{ viewer: Viewer; email: string; orgId: string | null }> = [];
      for (const [i, who, email, orgId] of [
        [0, alice, w.alice.email, w.orgA.id],
        [1, alice, w.alice.email, w.orgA.id],
        [0, alice, w.alice.email, w.orgA.id],
        [1, alice, w.alice.email, w.orgA.id],
        [0, bob, w.bob.email, null],
        [1, bob, w.bob.email, null],
      ] as const) {
        const viewer = new Viewer(`${api(i)}/events`, who.bearer!);
        viewers.push(viewer);
        tabs.push({ viewer, email, orgId });
      }
      for (const v of viewers) await v.until(() => v.stream.lastEventId !== null, 'the first frame');
      const from = new Map(viewers.map((v) => [v, v.messages.length ? v.ids[0]! - 1 : Number(v.stream.lastEventId)]));

      // Concurrent writers, each alternating between the two gateways' admin APIs.
      const started = Date.now();
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          for (let i = 0; i < REPLIES_EACH; i++) {
            await admins[(writer + i) % 2]!.reply(tickets[(writer * 7 + i) % tickets.length]!, `w${writer} #${i}`);
          }
        }),
      );
      const writeMs = Date.now() - started;

      const expectedFor = async (v: Viewer, email: string, orgId: string | null) =>
        (
          await pool.query<{ id: number }>(
            `SELECT id::int AS id FROM events WHERE id > $1
             AND (requester_email = $2 OR ($3::text IS NOT NULL AND organization_id = $3)) ORDER BY id`,
            [from.get(v), email.toLowerCase(), orgId],
          )
        ).rows.map((r) => r.id);
      let total = 0;
      let missed = 0;
      let duplicated = 0;
      let outOfOrder = 0;
      for (const { viewer, email, orgId } of tabs) {
        const want = await expectedFor(viewer, email, orgId);
        await viewer.until(() => viewer.ids.includes(want.at(-1)!), 'the last event', 60_000).catch(() => undefined);
        const t = tally(want, viewer.ids);
        assert.equal(t.unexpected, 0, 'nothing outside its audience');
        total += want.length;
        missed += t.missed;
        duplicated += t.duplicated;
        outOfOrder += t.outOfOrder;
      }
      reportFigure(
        `two gateways: ${total} events to ${viewers.length} streams, ${missed} missed, ${duplicated} duplicated, ` +
          `${outOfOrder} out of order (${WRITERS * REPLIES_EACH} replies by ${WRITERS} writers in ${writeMs} ms)`,
      );
      assert.equal(missed, 0);
      assert.equal(duplicated, 0);
      assert.equal(outOfOrder, 0);
      assert.ok(total >= WRITERS * REPLIES_EACH * 2 * 4, `${total} events expected in all`);
    });
  });
}
