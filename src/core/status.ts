import { msg } from '@lit/localize';
import type { StatusLabelMode, TicketStatus } from './protocol.js';
import { isOpenStatus } from './protocol.js';

/** Localized label for a status in the portal's label mode (HubSpot's simple Open/Closed, or full). */
export function statusLabel(status: TicketStatus, mode: StatusLabelMode = 'full'): string {
  if (mode === 'simple') {
    return isOpenStatus(status) ? msg('Open', { id: 'status.open' }) : msg('Closed', { id: 'status.closed' });
  }
  switch (status) {
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
