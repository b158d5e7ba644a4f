import { labelStatus, STATUS_LABELS_EN, type StoredPortalSettings, type Ticket } from '../../src/protocol/index.js';
import type { StoredTicket } from '../connectors/connector.js';
import type { CustomerRecord } from '../store/customers.js';
import { isOwnTicket, permissionsFor } from './visibility.js';

/** The wire ticket for one customer: label, unread, agent shown or not, and (single reads) permissions. */
export function presentTicket(
  t: StoredTicket,
  viewer: CustomerRecord,
  portal: StoredPortalSettings,
  readAt: Date | undefined,
  withPermissions: boolean,
): Ticket {
  const { requesterEmail: _hidden, requesterEmails: _hiddenToo, ...rest } = t;
  return {
    ...rest,
    // Connectors know requesters by e-mail only (RT gives an opaque id); the widget tells the
    // viewer's own tickets by comparing requester.id with the signed-in user's id.
    requester: isOwnTicket(t, viewer) ? { ...t.requester, id: viewer.id } : t.requester,
    // English, for API consumers; the widget shows its own label in the customer's language.
    statusLabel: STATUS_LABELS_EN[labelStatus(t.status, portal.statusLabelMode)],
    assignee: portal.showAgentNames ? t.assignee : null,
    unread: !readAt || new Date(t.updatedAt).getTime() > readAt.getTime(),
    ...(withPermissions ? { permissions: permissionsFor(t, viewer, portal) } : {}),
  };
}
