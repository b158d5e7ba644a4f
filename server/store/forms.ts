import type { FormSchema, FormSummary } from '../../src/core/protocol.js';
import type { Queryable } from '../db/database.js';

export async function listForms(db: Queryable): Promise<FormSummary[]> {
  const rows = await db.query<{ schema: FormSchema }>('SELECT schema FROM forms ORDER BY position, id');
  return rows.map(({ schema }) => ({
    id: schema.id,
    name: schema.name,
    ...(schema.description ? { description: schema.description } : {}),
  }));
}

export async function getForm(db: Queryable, id: string): Promise<FormSchema | null> {
  const rows = await db.query<{ schema: FormSchema }>('SELECT schema FROM forms WHERE id = $1', [id]);
  return rows[0]?.schema ?? null;
}

export async function saveForm(db: Queryable, form: FormSchema, position = 0): Promise<void> {
  await db.query(
    `INSERT INTO forms (id, position, schema) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, schema = EXCLUDED.schema`,
    [form.id, position, JSON.stringify(form)],
  );
}
