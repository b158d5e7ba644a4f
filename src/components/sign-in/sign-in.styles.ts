import { css } from 'lit';

export const signInStyles = css`
  :host {
    display: block;
    --_sign-in-max-width: var(--portico-sign-in-max-width, calc(28 * var(--_rem)));
  }
  [part='base'] {
    max-inline-size: var(--_sign-in-max-width);
    display: grid;
    gap: var(--_space-3);
  }
  h2 {
    margin: 0;
    font-size: calc(1.25 * var(--_rem));
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--_color-focus);
  }
  p {
    margin: 0;
  }
  form {
    display: grid;
    gap: var(--_space-3);
  }
  .field {
    display: grid;
    gap: var(--_space-1);
  }
  label {
    font-weight: 600;
  }
  input {
    font: inherit;
    min-block-size: calc(2.5 * var(--_rem));
    padding-inline: var(--_space-2);
    border: 1px solid var(--_color-muted);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    color: var(--_color-text);
  }
  input[aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .link {
    background: none;
    border: none;
    padding-block: var(--_space-1);
    padding-inline: 0;
    color: var(--_color-primary);
    text-decoration: underline;
    cursor: pointer;
  }
  [part='alert'] {
    padding: var(--_space-2) var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_color-danger);
    color: var(--_color-danger);
    background: var(--_color-bg);
  }
  [part='alert']:empty {
    display: none;
  }
  .hint {
    font-size: calc(0.875 * var(--_rem));
    color: var(--_color-muted);
  }
  .notice {
    padding: var(--_space-2) var(--_space-3);
    border-radius: var(--_radius);
    border-inline-start: 4px solid var(--_color-primary);
    background: var(--_color-surface, var(--_color-bg));
  }
  .check {
    display: flex;
    gap: var(--_space-2);
    align-items: flex-start;
    font-weight: normal;
  }
  .check input {
    min-block-size: calc(1.5 * var(--_rem));
    min-inline-size: calc(1.5 * var(--_rem));
    margin: 0;
  }
  .error {
    color: var(--_color-danger);
    font-size: calc(0.875 * var(--_rem));
  }
  .separator {
    color: var(--_color-muted);
  }
`;
