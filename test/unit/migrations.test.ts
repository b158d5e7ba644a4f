// Migrations are applied by number: two files with one number would leave one never applied.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readdirSync } from 'node:fs';
import { migrate } from '../../server/db/migrate.js';
import type { Database } from '../../server/db/database.js';

test('every migration in server/migrations has a number of its own', () => {
  const numbers = readdirSync('server/migrations')
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, 3));
  assert.deepEqual(
    numbers.filter((n, i) => numbers.indexOf(n) !== i),
    [],
  );
});

test('the gateway refuses to start on two migrations with one number, naming both', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'portico-migrations-'));
  try {
    await writeFile(path.join(dir, '001_a.sql'), 'SELECT 1;');
    await writeFile(path.join(dir, '001_b.sql'), 'SELECT 1;');
    const db = { kind: 'pglite', transaction: async () => undefined } as unknown as Database;
    await assert.rejects(migrate(db, dir), /numbered 001: 001_a\.sql and 001_b\.sql/);
  } finally {
    await rm(dir, { recursive: true });
  }
});
