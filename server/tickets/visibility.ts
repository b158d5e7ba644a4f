import type { StoredPortalSettings, TicketPermissions, TicketScope } from '../../src/protocol/index.js';
import { CLOSED_STATUSES, isOpenStatus, isRatable } from '../../src/protocol/index.js';
import type { StoredTicket, TicketFilter } from '../connectors/connector.js';
import { Forbidden } from '../errors.js';
import type { CustomerRecord } from '../store/customers.js';

/**
 * Who may see and do what — enforced by the gateway for every connector.
 * A user sees their own tickets; a company user also their organisation's
 * (when the portal shows organisation tickets), answers colleagues' only
 * where the portal allows it, and never closes them.
 */
export function seesOrganization(c: CustomerRecord, portal: StoredPortalSettings): boolean {
  return c.role === 'company' && portal.organizationVisibility && !!c.organizationId;
}

export function isOwnTicket(t: StoredTicket, c: CustomerRecord): boolean {
  // Every requester of the ticket (RT: all Requestors), not only the first.
  return (t.requesterEmails ?? [t.requesterEmail]).some((e) => e.toLowerCase() === c.email);
}

export function canSee(t: StoredTicket, c: CustomerRecord, portal: StoredPortalSettings): boolean {
  if (isOwnTicket(t, c)) return true;
  return seesOrganization(c, portal) && t.organization?.id === c.organizationId;
}

export function permissionsFor(t: StoredTicket, c: CustomerRecord, portal: StoredPortalSettings): TicketPermissions {
  const own = isOwnTicket(t, c);
  const colleague = !own && canSee(t, c, portal);
  const notClosed = t.status !== 'closed';
  return {
    canReply: notClosed && (own || (colleague && portal.companyUsersCanReplyToColleagues)),
    canClose: own && portal.allowClose && isOpenStatus(t.status),
    canReopen: own && portal.allowReopen && CLOSED_STATUSES.includes(t.status),
    // The requester rates a finished ticket; a colleague who only reads it does not.
    canRate: own && isRatable(t.status),
  };
}

/** The connector filter for a list request; a plain user asking for the organisation gets 403. */
export function listFilterFor(
  c: CustomerRecord,
  scope: TicketScope,
  portal: StoredPortalSettings,
): Pick<TicketFilter, 'requesterEmail' | 'organizationId'> {
  if (scope === 'organization') {
    if (!seesOrganization(c, portal))
      throw new Forbidden('Only company users see their organisation’s tickets.', 'scope-forbidden');
    return { organizationId: c.organizationId! };
  }
  return { requesterEmail: c.email };
}
