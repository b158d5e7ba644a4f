/**
 * TicketSQL for the rt connector: every value the gateway hands in is quoted
 * here and nowhere else, and every id is checked before it reaches RT.
 */
import {
  normalizeEmail,
  ticketNumberQuery,
  ticketSearchWords,
  type StatusFilter,
  type TicketSort,
  type TicketStatus,
} from '../../../src/protocol/index.js';
import { BadInput } from '../../errors.js';
import { CLOSED_CF, ORGANIZATION_CF, STATUS_FROM_RT, UPDATED_CF } from './rt-fields.js';

/** RT record ids are positive integers; anything else never reaches RT. */
const RT_ID = /^[1-9][0-9]{0,11}$/;

export function isRtId(id: unknown): id is string {
  return typeof id === 'string' && RT_ID.test(id);
}

/** A TicketSQL string literal. RT's parser takes backslash escapes for `'` and `\`. */
export function quote(value: string): string {
  // Control characters have no business in a search and confuse RT's tokenizer.
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `'${clean.replace(/['\\]/g, '\\$&')}'`;
}

export interface Scope {
  requesterEmail?: string;
  organizationId?: string;
  /** Every ticket of the queue: the agent side only. */
  agent?: true;
}

/** An e-mail domain as the gateway stores it; nothing else goes into an ENDSWITH. */
const DOMAIN = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;

/**
 * The scope clause: exactly one of requester or organisation, never neither.
 * A requester is any of the ticket's Requestors. An organisation's tickets are
 * those carrying its id in the Organization CF, and — given its e-mail
 * domains — those without the CF with a requestor at one of its domains (a
 * superset: the connector keeps those whose first requestor is there,
 * the one the ticket's organisation is read from).
 */
export function scopeClause(scope: Scope, domains: readonly string[] = []): string | null {
  if (scope.requesterEmail !== undefined) {
    if (!scope.requesterEmail.trim()) throw new Error('rt connector: empty requesterEmail');
    return `Requestor.EmailAddress = ${quote(normalizeEmail(scope.requesterEmail))}`;
  }
  if (scope.organizationId !== undefined) {
    if (!scope.organizationId.trim()) throw new Error('rt connector: empty organizationId');
    const byField = `CF.{${ORGANIZATION_CF}} = ${quote(scope.organizationId)}`;
    const byDomain = domainClause(domains);
    return byDomain ? `${byField} OR (${byDomain})` : byField;
  }
  if (scope.agent) return null;
  throw new Error('rt connector: a ticket query needs requesterEmail or organizationId');
}

/** Tickets without the Organization CF with a requestor at one of these domains; null for none. */
export function domainClause(domains: readonly string[]): string | null {
  const ends = domains
    .map((d) => d.trim().toLowerCase())
    .filter((d) => DOMAIN.test(d))
    .map((d) => `Requestor.EmailAddress ENDSWITH ${quote(`@${d}`)}`);
  return ends.length ? `CF.{${ORGANIZATION_CF}} IS NULL AND (${ends.join(' OR ')})` : null;
}

export function queueClause(queue: string): string {
  return `Queue = ${quote(queue)}`;
}

/** Deleted tickets are invisible everywhere; `__Active__` follows the queue's lifecycle. */
export function statusClause(status: StatusFilter): string {
  switch (status) {
    case 'open':
      return `Status = '__Active__'`;
    case 'closed':
      return `Status = '__Inactive__' AND Status != 'deleted'`;
    default:
      return `Status != 'deleted'`;
  }
}

/** RT's default names that read as this Portico status (within their category). */
export function rawStatusesFor(status: TicketStatus): string[] {
  return Object.entries(STATUS_FROM_RT)
    .filter(([, mapped]) => mapped === status)
    .map(([raw]) => raw);
}

const statusIn = (raws: string[]) =>
  raws.length ? `(${raws.map((s) => `Status = ${quote(s)}`).join(' OR ')})` : 'id = 0';
const statusNotIn = (raws: string[]) => raws.map((s) => `Status != ${quote(s)}`).join(' AND ');

/**
 * Tickets that read as this Portico status, by the rule statusFromRt applies:
 * the category from RT's lifecycle (`__Active__` / `__Inactive__`), then the
 * default names within it; every other active status is `open`, every other
 * inactive one `closed`. `resolved` splits in two: closed in the portal
 * (CLOSED_CF set) or solved by an agent. A marker left from an earlier close
 * on a ticket an agent reopened and resolved again counts as closed here
 * although the ticket reads as solved (the rare stale case).
 */
export function summaryClause(status: TicketStatus): string {
  const active = `Status = '__Active__'`;
  const inactive = `Status = '__Inactive__' AND Status != 'deleted'`;
  const noMark = `CF.{${CLOSED_CF}} IS NULL`;
  const named = (s: TicketStatus) => rawStatusesFor(s).filter((r) => r !== 'resolved');
  switch (status) {
    case 'new':
    case 'pending':
      return and(active, statusIn(named(status)));
    case 'open':
      return and(active, statusNotIn([...rawStatusesFor('new'), ...rawStatusesFor('pending')]));
    case 'solved':
      return and(inactive, statusIn(rawStatusesFor('solved')), noMark);
    case 'closed':
      return and(inactive, `${statusNotIn(rawStatusesFor('solved'))} OR CF.{${CLOSED_CF}} IS NOT NULL`);
  }
}

/**
 * Free-text search (ticketSearchWords): every word in the subject or the
 * requester's name or address, or the ticket number (ticketNumberQuery: `5`,
 * `#5` or `RT-5`).
 * Not the conversation: RT's `Content` search reads comments too, so a word
 * from an agent's internal note would find the ticket.
 *
 * Words are letters and digits only, so LIKE's wildcards (`%`, `_`; RT wraps
 * the value in `%…%` unescaped, and SQLite, the Debian package's default,
 * has no escape character) never reach RT; quote() still guards the value.
 */
export function searchClause(q: string | undefined): string | null {
  const text = q?.trim().slice(0, 200);
  if (!text) return null;
  const number = ticketNumberQuery(text)?.number;
  const words = ticketSearchWords(text).map((w) => {
    const v = quote(w);
    return `(Subject LIKE ${v} OR Requestor.RealName LIKE ${v} OR Requestor.EmailAddress LIKE ${v})`;
  });
  const byNumber = number && RT_ID.test(number) ? `id = ${number}` : null;
  const byWords = words.length ? words.join(' AND ') : null;
  if (byNumber && byWords) return `(${byNumber} OR (${byWords}))`;
  // Punctuation alone: nothing matches.
  return byNumber ?? byWords ?? 'id = 0';
}

/** RT's `LastUpdated >` wants local-looking dates; an explicit offset makes them UTC. */
export function rtDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`rt connector: bad date ${iso}`);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

export function and(...clauses: Array<string | null | undefined>): string {
  return clauses
    .filter((c): c is string => !!c)
    .map((c) => `(${c})`)
    .join(' AND ');
}

export const SORTS: Readonly<Record<TicketSort, { orderby: string; order: 'ASC' | 'DESC' }>> = {
  updated: { orderby: 'LastUpdated', order: 'ASC' },
  '-updated': { orderby: 'LastUpdated', order: 'DESC' },
  created: { orderby: 'Created', order: 'ASC' },
  '-created': { orderby: 'Created', order: 'DESC' },
  // RT orders its own status names alphabetically (new, open, rejected, resolved, stalled): close to, not exactly, the lifecycle.
  status: { orderby: 'Status', order: 'ASC' },
};

/**
 * REST2 `orderby`/`order` for a sort. `updated` sorts by UPDATED_CF (what the
 * customer saw change) when the queue has it, then LastUpdated and id.
 */
export function orderParams(sort: TicketSort, hasUpdatedCf: boolean): { orderby: string[]; order: string[] } {
  const s = SORTS[sort] ?? SORTS['-updated'];
  const cols =
    s.orderby === 'LastUpdated' && hasUpdatedCf ? [`CF.{${UPDATED_CF}}`, 'LastUpdated', 'id'] : [s.orderby, 'id'];
  return { orderby: cols, order: cols.map(() => s.order) };
}

// ---------------------------------------------------------------- cursor

/** RT pages by number; the cursor pins page and page size so a changed limit cannot shift pages. */
export interface PageCursor {
  page: number;
  perPage: number;
}

export function encodePageCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify({ rt: 1, p: c.page, n: c.perPage })).toString('base64url');
}

/** null for no cursor; a 400 problem for one we did not issue. */
export function decodePageCursor(raw: string | undefined): PageCursor | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    const page = v.p;
    const perPage = v.n;
    if (
      v.rt === 1 &&
      Number.isInteger(page) &&
      Number.isInteger(perPage) &&
      (page as number) >= 1 &&
      (page as number) <= 100_000 &&
      (perPage as number) >= 1 &&
      (perPage as number) <= 100
    ) {
      return { page: page as number, perPage: perPage as number };
    }
  } catch {
    /* fall through */
  }
  throw BadInput.field('cursor', 'invalid');
}
