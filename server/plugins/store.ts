import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import fp from 'fastify-plugin';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { ensureBuiltinForms } from '../store/forms.js';

export interface StoreOptions {
  dataDir?: string;
  databaseUrl?: string;
  inMemory?: boolean;
}

/** The database (migrated, with the built-in forms) and the gateway's directories: `db`, `dataDir`, `uploadsDir`, `outboxDir`. */
export const storePlugin = fp<StoreOptions>(
  async (app, opts) => {
    const dataDir = path.resolve(opts.dataDir ?? './.portico-data');
    const uploadsDir = path.join(dataDir, 'uploads');
    await mkdir(uploadsDir, { recursive: true });
    const db = await openDatabase({
      databaseUrl: opts.databaseUrl,
      dataDir: opts.inMemory ? 'memory://' : path.join(dataDir, 'pgdata'),
    });
    try {
      await migrate(db);
      await ensureBuiltinForms(db);
    } catch (err) {
      await db.close();
      throw err;
    }
    app.decorate('db', db);
    app.decorate('dataDir', dataDir);
    app.decorate('uploadsDir', uploadsDir);
    app.decorate('outboxDir', path.join(dataDir, 'outbox'));
    app.addHook('onClose', () => db.close());
  },
  { name: 'portico-store', fastify: '5.x' },
);
