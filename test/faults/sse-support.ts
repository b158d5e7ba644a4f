/**
 * What the live-update fault cases share: a TCP proxy that can cut every
 * connection through it at any byte, the browser's own stream client
 * (src/core/sse.ts, which runs in Node too) recording what it was shown,
 * and the figures a case prints.
 */
import { appendFileSync } from 'node:fs';
import net from 'node:net';
import { openEventStream, type EventStream, type SseMessage } from '../../src/core/sse.js';

/** Prints one figure (`faults: sse events 200 sent, 0 missed, 0 duplicated`), kept for a closing summary. */
export function reportFigure(figure: string): void {
  console.log(`faults: ${figure}`);
  if (process.env.FAULTS_FIGURES) appendFileSync(process.env.FAULTS_FIGURES, `${figure}\n`);
}

/** Forwards 127.0.0.1:port to the target; cut() drops every connection through it at once, mid-frame or not. */
export class CutProxy {
  readonly #server: net.Server;
  readonly #pairs = new Set<[net.Socket, net.Socket]>();
  port = 0;
  cuts = 0;
  connections = 0;

  constructor(targetPort: number) {
    this.#server = net.createServer((client) => {
      this.connections++;
      const upstream = net.connect(targetPort, '127.0.0.1');
      const pair: [net.Socket, net.Socket] = [client, upstream];
      this.#pairs.add(pair);
      const drop = () => {
        this.#pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as net.AddressInfo).port;
  }

  /** Drops every open connection (as a flaky network or a restarting proxy would); returns how many. */
  cut(): number {
    const n = this.#pairs.size;
    for (const [client, upstream] of [...this.#pairs]) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.#pairs.clear();
    if (n) this.cuts++;
    return n;
  }

  get open(): number {
    return this.#pairs.size;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** One browser tab's stream: the client of src/core/sse.ts, with every event it dispatched. */
export class Viewer {
  readonly messages: SseMessage[] = [];
  readonly stream: EventStream;
  opens = 0;
  #waiters = new Set<() => void>();

  constructor(url: string, token: string) {
    this.stream = openEventStream({
      url,
      headers: () => ({ Authorization: `Bearer ${token}` }),
      initialRetryMs: 50,
      onOpen: () => {
        this.opens++;
        this.#notify();
      },
      onMessage: (m) => {
        this.messages.push(m);
        this.#notify();
      },
    });
  }

  #notify(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Waits for a state of this viewer, or fails saying what it waited for. */
  async until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, 250));
        this.#waiters.add(done);
      });
    }
  }

  /** Ids of the events shown, in the order shown. */
  get ids(): number[] {
    return this.messages.map((m) => Number(m.id));
  }

  close(): void {
    this.stream.close();
  }
}

/** What a viewer was shown against what it should have been shown: every id once, in order. */
export function tally(expected: number[], shown: number[]) {
  const seen = new Set(shown);
  const missed = expected.filter((id) => !seen.has(id)).length;
  const duplicated = shown.length - seen.size;
  let outOfOrder = 0;
  for (let i = 1; i < shown.length; i++) if (shown[i]! <= shown[i - 1]!) outOfOrder++;
  const unexpected = shown.filter((id) => !expected.includes(id)).length;
  return { missed, duplicated, outOfOrder, unexpected };
}
