import { BadInput } from '../../errors.js';

/** Opaque keyset cursor: the sort column's value (as PostgreSQL prints it) and the id. */
export interface KeysetCursor {
  at: string;
  id: string;
  /** The status sort's lifecycle position of the last row. */
  rank?: number;
}

const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

export function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify(c.rank === undefined ? [c.at, c.id] : [c.at, c.id, c.rank])).toString('base64url');
}

/** null for a missing cursor; a 400 problem for a forged one. */
export function decodeCursor(raw: string | undefined): KeysetCursor | null {
  if (!raw) return null;
  try {
    const [at, id, rank] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && PG_TIMESTAMP.test(at) && id.length < 100) {
      if (rank === undefined) return { at, id };
      if (Number.isInteger(rank) && (rank as number) >= 1 && (rank as number) <= 5)
        return { at, id, rank: rank as number };
    }
  } catch {
    /* fall through */
  }
  throw BadInput.field('cursor', 'invalid');
}
