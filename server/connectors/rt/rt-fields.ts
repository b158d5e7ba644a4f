/**
 * How Portico's ticket model maps onto Request Tracker: statuses, the custom
 * fields that carry the organisation, service and form fields, and the
 * transaction custom field that records who wrote a portal reply.
 *
 * scripts/rt/setup.pl creates these custom fields; keep the two in step (the
 * rt tests check every mapped field exists in RT).
 */
import type { FieldValue, StatusFilter, TicketStatus } from '../../../src/protocol/index.js';
import { matchesStatusFilter } from '../../../src/protocol/index.js';

/** Ticket CF holding the gateway's organisation id; the organisation filter queries it. */
export const ORGANIZATION_CF = 'Organization';
/** Ticket CF holding the organisation's display name (RT has no organisation record of its own). */
export const ORGANIZATION_NAME_CF = 'Organization name';
/** Ticket CF holding the form's service (category). */
export const SERVICE_CF = 'Service';
/**
 * Ticket CF set when a customer closes a ticket in the portal: RT's `Resolved`
 * time of that close. Portico tells `solved` (an agent's answer, the customer
 * may still reply) from `closed` (final); RT's default lifecycle has only
 * `resolved` for both, and `rejected` means something else to agents.
 */
export const CLOSED_CF = 'Closed in portal';
/**
 * Ticket CF with the time of the newest transaction the customer sees (Create,
 * Correspond, a status change), kept by the RT scrip "Portico: portal updated"
 * that scripts/rt/setup.pl installs. RT's own LastUpdated also moves on
 * internal comments, which must neither mark a ticket unread nor move it up
 * the customer's list; `updatedAt` and the `updated` sort read this instead
 * (LastUpdated where a ticket has no value yet).
 */
export const UPDATED_CF = 'Portal updated';
/** Transaction CF naming the customer who wrote a message through the portal. */
export const AUTHOR_CF = 'Portal author';

/**
 * RT's default lifecycle → Portico, within a status's category: these names
 * keep their meaning while their lifecycle files them where RT's default does.
 * `deleted` is absent on purpose: deleted tickets are invisible.
 */
export const STATUS_FROM_RT: Readonly<Record<string, TicketStatus>> = {
  new: 'new',
  open: 'open',
  stalled: 'pending',
  resolved: 'solved',
  rejected: 'closed',
};

/**
 * A status's category in its RT lifecycle, as far as REST2 can tell:
 * TicketSQL's `__Active__` covers RT's initial and active statuses alike and
 * `__Inactive__` the inactive ones; nothing in REST2 tells initial from active.
 */
export type RtStatusCategory = 'active' | 'inactive';

/** Categories of RT's default lifecycle, for a status RT could not be asked about. */
export const DEFAULT_CATEGORIES: Readonly<Record<string, RtStatusCategory>> = {
  new: 'active',
  open: 'active',
  stalled: 'active',
  resolved: 'inactive',
  rejected: 'inactive',
  deleted: 'inactive',
};

/**
 * An RT status as a Portico status, by its lifecycle category: active (and
 * initial) statuses read in the open bucket, inactive ones in the closed one
 * (status.ts). Within the bucket RT's default names keep their meaning
 * (STATUS_FROM_RT); any other status — a site's own — is `open` or `closed`.
 * Without a category the default lifecycle's is assumed (open for an unknown name).
 */
export function statusFromRt(
  raw: string,
  category: RtStatusCategory | undefined = DEFAULT_CATEGORIES[raw],
): TicketStatus {
  const bucket: StatusFilter = category === 'inactive' ? 'closed' : 'open';
  const known = STATUS_FROM_RT[raw];
  if (known && matchesStatusFilter(known, bucket)) return known;
  return bucket === 'closed' ? 'closed' : 'open';
}

/**
 * Portico → RT for status changes made through the portal. A customer closing
 * their ticket means "done", which RT calls `resolved` (plus CLOSED_CF);
 * `rejected` is an agent's decision, so `closed` is never written as `rejected`.
 */
export const STATUS_TO_RT: Readonly<Record<TicketStatus, string>> = {
  new: 'new',
  open: 'open',
  pending: 'stalled',
  solved: 'resolved',
  closed: 'resolved',
};

export type FieldKind = 'string' | 'number' | 'boolean' | 'list';

export interface FieldMapping {
  /** Name of the RT ticket custom field. */
  cf: string;
  /** How the value reads back: RT stores every value as text. */
  kind: FieldKind;
}

/**
 * Portico form field id → RT ticket CF, for the demo forms `general` and
 * `access-request`. Where two ids name one CF (the gateway's `start-date`,
 * the widget fixtures' `startDate`), both write it and the first reads it back.
 */
export const DEFAULT_FIELD_MAP: Readonly<Record<string, FieldMapping>> = {
  product: { cf: 'Product', kind: 'string' },
  urgency: { cf: 'Urgency', kind: 'string' },
  affectedUsers: { cf: 'Affected users', kind: 'number' },
  contactEmail: { cf: 'Contact email', kind: 'string' },
  since: { cf: 'Since', kind: 'string' },
  notify: { cf: 'Notify', kind: 'boolean' },
  internalRef: { cf: 'Internal reference', kind: 'string' },
  system: { cf: 'System', kind: 'string' },
  accessLevel: { cf: 'Access level', kind: 'string' },
  'start-date': { cf: 'Start date', kind: 'string' },
  'manager-email': { cf: 'Manager email', kind: 'string' },
  startDate: { cf: 'Start date', kind: 'string' },
  managerEmail: { cf: 'Manager email', kind: 'string' },
  reason: { cf: 'Reason', kind: 'string' },
  costCentre: { cf: 'Cost centre', kind: 'string' },
};

/**
 * Reads `RT_FIELD_MAP`: JSON `{"fieldId": "CF name"}` or
 * `{"fieldId": {"cf": "CF name", "kind": "number"}}`, merged over the defaults.
 */
export function parseFieldMap(raw: string | undefined): Record<string, FieldMapping> {
  const map: Record<string, FieldMapping> = { ...DEFAULT_FIELD_MAP };
  if (!raw?.trim()) return map;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('RT_FIELD_MAP is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('RT_FIELD_MAP must be a JSON object');
  for (const [id, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value === 'string') map[id] = { cf: value, kind: 'string' };
    else if (value && typeof value === 'object' && typeof (value as FieldMapping).cf === 'string') {
      const kind = (value as FieldMapping).kind;
      map[id] = {
        cf: (value as FieldMapping).cf,
        kind: kind === 'number' || kind === 'boolean' || kind === 'list' ? kind : 'string',
      };
    } else throw new Error(`RT_FIELD_MAP: field ${id} needs a CF name`);
  }
  return map;
}

/** A form value as RT CF text; null/empty values are not written. */
export function fieldToCfValue(value: FieldValue): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return text === '' ? null : text;
}

export function cfValueToField(values: string[], kind: FieldKind): FieldValue {
  const text = values.join(', ');
  switch (kind) {
    case 'number': {
      const n = Number(text);
      return text !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'list':
      return values.flatMap((v) => v.split(/\s*,\s*/)).filter(Boolean);
    default:
      return text;
  }
}
