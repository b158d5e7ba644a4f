/**
 * The status vocabulary: the five protocol statuses, the open/closed buckets
 * the list filters and charts use, and which label a status shows in each
 * label mode. Labels themselves are words, so they are the client's to
 * translate; the English ones here are for logs and API consumers.
 */

export const TICKET_STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** `simple`: Open/Closed only (HubSpot); `full`: every status by name. */
export type StatusLabelMode = 'simple' | 'full';

/** Filter buckets the list offers: open covers new/open/pending. */
export const STATUS_FILTERS = ['open', 'closed', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending'];
export const CLOSED_STATUSES: readonly TicketStatus[] = ['solved', 'closed'];

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The statuses a list filter covers. */
export function statusesFor(filter: StatusFilter): readonly TicketStatus[] {
  if (filter === 'open') return OPEN_STATUSES;
  if (filter === 'closed') return CLOSED_STATUSES;
  return TICKET_STATUSES;
}

export function matchesStatusFilter(status: TicketStatus, filter: StatusFilter): boolean {
  return statusesFor(filter).includes(status);
}

/** The status whose label a ticket shows: in `simple` mode only `open` or `closed`. */
export function labelStatus(status: TicketStatus, mode: StatusLabelMode): TicketStatus {
  if (mode === 'full') return status;
  return isOpenStatus(status) ? 'open' : 'closed';
}

export const STATUS_LABELS_EN: Record<TicketStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  solved: 'Solved',
  closed: 'Closed',
};
