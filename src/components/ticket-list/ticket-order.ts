import { TICKET_SORTS, TICKET_STATUSES, type Ticket, type TicketSort } from '../../protocol/index.js';

/** The sort a list asks for: one of the protocol's, or the default. */
export function effectiveSort(sort: string): TicketSort {
  return (TICKET_SORTS as readonly string[]).includes(sort) ? (sort as TicketSort) : '-updated';
}

const time = (iso: string) => Date.parse(iso) || 0;
const rank = (t: Ticket) => TICKET_STATUSES.indexOf(t.status);
/** The gateway breaks ties by id, in the sort's direction. */
const byId = (a: Ticket, b: Ticket) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The gateway's order for a sort (docs/protocol.md): negative when `a` comes first. */
export function compareTickets(sort: TicketSort, a: Ticket, b: Ticket): number {
  switch (sort) {
    case 'updated':
      return time(a.updatedAt) - time(b.updatedAt) || byId(a, b);
    case 'created':
      return time(a.createdAt) - time(b.createdAt) || byId(a, b);
    case '-created':
      return time(b.createdAt) - time(a.createdAt) || byId(b, a);
    case 'status':
      return rank(a) - rank(b) || time(b.updatedAt) - time(a.updatedAt) || byId(b, a);
    default:
      return time(b.updatedAt) - time(a.updatedAt) || byId(b, a);
  }
}

/**
 * The rows with `ticket` taken out and put back where the sort puts it now (a
 * live change moves a row). Where that is past the last loaded row while more
 * pages remain, it is left out: that page brings it.
 */
export function placeTicket(rows: readonly Ticket[], ticket: Ticket, sort: TicketSort, more: boolean): Ticket[] {
  const rest = rows.filter((t) => t.id !== ticket.id);
  let at = rest.findIndex((t) => compareTickets(sort, ticket, t) < 0);
  if (at < 0) {
    if (more) return rest;
    at = rest.length;
  }
  rest.splice(at, 0, ticket);
  return rest;
}
