import { BadInput } from '../../errors.js';

/** Opaque keyset cursor: the sort column's value (as PostgreSQL prints it) and the id. */
export interface KeysetCursor {
  at: string;
  id: string;
  /** The status sort's lifecycle position of the last row. */
  rank?: number;
}

const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

/** The shape PostgreSQL prints, and a date and time that exist (no month 13, no 25:00). */
function realTimestamp(at: string): boolean {
  const m = PG_TIMESTAMP.exec(at);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = at.slice(0, 19).match(/\d+/g)!.map(Number);
  const day = new Date(Date.UTC(y!, mo! - 1, d!));
  const offset = /^[+-](\d{2}):?(\d{2})?$/.exec(m[2] ?? '');
  return (
    day.getUTCFullYear() === y &&
    day.getUTCMonth() === mo! - 1 &&
    day.getUTCDate() === d &&
    h! < 24 &&
    mi! < 60 &&
    s! < 60 &&
    (!offset || (Number(offset[1]) < 16 && Number(offset[2] ?? 0) < 60))
  );
}

export function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify(c.rank === undefined ? [c.at, c.id] : [c.at, c.id, c.rank])).toString('base64url');
}

/** null for a missing cursor; a 400 problem for a forged one. */
export function decodeCursor(raw: string | undefined): KeysetCursor | null {
  if (!raw) return null;
  try {
    const [at, id, rank] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && realTimestamp(at) && id.length < 100) {
      if (rank === undefined) return { at, id };
      if (Number.isInteger(rank) && (rank as number) >= 1 && (rank as number) <= 5)
        return { at, id, rank: rank as number };
    }
  } catch {
    /* fall through */
  }
  throw BadInput.field('cursor', 'invalid');
}
