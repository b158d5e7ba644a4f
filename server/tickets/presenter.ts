import type { PortalSettings, StatusLabelMode, Ticket, TicketStatus } from '../../src/core/protocol.js';
import { isOpenStatus } from '../../src/core/protocol.js';
import type { StoredTicket } from '../connectors/connector.js';
import type { CustomerRecord } from '../store/customers.js';
import { isOwnTicket, permissionsFor } from './visibility.js';

const LABELS: Record<string, Record<TicketStatus | 'simpleOpen' | 'simpleClosed', string>> = {
  en: {
    new: 'New',
    open: 'Open',
    pending: 'Pending',
    solved: 'Solved',
    closed: 'Closed',
    simpleOpen: 'Open',
    simpleClosed: 'Closed',
  },
  nl: {
    new: 'Nieuw',
    open: 'Open',
    pending: 'In afwachting',
    solved: 'Opgelost',
    closed: 'Gesloten',
    simpleOpen: 'Open',
    simpleClosed: 'Gesloten',
  },
};

/** Status label in the portal's mode: HubSpot's simple Open/Closed, or every status by name. */
export function statusLabel(status: TicketStatus, mode: StatusLabelMode, locale: string | null | undefined): string {
  const table = LABELS[(locale ?? 'en').slice(0, 2)] ?? LABELS.en!;
  if (mode === 'simple') return isOpenStatus(status) ? table.simpleOpen : table.simpleClosed;
  return table[status];
}

/** The wire ticket for one customer: label, unread, agent shown or not, and (single reads) permissions. */
export function presentTicket(
  t: StoredTicket,
  viewer: CustomerRecord,
  portal: PortalSettings,
  readAt: Date | undefined,
  withPermissions: boolean,
): Ticket {
  const { requesterEmail: _hidden, ...rest } = t;
  return {
    ...rest,
    // Connectors know requesters by e-mail only (RT gives an opaque id); the widget tells the
    // viewer's own tickets by comparing requester.id with the signed-in user's id.
    requester: isOwnTicket(t, viewer) ? { ...t.requester, id: viewer.id } : t.requester,
    statusLabel: statusLabel(t.status, portal.statusLabelMode, viewer.locale ?? portal.defaultLocale),
    assignee: portal.showAgentNames ? t.assignee : null,
    unread: !readAt || new Date(t.updatedAt).getTime() > readAt.getTime(),
    ...(withPermissions ? { permissions: permissionsFor(t, viewer, portal) } : {}),
  };
}
