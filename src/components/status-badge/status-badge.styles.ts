import { css } from 'lit';

/**
 * Styles for renderStatusBadge(); add them (with `statusColors`) to the styles
 * of any element that renders a badge in its shadow root.
 */
export const statusBadgeStyles = css`
  .status-badge {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1, 4px);
    padding-block: 2px;
    padding-inline: var(--_space-2, 8px);
    border-radius: 999px;
    font-size: calc(0.8125 * var(--_rem));
    font-weight: 600;
    line-height: 1.4;
    white-space: nowrap;
    background: var(--_badge-bg);
    color: var(--_badge-text);
    /* Keeps the badge outlined in forced-colors mode, where backgrounds vanish. */
    border: 1px solid transparent;
  }
  .status-badge[data-status='new'] {
    --_badge-bg: var(--_status-new);
    --_badge-text: var(--_status-new-text);
  }
  .status-badge[data-status='open'] {
    --_badge-bg: var(--_status-open);
    --_badge-text: var(--_status-open-text);
  }
  .status-badge[data-status='pending'] {
    --_badge-bg: var(--_status-pending);
    --_badge-text: var(--_status-pending-text);
  }
  .status-badge[data-status='solved'] {
    --_badge-bg: var(--_status-solved);
    --_badge-text: var(--_status-solved-text);
  }
  .status-badge[data-status='closed'] {
    --_badge-bg: var(--_status-closed);
    --_badge-text: var(--_status-closed-text);
  }
`;
