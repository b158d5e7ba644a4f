import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import fp from 'fastify-plugin';
import { lockDataDir, makePrivate, privateDir } from '../db/data-dir.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { ensureBuiltinForms } from '../store/forms.js';

export interface StoreOptions {
  dataDir?: string;
  databaseUrl?: string;
  inMemory?: boolean;
}

/** Where a client on this machine reaches a server listening on `address`. */
function localUrl(address: string | AddressInfo | null): string | null {
  if (!address || typeof address === 'string') return null;
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * The database (migrated, with the built-in forms) and the gateway's
 * directories: `db`, `dataDir`, `uploadsDir`, `outboxDir`. The data
 * directory is private (0700, PGlite's files 0600); a PGlite store in it is
 * locked for this process (server/db/data-dir.ts), and once listening the
 * gateway writes there where its admin API answers, for the CLI.
 */
export const storePlugin = fp<StoreOptions>(
  async (app, opts) => {
    const dataDir = await privateDir(opts.dataDir ?? './.portico-data');
    const ownsStore = !opts.inMemory && !opts.databaseUrl;
    const lock = ownsStore ? await lockDataDir(dataDir) : null;
    const uploadsDir = path.join(dataDir, 'uploads');
    const pgdata = path.join(dataDir, 'pgdata');
    let db;
    try {
      await mkdir(uploadsDir, { recursive: true, mode: 0o700 });
      db = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: ownsStore ? pgdata : 'memory://' });
    } catch (err) {
      await lock?.release();
      throw err;
    }
    try {
      if (ownsStore) await makePrivate(pgdata);
      await migrate(db);
      await ensureBuiltinForms(db);
    } catch (err) {
      await db.close();
      await lock?.release();
      throw err;
    }
    app.decorate('db', db);
    app.decorate('dataDir', dataDir);
    app.decorate('uploadsDir', uploadsDir);
    app.decorate('outboxDir', path.join(dataDir, 'outbox'));
    if (lock) {
      app.addHook('onListen', async () => {
        const url = localUrl(app.server.address());
        if (url) await lock.announce(url);
      });
    }
    app.addHook('onClose', async () => {
      await db.close();
      await lock?.release();
    });
  },
  { name: 'portico-store', fastify: '5.x' },
);
