/**
 * What the fault cases share: the gateway as a child process (`tsx
 * server/main.ts`, as an operator runs it) that a case can kill -9 and start
 * again on the same data, a raw-socket HTTP client for requests no HTTP
 * library would send, a seeded random source, and the figures every case
 * reports for the suite to print.
 *
 * The store is PGlite in a temp data directory, or the PostgreSQL server in
 * DATABASE_URL (each case then uses data of its own, tagged per run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DATABASE_URL = process.env.DATABASE_URL || undefined;
export const STORE = DATABASE_URL ? 'PostgreSQL' : 'PGlite';
export const FAULT_ADMIN_TOKEN = 'fault-suite-admin-token-0123456789';

/** A figure of a case ("writes 120 sent, 0 lost, 0 duplicated"), printed and kept for the closing line. */
export function reportFigure(figure: string): void {
  console.log(`faults: ${figure}`);
  if (process.env.FAULTS_FIGURES) appendFileSync(process.env.FAULTS_FIGURES, `${figure}\n`);
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The gateway in a child process, on one data directory (and database) for its whole life. */
export class GatewayProcess {
  #child: ChildProcess | null = null;
  #log = '';
  port = 0;
  dataDir = '';

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get api(): string {
    return `${this.origin}/portico/v1`;
  }

  /** Starts (or starts again) and waits until the protocol answers. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.#child) throw new Error('the gateway is running already');
    this.dataDir ||= await mkdtemp(path.join(tmpdir(), 'portico-faults-'));
    this.port = await freePort();
    this.#log = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(this.port),
        PORTICO_DATA_DIR: this.dataDir,
        PORTICO_ADMIN_TOKEN: FAULT_ADMIN_TOKEN,
        ...(DATABASE_URL ? { DATABASE_URL } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    const keep = (b: Buffer) => {
      this.#log = (this.#log + b.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) =>
        reject(new Error(`the gateway exited (${code ?? signal}) while starting:\n${this.#log}`)),
      ),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const up = await fetch(`${this.api}/portal`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`the gateway did not answer within ${timeoutMs} ms:\n${this.#log}`);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
    }
    child.removeAllListeners('exit');
    child.once('exit', () => {
      if (this.#child === child) this.#child = null;
    });
  }

  /** kill -9: no shutdown hook runs, nothing is flushed. Resolves once the process is gone. */
  async kill9(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }

  /** A clean stop (SIGTERM), then the data directory goes. */
  async dispose(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  get log(): string {
    return this.#log;
  }
}

/** A small seeded random source (mulberry32): the same seed, the same requests. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

export interface RawResponse {
  /** 0: no answer (connection closed or reset before a status line). */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The socket was still open after `timeoutMs`. */
  timedOut: boolean;
}

/**
 * Sends bytes as they are on a fresh connection and reads the answer until
 * the server closes it (requests say `Connection: close`) or the answer's
 * Content-Length is in.
 */
export function rawRequest(port: number, request: Buffer | string, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (timedOut: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks), timedOut));
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    socket.on('data', (c) => {
      chunks.push(c);
      const parsed = parseResponse(Buffer.concat(chunks), false);
      const length = Number(parsed.headers['content-length']);
      if (parsed.status && Number.isFinite(length) && Buffer.byteLength(parsed.body) >= length) finish(false);
    });
    socket.on('end', () => finish(false));
    socket.on('close', () => finish(false));
    // The server may answer and close before it has read all we send (413, 431): that is an answer.
    socket.on('error', () => finish(false));
    socket.write(request);
  });
}

function parseResponse(buf: Buffer, timedOut: boolean): RawResponse {
  const text = buf.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!m || end === -1) return { status: 0, headers: {}, body: '', timedOut };
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, end).split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return {
    status: Number(m[1]),
    headers,
    body: buf.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1')).toString('utf8'),
    timedOut,
  };
}
