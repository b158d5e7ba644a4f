import { css } from 'lit';
import { stateViewStyles } from '../components/shared/state-views.js';
import { statusBadgeStyles } from '../components/status-badge/status-badge.styles.js';
import { statusColors, tokens } from '../components/shared/styles.js';

/** The console's form controls and labels, shared by its views (on top of the design tokens). */
export const consoleControls = css`
  input:not([type='checkbox']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_color-bg);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: var(--_space-2);
  }
  [aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  label {
    font-weight: 600;
  }
  a {
    color: var(--_color-primary);
  }
  a.button {
    text-decoration: none;
  }
  .button.danger {
    color: var(--_color-danger);
    border-color: var(--_color-danger);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-3);
    align-items: center;
  }
`;

/** The console's search bars and tables (tickets, customers, activity). */
export const consoleLists = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-3);
    align-items: end;
    max-inline-size: none;
    margin-block-end: var(--_space-3);
  }
  .filters > span {
    display: grid;
    gap: var(--_space-1);
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: var(--_space-2);
    border-block-end: 1px solid var(--_color-border);
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  td button {
    all: unset;
    cursor: pointer;
    color: var(--_color-primary);
    text-decoration: underline;
  }
  td button:focus-visible {
    outline: 2px solid var(--_color-focus);
  }
  .muted {
    color: var(--_color-muted);
  }
`;

/** Every console view's styles before its own: tokens, status colours and badges, state views, controls. */
export const consoleBase = [tokens, statusColors, statusBadgeStyles, stateViewStyles, consoleControls, consoleLists];
