/**
 * One small query interface over both PostgreSQL flavours the gateway runs on:
 * PGlite (embedded, in a data directory or in memory) and a PostgreSQL server
 * through a `pg` Pool. Callers write plain PostgreSQL with $1 parameters.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite as PGliteType, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

export interface Queryable {
  /** Rows of one statement. bigint columns come back as numbers only when cast (`::int`). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction. Every `query` made while it runs — through
   * `tx` or through this Database, anywhere down the call chain — is part of
   * it, so a service and the stores it calls commit or roll back together. A
   * transaction inside another is a savepoint of the outer one.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Work for after the current transaction commits (removing files, telling
   * listeners); dropped if it rolls back. Outside a transaction it runs now.
   * Its errors are logged, never thrown: the transaction has committed.
   */
  afterCommit(fn: () => Promise<void> | void): Promise<void>;
  /** Whether the caller runs inside a transaction of this Database. */
  readonly inTransaction: boolean;
  /** Cross-process notifications (PostgreSQL server only; PGlite is one process). */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — use a PostgreSQL server. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` or undefined keeps it in memory. */
  dataDir?: string;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir);
}

/** The open transaction of the current call chain. */
interface Ambient {
  q: Queryable;
  /** False once committed or rolled back: late async work falls back to the pool. */
  open: boolean;
  after: Array<() => Promise<void> | void>;
  savepoints: number;
}

/**
 * The transaction logic both flavours share: `begin` runs a function in a
 * fresh transaction of the driver and hands it the transaction's Queryable.
 */
function withAmbientTransactions(
  kind: Database['kind'],
  base: Queryable,
  begin: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>,
  rest: Pick<Database, 'close' | 'listen'>,
): Database {
  const als = new AsyncLocalStorage<Ambient>();
  const current = () => {
    const a = als.getStore();
    return a?.open ? a : null;
  };
  const runAfter = async (fns: Ambient['after']) => {
    for (const fn of fns) {
      try {
        await fn();
      } catch (err) {
        console.error('portico: work after a commit failed:', err);
      }
    }
  };
  return {
    kind,
    query: (sql, params) => (current()?.q ?? base).query(sql, params),
    exec: (sql) => (current()?.q ?? base).exec(sql),
    get inTransaction() {
      return current() !== null;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const outer = current();
      if (outer) {
        const name = `sp_${++outer.savepoints}`;
        await outer.q.query(`SAVEPOINT ${name}`);
        try {
          const out = await fn(outer.q);
          await outer.q.query(`RELEASE SAVEPOINT ${name}`);
          return out;
        } catch (err) {
          await outer.q.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
          throw err;
        }
      }
      let ambient: Ambient | null = null;
      try {
        const out = await begin((q) => {
          ambient = { q, open: true, after: [], savepoints: 0 };
          return als.run(ambient, () => fn(q));
        });
        const done = ambient as Ambient | null;
        if (done) {
          done.open = false;
          await runAfter(done.after);
        }
        return out;
      } finally {
        if (ambient) (ambient as Ambient).open = false;
      }
    },
    async afterCommit(fn) {
      const a = current();
      if (a) a.after.push(fn);
      else await runAfter([fn]);
    },
    ...rest,
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  // pg_trgm: the trigram indexes that let search find a word inside subjects and messages (migration 014).
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db: PGliteType = await PGlite.create(dataDir && dataDir !== 'memory://' ? dataDir : undefined, {
    extensions: { pg_trgm },
  });
  const wrap = (q: PGliteType | PGliteTransaction): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const res = await q.query<T>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return withAmbientTransactions('pglite', wrap(db), (fn) => db.transaction((tx) => fn(wrap(tx))), {
    async close() {
      if (!db.closed) await db.close();
    },
  });
}

async function openPostgres(url: string): Promise<Database> {
  const pg = (await import('pg')).default;
  // int8 (counts, sequences) as numbers, like PGlite; our values stay far below 2^53.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool: Pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  const wrap = (q: Pool | PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const res = await q.query(sql, params as unknown[] | undefined);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  const begin = async <T>(fn: (q: Queryable) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(wrap(client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  };
  return withAmbientTransactions('postgres', wrap(pool), begin, {
    async listen(channel, onPayload) {
      const client = await pool.connect();
      const handler = (msg: { channel: string; payload?: string }) => {
        if (msg.channel === channel) onPayload(msg.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`LISTEN ${channel}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
        client.release();
      };
    },
    async close() {
      await pool.end();
    },
  });
}
