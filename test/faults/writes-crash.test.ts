/**
 * Fault case: kill -9 the gateway with writes in flight — new tickets, new
 * tickets with an uploaded file, replies — start it again on the same data,
 * and retry every request that got no answer with its Idempotency-Key, as
 * the browser's outbox does. Every write must exist exactly once, every
 * retry must end in the first answer (never a 422 because the first attempt
 * had claimed the upload), and answers given before the kill must replay.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { AdminClient, PortalClient, type HttpResult } from '../server/helpers/gateway-harness.js';
import { generalTicket, makeWorld, PASSWORD } from '../server/helpers/world.js';
import { FAULT_ADMIN_TOKEN, GatewayProcess, reportFigure, STORE } from './writes-harness.js';

const WRITES = Number(process.env.FAULTS_WRITES || 120);
const PARALLEL = 8;
const RETRY_DEADLINE_MS = 60_000;

type Kind = 'ticket' | 'ticket+file' | 'reply';

interface Op {
  i: number;
  kind: Kind;
  user: number;
  marker: string;
  key: string;
  uploadKey: string;
  uploadId: string | null;
  /** The final answer of the write (not of its upload). */
  answer: HttpResult | null;
  /** Answered before the kill. */
  early: boolean;
  /** A request of this write went unanswered because of the kill. */
  cut: boolean;
  /** Its retry after the restart was a replay: the first attempt had committed, its answer was lost. */
  committedUnanswered: boolean;
}

class Cut extends Error {}

describe(`kill -9 with writes in flight (${STORE})`, () => {
  const gw = new GatewayProcess();
  after(() => gw.dispose());

  it(`every one of ${WRITES} writes exists exactly once after a crash and retries`, { timeout: 240_000 }, async () => {
    await gw.start();
    const tag = randomUUID().slice(0, 8);
    const w = await makeWorld(new AdminClient(gw.origin, FAULT_ADMIN_TOKEN));
    const emails = [w.alice.email, w.bob.email, w.cat.email, w.dan.email];
    // Bearer sessions live in the store: they survive the restart like a browser's token.
    const tokens: string[] = [];
    for (const email of emails) tokens.push((await new PortalClient(gw.api).signIn(email, PASSWORD, 'bearer')).bearer!);
    const client = (user: number) => {
      const c = new PortalClient(gw.api);
      c.bearer = tokens[user]!;
      return c;
    };
    const bases: string[] = [];
    for (let u = 0; u < emails.length; u++) {
      const t = await client(u).post('/tickets', generalTicket(`fault ${tag} base ${u}`));
      assert.equal(t.status, 201, t.text);
      bases.push(t.body.id);
    }

    const kinds: Kind[] = ['ticket', 'ticket+file', 'reply'];
    const ops: Op[] = Array.from({ length: WRITES }, (_, i) => ({
      i,
      kind: kinds[i % 3]!,
      user: i % emails.length,
      marker: `fault ${tag} #${i}`,
      key: randomUUID(),
      uploadKey: randomUUID(),
      uploadId: null,
      answer: null,
      early: false,
      cut: false,
      committedUnanswered: false,
    }));

    let killed = false;
    /** One request of a write; a network error (the gateway is gone) marks the write cut. */
    const send = async (op: Op, req: () => Promise<HttpResult>): Promise<HttpResult> => {
      try {
        return await req();
      } catch {
        op.cut = true;
        throw new Cut();
      }
    };
    /** The write's requests in order, each with its own key; resumes where an answer is missing. */
    const run = async (op: Op, retrying: boolean): Promise<void> => {
      const c = client(op.user);
      const replayed = (r: HttpResult) => r.headers.get('idempotent-replayed') === 'true';
      if (op.kind === 'ticket+file' && !op.uploadId) {
        const up = await send(op, () =>
          c.upload(`${op.marker}.txt`, `bytes of ${op.marker}\n`, 'text/plain', { 'idempotency-key': op.uploadKey }),
        );
        if (up.status === 409) throw new Cut();
        assert.equal(up.status, 201, `upload of ${op.marker}: ${up.status} ${up.text}`);
        op.uploadId = up.body.id;
      }
      const headers = { 'idempotency-key': op.key };
      const res = await send(op, () =>
        op.kind === 'reply'
          ? c.post(`/tickets/${bases[op.user]}/messages`, { body: { format: 'text', content: op.marker } }, headers)
          : c.post(
              '/tickets',
              generalTicket(op.marker, op.kind === 'ticket+file' ? { attachments: [op.uploadId] } : {}),
              headers,
            ),
      );
      // Still running (its first attempt holds the key): the outbox waits Retry-After and asks again.
      if (res.status === 409 && res.body?.code === 'in-progress') throw new Cut();
      op.answer = res;
      op.early = !killed && !retrying;
      if (retrying && replayed(res)) op.committedUnanswered = true;
    };

    // Phase 1: writes in parallel; the gateway dies once a third of them are answered.
    const queue = [...ops];
    const killAt = Math.ceil(WRITES / 3);
    let answered = 0;
    let killing: Promise<void> | null = null;
    const worker = async () => {
      for (let op = queue.shift(); op && !killed; op = queue.shift()) {
        try {
          await run(op, false);
          if (++answered >= killAt && !killing) {
            killed = true;
            killing = gw.kill9();
          }
        } catch (err) {
          if (!(err instanceof Cut)) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    await killing;
    assert.ok(killed, 'the gateway was killed with writes in flight');
    const cutAtKill = ops.filter((o) => o.cut).length;

    // Phase 2: the same gateway again, on the same data; every unanswered write retried with its key.
    await gw.start();
    const deadline = Date.now() + RETRY_DEADLINE_MS;
    for (const op of ops.filter((o) => !o.answer)) {
      for (;;) {
        try {
          await run(op, true);
          break;
        } catch (err) {
          if (!(err instanceof Cut)) throw err;
          if (Date.now() > deadline)
            throw new Error(`${op.marker} got no answer within the retry deadline`, { cause: err });
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }
    // Answers given before the kill replay, with the same resource.
    let replaysDiffering = 0;
    for (const op of ops.filter((o) => o.early && o.answer!.status < 300)) {
      const again = await (op.kind === 'reply'
        ? client(op.user).post(
            `/tickets/${bases[op.user]}/messages`,
            { body: { format: 'text', content: op.marker } },
            { 'idempotency-key': op.key },
          )
        : client(op.user).post(
            '/tickets',
            generalTicket(op.marker, op.kind === 'ticket+file' ? { attachments: [op.uploadId] } : {}),
            { 'idempotency-key': op.key },
          ));
      if (again.body?.id !== op.answer!.body.id || again.headers.get('idempotent-replayed') !== 'true')
        replaysDiffering++;
    }

    // What the store holds, through the API: each customer's tickets and the replies on their base ticket.
    const found = new Map<string, number>();
    const count = (marker: string) => found.set(marker, (found.get(marker) ?? 0) + 1);
    const attachments = new Map<string, number>();
    for (let u = 0; u < emails.length; u++) {
      const c = client(u);
      let cursor = '';
      do {
        const page = await c.get(`/tickets?q=${encodeURIComponent(`fault ${tag} #`)}&limit=100&cursor=${cursor}`);
        assert.equal(page.status, 200, page.text);
        for (const t of page.body.items) {
          count(t.subject);
          if (/#\d+$/.test(t.subject) && ops[Number(t.subject.split('#')[1])]!.kind === 'ticket+file') {
            const first = (await c.get(`/tickets/${t.id}/messages`)).body.items[0];
            attachments.set(t.subject, first.attachments.length);
          }
        }
        cursor = page.body.nextCursor ?? '';
      } while (cursor);
      cursor = '';
      do {
        const page = await c.get(`/tickets/${bases[u]}/messages?limit=100&cursor=${cursor}`);
        assert.equal(page.status, 200, page.text);
        for (const m of page.body.items) if (m.body.content.startsWith(`fault ${tag} #`)) count(m.body.content);
        cursor = page.body.nextCursor ?? '';
      } while (cursor);
    }

    const failed = ops.filter((o) => !o.answer || o.answer.status >= 300);
    const false422 = failed.filter((o) => o.answer?.status === 422).length;
    const lost = ops.filter((o) => !found.get(o.marker)).length;
    const duplicated = ops.reduce((n, o) => n + Math.max(0, (found.get(o.marker) ?? 0) - 1), 0);
    const noFile = ops.filter((o) => o.kind === 'ticket+file' && attachments.get(o.marker) !== 1).length;
    const committedUnanswered = ops.filter((o) => o.committedUnanswered).length;
    reportFigure(
      `writes ${WRITES} sent, ${lost} lost, ${duplicated} duplicated, ${false422} false 422 ` +
        `(${STORE}; ${cutAtKill} cut by kill -9, ${committedUnanswered} of them committed unanswered and replayed)`,
    );
    assert.deepEqual(
      failed.map((o) => `${o.marker}: ${o.answer?.status} ${o.answer?.text}`),
      [],
      'every write ends in a 2xx',
    );
    assert.equal(lost, 0, 'no write lost');
    assert.equal(duplicated, 0, 'no write twice');
    assert.equal(noFile, 0, 'every ticket with a file has its one attachment');
    assert.equal(replaysDiffering, 0, 'answers from before the kill replay as they were');
    assert.ok(cutAtKill > 0, 'the kill cut writes in flight');
  });
});
