import { css } from 'lit';

export const ticketListStyles = css`
  :host {
    display: block;
    --_row-hover: var(--portico-ticket-list-row-hover, var(--_color-surface));
    --_unread: var(--portico-ticket-list-unread, var(--_color-primary));
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-3);
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-3);
  }
  .control {
    display: grid;
    gap: var(--_space-1);
  }
  .control.search {
    flex: 1 1 calc(12 * var(--_rem));
  }
  label,
  .control-label {
    font-size: calc(0.875 * var(--_rem));
    font-weight: 600;
  }
  input,
  select {
    font: inherit;
    min-block-size: calc(2.25 * var(--_rem));
    padding-inline: var(--_space-2);
    border: 1px solid var(--_color-muted);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    color: var(--_color-text);
  }
  [part='scope-switch'] {
    display: inline-flex;
    border: 1px solid var(--_color-muted);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  [part='scope-switch'] button {
    border: none;
    background: var(--_color-bg);
    color: var(--_color-text);
    padding-inline: var(--_space-3);
    min-block-size: calc(2.25 * var(--_rem));
    cursor: pointer;
  }
  [part='scope-switch'] button + button {
    border-inline-start: 1px solid var(--_color-muted);
  }
  [part='scope-switch'] button[aria-pressed='true'] {
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    font-weight: 600;
  }
  .table-wrap {
    container-type: inline-size;
  }
  /* The grid's rows share one column template, so the cells line up like a table's. */
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) calc(7 * var(--_rem)) calc(9 * var(--_rem)) calc(8 * var(--_rem));
    align-items: center;
    inline-size: 100%;
    border-block-end: 1px solid var(--_color-border);
  }
  .org .row {
    grid-template-columns:
      minmax(0, 1fr) calc(7 * var(--_rem)) calc(9 * var(--_rem)) calc(9 * var(--_rem))
      calc(8 * var(--_rem));
  }
  /* In a narrow place (the launcher panel) the service and requester columns give way to the subject.
     Query conditions cannot read custom properties: em here is the container's, i.e. --_rem.
     Fixed widths, not auto: each row is its own grid, so auto columns would follow each row's text
     ("59 seconds ago" is wider than "1 minute ago") and the status badges would not line up. */
  @container (max-width: 32em) {
    .row,
    .org .row {
      grid-template-columns: minmax(0, 1fr) calc(6.5 * var(--_rem)) calc(6 * var(--_rem));
    }
    .service,
    .requester {
      display: none;
    }
  }
  /* A thin bar while a fresh page replaces what is shown (cached or previous rows). */
  .progress {
    block-size: 3px;
    background: linear-gradient(
      to right,
      transparent 0%,
      var(--_color-primary) 40%,
      var(--_color-primary) 60%,
      transparent 100%
    );
    background-size: 50% 100%;
    background-repeat: no-repeat;
    animation: portico-progress 1.2s linear infinite;
  }
  @keyframes portico-progress {
    from {
      background-position: -50% 0;
    }
    to {
      background-position: 150% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .progress {
      animation: none;
      background: var(--_color-primary);
    }
  }
  .cell {
    padding-block: var(--_space-2);
    padding-inline: var(--_space-2);
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .head .cell {
    font-size: calc(0.875 * var(--_rem));
    color: var(--_color-muted);
    font-weight: 600;
  }
  .head button {
    font: inherit;
    font-weight: 600;
    color: inherit;
    background: none;
    border: none;
    padding: 0;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    min-block-size: 24px;
  }
  /* One fixed height for every row: the window of drawn rows is arithmetic (row-window.controller.ts). */
  .body .row {
    box-sizing: border-box;
    block-size: calc(3.75 * var(--_rem));
    overflow: hidden;
    cursor: pointer;
    background: var(--_color-bg);
  }
  .body .cell {
    overflow: hidden;
  }
  .body time {
    display: block;
  }
  .subject-text {
    min-inline-size: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  /* A time longer than its column (Hebrew's "לפני 24 שעות") wraps rather than losing its unit. */
  .body time {
    min-inline-size: 0;
    overflow-wrap: normal;
  }
  .body .row:hover {
    background: var(--_row-hover);
  }
  .body .row:focus-within {
    outline: 2px solid var(--_color-primary);
    outline-offset: -2px;
  }
  [part~='row-button'] {
    display: grid;
    /* Never wider than its cell: a long subject ends in an ellipsis rather than being cut (at the left in RTL). */
    grid-template-columns: minmax(0, 1fr);
    gap: 2px;
    inline-size: 100%;
    text-align: start;
    background: none;
    border: none;
    padding: 0;
    color: inherit;
    cursor: pointer;
  }
  .subject {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    overflow-wrap: anywhere;
  }
  .unread .subject {
    font-weight: 700;
  }
  .unread-dot {
    flex: none;
    inline-size: calc(0.625 * var(--_rem));
    block-size: calc(0.625 * var(--_rem));
    border-radius: 50%;
    background: var(--_unread);
    /* Visible in forced-colors mode too. */
    border: 1px solid currentColor;
  }
  .number,
  .muted {
    color: var(--_color-muted);
    font-size: calc(0.875 * var(--_rem));
  }
  .state {
    padding: var(--_space-4);
    border: 1px dashed var(--_color-border);
    border-radius: var(--_radius);
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
  }
  .state p {
    margin: 0;
  }
  .state .title {
    font-weight: 600;
  }
  .footer p {
    margin: 0;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-3);
  }
`;
