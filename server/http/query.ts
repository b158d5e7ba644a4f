import { problem } from './problem.js';
import { isWellFormedText } from './text.js';

type Query = Record<string, unknown>;

/** A query parameter that may appear once, as text. */
function one(q: Query, name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw problem.badField(name, 'duplicate');
  return v;
}

export function textParam(q: Query, name: string, max = 200): string {
  const v = (one(q, name) ?? '').trim();
  if (v.length > max || !isWellFormedText(v) || v.includes('\u0000')) {
    throw problem.badField(name, 'max-length', { max });
  }
  return v;
}

/** Offset pages for in-memory lists (messages, chat): the cursor is the next index. */
export function slicePage<T>(
  all: T[],
  cursor: string | undefined,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const start = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isSafeInteger(start) || start < 0 || (String(start) !== cursor && cursor !== undefined)) {
    throw problem.badField('cursor', 'invalid');
  }
  const items = all.slice(start, start + limit);
  return { items, nextCursor: start + limit < all.length ? String(start + limit) : null };
}
