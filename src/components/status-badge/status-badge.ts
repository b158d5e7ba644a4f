import { html, type TemplateResult } from 'lit';
import { isOpenStatus, type StatusLabelMode, type TicketStatus } from '../../protocol/index.js';
import { statusLabel } from '../../core/status.js';

/**
 * A ticket's status as a coloured pill (TVox colours from `statusColors`).
 * A render function rather than an element: a list renders many of these and
 * each would otherwise carry its own shadow root. Colour is never the only
 * cue — the label is always text.
 */
export function renderStatusBadge(status: TicketStatus, mode: StatusLabelMode = 'full'): TemplateResult {
  // In simple mode the label says only Open/Closed, so the colour must not hint at more.
  const shown = mode === 'simple' ? (isOpenStatus(status) ? 'open' : 'closed') : status;
  return html`<span class="status-badge" part="status-badge" data-status=${shown}>${statusLabel(status, mode)}</span>`;
}
