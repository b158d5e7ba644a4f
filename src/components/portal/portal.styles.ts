import { css } from 'lit';

export const portalStyles = css`
  :host {
    display: block;
    --_portal-max-width: var(--portico-portal-max-width, calc(72 * var(--_rem)));
    --_portal-header-bg: var(--portico-portal-header-bg, var(--_color-surface));
    background: var(--_color-bg);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    max-inline-size: var(--_portal-max-width);
    margin-inline: auto;
    padding: var(--_space-4);
    display: flex;
    flex-direction: column;
    gap: var(--_space-4);
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-3);
    padding: var(--_space-3) var(--_space-4);
    border-radius: var(--_radius);
    background: var(--_portal-header-bg);
  }
  .header img {
    block-size: 32px;
    inline-size: auto;
  }
  h1 {
    font-size: calc(1.375 * var(--_rem));
    margin: 0;
    margin-inline-end: auto;
  }
  h2 {
    font-size: calc(1.125 * var(--_rem));
    margin: 0 0 var(--_space-3);
  }
  .who {
    color: var(--_color-muted);
  }
  .dashboard {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, calc(20 * var(--_rem))), 1fr));
    gap: var(--_space-4);
  }
  .dashboard > h2 {
    grid-column: 1 / -1;
    margin: 0;
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-1);
    border-block-end: 1px solid var(--_color-border);
  }
  [role='tab'] {
    font: inherit;
    min-block-size: 44px;
    padding-block: var(--_space-2);
    padding-inline: var(--_space-4);
    border: 1px solid transparent;
    border-block-end: 0;
    border-start-start-radius: var(--_radius);
    border-start-end-radius: var(--_radius);
    background: transparent;
    color: var(--_color-text);
    cursor: pointer;
    margin-block-end: -1px;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_color-bg);
    border-color: var(--_color-border);
    border-block-end: 3px solid var(--_color-primary);
    font-weight: 600;
  }
  [role='tab']:hover {
    background: var(--_color-surface);
  }
  [role='tabpanel']:focus {
    outline: none;
  }
  [role='tabpanel']:focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 4px;
  }
  .state {
    padding: var(--_space-4);
  }
  .profile {
    display: grid;
    gap: var(--_space-4);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, calc(22 * var(--_rem))), 1fr));
  }
  .card {
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: var(--_space-4);
  }
  .form {
    display: grid;
    gap: var(--_space-3);
  }
  .field {
    display: grid;
    gap: var(--_space-1);
  }
  label,
  .label {
    font-weight: 600;
  }
  input {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-bg);
    padding: var(--_space-2);
    border: 1px solid var(--_color-muted);
    border-radius: var(--_radius);
    min-block-size: 24px;
  }
  [aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  .hint {
    margin: 0;
    color: var(--_color-muted);
    font-size: calc(0.875 * var(--_rem));
  }
  .field .error {
    margin: 0;
  }
  .saved {
    margin: 0;
    font-weight: 600;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--_space-1) var(--_space-3);
    margin: 0;
  }
  .facts dt {
    font-weight: 600;
  }
  .facts dd {
    margin: 0;
  }
  .facts a {
    color: var(--_color-primary);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .actions.start {
    justify-content: flex-start;
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: var(--_space-2);
    margin-block-end: var(--_space-1);
  }
  .check input {
    margin: 0.2em 0 0;
    inline-size: auto;
  }
`;
