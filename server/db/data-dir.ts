/**
 * One owner per PGlite data directory. PGlite is one process's database: a
 * second process writing the same files would corrupt them, or write what the
 * running gateway never sees. The gateway holds an exclusive lock on its data
 * directory while it runs, and says in `gateway.json` where its admin API
 * listens, so the CLI talks to it instead of opening the store.
 */
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const GATEWAY_INFO_FILE = 'gateway.json';
const LOCK_FILE = 'gateway.lock';

/** What a running gateway writes into its data directory. */
export interface GatewayInfo {
  pid: number;
  /** Where its admin API answers, e.g. http://127.0.0.1:8787 (then /admin/v1). */
  url: string;
  startedAt: string;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Portico process${pid ? ` (pid ${pid})` : ''}: ` +
        'a PGlite store has one owner. Stop that gateway first, or give this one its own PORTICO_DATA_DIR.',
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  /** Writes gateway.json: where the CLI reaches this gateway's admin API. */
  announce(url: string): Promise<void>;
  release(): Promise<void>;
}

/** The data directory, made if missing, readable by its owner only (0700). */
export async function privateDir(dir: string): Promise<string> {
  const abs = path.resolve(dir);
  await mkdir(abs, { recursive: true, mode: 0o700 });
  // Best effort: a directory someone else owns (a mounted volume) keeps its mode.
  await chmod(abs, 0o700).catch(() => undefined);
  return abs;
}

/** Makes everything under `dir` private: directories 0700, files 0600 (PGlite creates them 0666 less umask). */
export async function makePrivate(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  await chmod(dir, 0o700);
  for (const name of entries) {
    const file = path.join(dir, name);
    const st = await lstat(file).catch(() => null);
    if (!st || st.isSymbolicLink()) continue;
    if (st.isDirectory()) await makePrivate(file);
    else if ((st.mode & 0o777) !== 0o600) await chmod(file, 0o600).catch(() => undefined);
  }
}

/**
 * Takes the data directory's lock or throws DataDirInUseError. On Linux the
 * lock is an abstract Unix socket named after the directory's real path: the
 * kernel gives it to one process and frees it when that process ends, even
 * by kill -9. Elsewhere it is `gateway.lock`, created exclusively, holding
 * the owner's pid (taken over when that process is gone).
 */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const dataDir = await realpath(await privateDir(dir));
  const release = process.platform === 'linux' ? await socketLock(dataDir) : pidFileLock(dataDir);
  const infoFile = path.join(dataDir, GATEWAY_INFO_FILE);
  // What a gateway that ended without cleaning up left behind says nothing any more.
  await rm(infoFile, { force: true });
  let released = false;
  return {
    dataDir,
    async announce(url) {
      const info: GatewayInfo = { pid: process.pid, url, startedAt: new Date().toISOString() };
      await writeFile(infoFile, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
    },
    async release() {
      if (released) return;
      released = true;
      await rm(infoFile, { force: true });
      await release();
    },
  };
}

/** The running gateway's gateway.json, if there is one. */
export async function readGatewayInfo(dir: string): Promise<GatewayInfo | null> {
  try {
    const info = JSON.parse(await readFile(path.join(path.resolve(dir), GATEWAY_INFO_FILE), 'utf8')) as GatewayInfo;
    return typeof info.url === 'string' && Number.isInteger(info.pid) ? info : null;
  } catch {
    return null;
  }
}

async function socketLock(dataDir: string): Promise<() => Promise<void>> {
  const name = `\0portico-data-dir:${createHash('sha256').update(dataDir).digest('hex')}`;
  const server = net.createServer((socket) => {
    // Whoever asks learns the owner's pid (the error message names it).
    socket.end(String(process.pid));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(name, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new DataDirInUseError(dataDir, await ownerPid(name));
  }
  // The lock alone keeps no process alive.
  server.unref();
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

function ownerPid(name: string): Promise<number | null> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(name);
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('data', (d) => (text += String(d)));
    socket.on('close', () => resolve(/^\d+$/.test(text) ? Number(text) : null));
    socket.on('error', () => resolve(null));
  });
}

function pidFileLock(dataDir: string): () => Promise<void> {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return async () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DataDirInUseError(dataDir, null);
        throw err;
      }
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new DataDirInUseError(dataDir, pid);
      unlinkSync(file);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
