import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
/** Arbitrary constant: serialises migrations when several gateways share one server. */
const MIGRATION_LOCK = 7_350_211;

/** Applies `server/migrations/NNN_name.sql` files not yet recorded, each in its own transaction. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  const seen = new Map<string, string>();
  for (const f of files) {
    const other = seen.get(f.slice(0, 3));
    // Versions are the numbers: a second file with the same one would be skipped forever.
    if (other) throw new Error(`Two migrations are numbered ${f.slice(0, 3)}: ${other} and ${f}; renumber one.`);
    seen.set(f.slice(0, 3), f);
  }
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version int PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    for (const file of files) {
      const version = Number(file.slice(0, 3));
      if (done.has(version)) continue;
      await tx.exec(await readFile(new URL(file, `file://${dir.endsWith('/') ? dir : dir + '/'}`), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, file]);
      applied.push(file);
    }
  });
  return applied;
}
