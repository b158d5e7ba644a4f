import {
  STATUS_FILTERS,
  TICKET_SORTS,
  type StatusFilter,
  type TicketScope,
  type TicketSort,
} from '../../src/protocol/index.js';
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

function oneOf<T extends string>(q: Query, name: string, allowed: readonly T[], fallback: T): T {
  const v = one(q, name);
  if (v === undefined || v === '') return fallback;
  if (!allowed.includes(v as T)) {
    throw problem.badField(name, 'one-of');
  }
  return v as T;
}

export function pageParams(q: Query): { cursor?: string; limit: number } {
  const cursor = one(q, 'cursor') || undefined;
  if (cursor && cursor.length > 500) throw problem.badField('cursor', 'invalid');
  const raw = one(q, 'limit');
  let limit = 25;
  if (raw !== undefined && raw !== '') {
    limit = Number(raw);
    if (!/^\d{1,3}$/.test(raw) || limit < 1 || limit > 100) {
      throw problem.badField('limit', 'max', { max: 100 });
    }
  }
  return { cursor, limit };
}

export function ticketQuery(q: Query) {
  const text = one(q, 'q')?.trim();
  if (text && text.length > 200) throw problem.badField('q', 'max-length', { max: 200 });
  if (text && !isWellFormedText(text)) throw problem.badField('q', 'invalid-text');
  return {
    scope: oneOf<TicketScope>(q, 'scope', ['mine', 'organization'], 'mine'),
    status: oneOf<StatusFilter>(q, 'status', STATUS_FILTERS, 'all'),
    sort: oneOf<TicketSort>(q, 'sort', TICKET_SORTS, '-updated'),
    q: text?.replace(/\u0000/g, '') || undefined,
    ...pageParams(q),
  };
}

export function scopeParam(q: Query): TicketScope {
  return oneOf<TicketScope>(q, 'scope', ['mine', 'organization'], 'mine');
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
