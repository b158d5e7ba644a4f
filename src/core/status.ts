import { msg } from '@lit/localize';
import { labelStatus, type StatusLabelMode, type TicketStatus } from '../protocol/index.js';

/** Localized label for a status in the portal's label mode (HubSpot's simple Open/Closed, or full). */
export function statusLabel(status: TicketStatus, mode: StatusLabelMode = 'full'): string {
  switch (labelStatus(status, mode)) {
    case 'new':
      return msg('New', { id: 'status.new' });
    case 'open':
      return msg('Open', { id: 'status.open' });
    case 'pending':
      return msg('Pending', { id: 'status.pending' });
    case 'solved':
      return msg('Solved', { id: 'status.solved' });
    case 'closed':
      return msg('Closed', { id: 'status.closed' });
  }
}
