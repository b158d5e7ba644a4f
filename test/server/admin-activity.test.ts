/**
 * The access log as the site owner reads it (issue 13, Activity): filtered
 * by who, what, where from and when, paged to older entries, and exported as
 * CSV that a spreadsheet opens without running anything an attacker typed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { embeddedGateway, http, type RealGateway } from './helpers/gateway-harness.js';
import { makeWorld, PASSWORD, type World } from './helpers/world.js';

interface Entry {
  id: number;
  at: string;
  event: string;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
}

describe('admin access log (issue 13)', () => {
  let gw: RealGateway;
  let w: World;
  let startedAt: string;
  const auth = () => ({ authorization: `Bearer ${gw.admin.token}` });
  const log = async (query: string) => {
    const res = await http<{ items: Entry[] }>(`${gw.origin}/admin/v1/access-log?${query}`, { headers: auth() });
    assert.equal(res.status, 200, res.text);
    return res.body.items;
  };

  before(async () => {
    gw = await embeddedGateway()();
    w = await makeWorld(gw.admin);
    startedAt = new Date(Date.now() - 1000).toISOString();
    const signIn = (email: string, password: string, agent = 'Mozilla/5.0 test') =>
      http(`${gw.api}/session`, { json: { email, password }, headers: { 'user-agent': agent } });
    assert.equal((await signIn(w.bob.email, PASSWORD)).status, 200);
    assert.equal((await signIn(w.bob.email, 'wrong password 1')).status, 401);
    assert.equal((await signIn(w.alice.email, PASSWORD, '=HYPERLINK("http://evil.example","x")')).status, 200);
  });
  after(async () => {
    await gw?.close();
  });

  it('filters by address, event, IP and time, and pages to older entries', async () => {
    const bob = await log(`email=${encodeURIComponent(w.bob.email)}`);
    assert.deepEqual(
      bob.map((e) => e.event),
      ['sign-in-failed', 'sign-in'],
      'newest first',
    );
    const failed = await log('event=sign-in-failed');
    assert.ok(failed.length >= 1 && failed.every((e) => e.event === 'sign-in-failed'));
    const ip = bob[0]!.ip!;
    assert.ok((await log(`ip=${encodeURIComponent(ip)}`)).length >= 3);
    assert.deepEqual(await log('ip=203.0.113.9'), []);
    const now = await log(`since=${encodeURIComponent(startedAt)}&email=${encodeURIComponent(w.bob.email)}`);
    assert.equal(now.length, 2);
    assert.deepEqual(await log(`until=${encodeURIComponent(startedAt)}&email=${encodeURIComponent(w.bob.email)}`), []);
    const older = await log(`email=${encodeURIComponent(w.bob.email)}&before=${bob[0]!.id}`);
    assert.deepEqual(
      older.map((e) => e.id),
      [bob[1]!.id],
    );
    for (const bad of ['event=hacked', 'since=yesterday', 'since=2026-13-45T99:99Z', 'ip=1%27%20OR%201', 'before=-1']) {
      const res = await http(`${gw.origin}/admin/v1/access-log?${bad}`, { headers: auth() });
      assert.equal(res.status, 400, `${bad}: ${res.text}`);
    }
  });

  it('exports the filtered log as CSV; a cell a spreadsheet would run as a formula is text', async () => {
    const res = await fetch(`${gw.origin}/admin/v1/access-log.csv?since=${encodeURIComponent(startedAt)}`, {
      headers: auth(),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="portico-access-log\.csv"/);
    const lines = (await res.text()).split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'at,event,method,email,ip,userAgent,detail');
    assert.equal(lines.length, 1 + 3, 'a header and the three entries since the start');
    const alice = lines.find((l) => l.includes(w.alice.email))!;
    assert.ok(alice.includes(`"'=HYPERLINK(""http://evil.example"",""x"")"`), alice);
    assert.ok(!lines.some((l) => l.split(',').some((cell) => /^"?[=+@]/.test(cell))), 'no cell starts a formula');
    const customer = await fetch(`${gw.origin}/admin/v1/access-log.csv`);
    assert.equal(customer.status, 401, 'not without the admin credentials');
  });
});
