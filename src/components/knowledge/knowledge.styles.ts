import { css } from 'lit';

export const knowledgeStyles = css`
  :host {
    display: block;
  }
  [part~='base'] {
    display: grid;
    gap: var(--_space-3);
  }
  .heading {
    font-size: calc(1.25 * var(--_rem));
    font-weight: 700;
    margin: 0;
    overflow-wrap: anywhere;
  }
  :host([no-list]) .heading {
    font-size: var(--_rem);
  }
  .search {
    display: grid;
    gap: var(--_space-1);
  }
  .search label {
    font-weight: 600;
  }
  input[type='search'] {
    font: inherit;
    inline-size: 100%;
    min-block-size: 44px;
    padding: var(--_space-2);
    border: 1px solid var(--_color-muted);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    color: var(--_color-text);
  }
  .articles {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .articles li {
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
  }
  .articles p {
    margin: var(--_space-1) 0 0;
    color: var(--_color-muted);
    font-size: calc(0.875 * var(--_rem));
  }
  .link-button {
    background: none;
    border: 0;
    padding: 0;
    color: var(--_color-primary);
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
    font-weight: 600;
  }
  .body {
    overflow-wrap: anywhere;
  }
  .body.text {
    white-space: pre-wrap;
  }
  .body :first-child {
    margin-block-start: 0;
  }
  .body :last-child {
    margin-block-end: 0;
  }
  .feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    padding-block-start: var(--_space-2);
    border-block-start: 1px solid var(--_color-border);
  }
  .feedback p {
    margin: 0;
  }
  .muted {
    color: var(--_color-muted);
  }
`;
