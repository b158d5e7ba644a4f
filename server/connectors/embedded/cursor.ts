import { BadInput } from '../../errors.js';

/** Opaque keyset cursor: the sort column's value (as PostgreSQL prints it) and the id. */
export interface KeysetCursor {
  at: string;
  id: string;
}

const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

export function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

/** null for a missing cursor; a 400 problem for a forged one. */
export function decodeCursor(raw: string | undefined): KeysetCursor | null {
  if (!raw) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && PG_TIMESTAMP.test(at) && id.length < 100) return { at, id };
  } catch {
    /* fall through */
  }
  throw BadInput.field('cursor', 'invalid');
}
