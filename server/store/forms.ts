import { formAvailableTo, type FormSchema, type FormSummary } from '../../src/protocol/index.js';
import type { Queryable } from '../db/database.js';
import { BUILTIN_FORMS } from './builtin-forms.js';

/**
 * The forms offered for a new ticket to a customer of this organisation (null:
 * none, or signed out): not those only a flow uses (chat's), nor those the
 * site owner offers only to other organisations.
 */
export async function listForms(db: Queryable, organizationId: string | null): Promise<FormSummary[]> {
  const rows = await db.query<{ schema: FormSchema }>('SELECT schema FROM forms ORDER BY position, id');
  return rows
    .filter(({ schema }) => schema.listed !== false && formAvailableTo(schema, organizationId))
    .map(({ schema }) => ({
      id: schema.id,
      name: schema.name,
      ...(schema.description ? { description: schema.description } : {}),
    }));
}

export async function getForm(db: Queryable, id: string): Promise<FormSchema | null> {
  const rows = await db.query<{ schema: FormSchema }>('SELECT schema FROM forms WHERE id = $1', [id]);
  return rows[0]?.schema ?? null;
}

/** Adds the built-in forms a gateway lacks; never overwrites a site owner's version. */
export async function ensureBuiltinForms(db: Queryable): Promise<void> {
  for (const form of BUILTIN_FORMS) {
    await db.query(`INSERT INTO forms (id, position, schema) VALUES ($1, 1000, $2) ON CONFLICT (id) DO NOTHING`, [
      form.id,
      JSON.stringify(form),
    ]);
  }
}

export async function saveForm(db: Queryable, form: FormSchema, position = 0): Promise<void> {
  await db.query(
    `INSERT INTO forms (id, position, schema) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, schema = EXCLUDED.schema`,
    [form.id, position, JSON.stringify(form)],
  );
}
