import { css } from 'lit';

export const supportFormStyles = css`
  :host {
    display: block;
    --_form-max-width: var(--portico-support-form-max-width, calc(40 * var(--_rem)));
    --_input-border: var(--portico-support-form-input-border, var(--_color-muted));
  }
  [part~='base'] {
    max-inline-size: var(--_form-max-width);
    display: grid;
    gap: var(--_space-4);
  }
  h2 {
    margin: 0;
    font-size: calc(1.25 * var(--_rem));
  }
  h2:focus,
  [part='error-summary']:focus {
    outline: none;
  }
  h2:focus-visible,
  [part='error-summary']:focus-visible {
    outline: 2px solid var(--_color-focus);
  }
  h3 {
    margin: 0;
    font-size: calc(1 * var(--_rem));
  }
  p {
    margin: 0;
  }
  form {
    display: grid;
    gap: var(--_space-4);
  }
  fieldset {
    margin: 0;
    padding: var(--_space-3);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    display: grid;
    gap: var(--_space-3);
  }
  legend {
    font-weight: 600;
    padding-inline: var(--_space-1);
  }
  .field {
    display: grid;
    gap: var(--_space-1);
  }
  .field.checkbox {
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: var(--_space-2);
  }
  .field.checkbox .help,
  .field.checkbox .field-error {
    grid-column: 2;
  }
  label,
  .label {
    font-weight: 600;
  }
  .required-mark {
    color: var(--_color-danger);
    margin-inline-start: 2px;
  }
  .help,
  .note {
    color: var(--_color-muted);
    font-size: calc(0.9 * var(--_rem));
  }
  input:not([type='checkbox']):not([type='file']),
  select,
  textarea {
    font: inherit;
    min-block-size: calc(2.5 * var(--_rem));
    padding-inline: var(--_space-2);
    padding-block: var(--_space-1);
    border: 1px solid var(--_input-border);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    color: var(--_color-text);
    inline-size: 100%;
  }
  textarea {
    min-block-size: calc(7 * var(--_rem));
    resize: vertical;
  }
  input[type='checkbox'] {
    inline-size: calc(1.25 * var(--_rem));
    block-size: calc(1.25 * var(--_rem));
    margin: 2px 0 0;
    accent-color: var(--_color-primary);
  }
  input[readonly] {
    background: var(--_color-surface);
  }
  [data-invalid] {
    border-color: var(--_color-danger) !important;
    outline-color: var(--_color-danger);
  }
  [part='error-summary'],
  [part='form-error'] {
    border: 2px solid var(--_color-danger);
    border-radius: var(--_radius);
    padding: var(--_space-3);
    display: grid;
    gap: var(--_space-2);
  }
  [part='error-summary'] ul {
    margin: 0;
    padding-inline-start: calc(1.25 * var(--_rem));
  }
  [part='error-summary'] a {
    color: var(--_color-danger);
  }
  [part='suggestions'] {
    background: var(--_color-surface);
    border-radius: var(--_radius);
    padding: var(--_space-3);
    display: grid;
    gap: var(--_space-2);
  }
  [part='suggestions'] ul {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: var(--_space-2);
  }
  .link-button {
    background: none;
    border: 0;
    padding: 0;
    color: var(--_color-primary);
    text-decoration: underline;
    text-align: start;
    font-weight: 600;
    cursor: pointer;
  }
  .article-in-place {
    margin-block-start: var(--_space-2);
    padding: var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
    background: var(--_color-bg);
  }
  .form-choices {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .form-choice {
    display: grid;
    gap: var(--_space-1);
    inline-size: 100%;
    text-align: start;
    padding: var(--_space-3);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-text);
    cursor: pointer;
  }
  .form-choice:hover {
    border-color: var(--_color-primary);
  }
  .choice-name {
    font-weight: 600;
    color: var(--_color-primary);
  }
  .choice-text {
    color: var(--_color-muted);
    font-size: calc(0.875 * var(--_rem));
  }
  [part='dropzone'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    padding: var(--_space-3);
    border: 2px dashed var(--_color-border);
    border-radius: var(--_radius);
  }
  [part='dropzone'].dragging {
    border-color: var(--_color-primary);
    background: var(--_color-surface);
  }
  [part='attachment-list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    align-items: center;
  }
  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }
  [aria-disabled='true'] {
    opacity: 0.75;
    cursor: progress;
  }
`;
