import { css } from 'lit';

export const ticketDetailStyles = css`
  :host {
    display: block;
    --_agent-bg: var(--portico-ticket-detail-agent-bg, var(--_color-surface));
    --_agent-accent: var(--portico-ticket-detail-agent-accent, var(--_color-primary));
    --_customer-bg: var(--portico-ticket-detail-customer-bg, var(--_color-bg));
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-4);
  }
  h2,
  h3 {
    margin: 0;
  }
  h2 {
    font-size: calc(1.25 * var(--_rem));
    overflow-wrap: anywhere;
  }
  h2:focus {
    outline: none;
  }
  h3 {
    font-size: calc(1 * var(--_rem));
  }
  p {
    margin: 0;
  }
  [part='header'] {
    display: grid;
    gap: var(--_space-2);
  }
  .title-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .number,
  .muted {
    color: var(--_color-muted);
  }
  .merged {
    margin: 0;
    padding: var(--_space-2) var(--_space-3);
    border-inline-start: 3px solid var(--_color-primary);
    background: var(--_color-surface);
    border-radius: var(--_radius);
  }
  [part~='facts'] {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(calc(10 * var(--_rem)), 1fr));
    gap: var(--_space-2) var(--_space-4);
    margin: 0;
  }
  [part~='facts'] dt {
    font-size: calc(0.8125 * var(--_rem));
    color: var(--_color-muted);
  }
  [part~='facts'] dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  [part='actions'],
  .confirm,
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
  }
  .format-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
  }
  .format-row .help {
    margin: 0;
    flex: 1 1 16em;
    font-size: calc(0.8125 * var(--_rem));
    color: var(--_color-muted);
  }
  .reply-preview {
    padding: var(--_space-2) var(--_space-3);
    border: 1px dashed var(--_color-border);
    border-radius: var(--_radius);
  }
  .confirm {
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  [part='conversation'] {
    display: grid;
    gap: var(--_space-2);
  }
  .earlier {
    display: grid;
    justify-items: center;
    gap: var(--_space-2);
  }
  ol.messages {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-3);
  }
  .message {
    display: grid;
    gap: var(--_space-2);
    padding: var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
  }
  .message.agent {
    background: var(--_agent-bg);
    border-inline-start: 4px solid var(--_agent-accent);
    margin-inline-end: var(--_space-4);
  }
  .message.customer {
    background: var(--_customer-bg);
    margin-inline-start: var(--_space-4);
  }
  /* Not sent yet: the dashed edge and the note say so, not colour alone. */
  .message.pending {
    border-style: dashed;
  }
  .pending-note {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-2);
    font-size: calc(0.875 * var(--_rem));
  }
  .message-meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-2);
    font-size: calc(0.875 * var(--_rem));
  }
  .author {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .role-tag {
    font-size: calc(0.75 * var(--_rem));
    padding-inline: var(--_space-1);
    border: 1px solid currentColor;
    border-radius: 4px;
  }
  .body {
    overflow-wrap: anywhere;
  }
  .body.text {
    white-space: pre-wrap;
  }
  .body.html :first-child {
    margin-block-start: 0;
  }
  .body.html :last-child {
    margin-block-end: 0;
  }
  .body.html img {
    max-inline-size: 100%;
    block-size: auto;
  }
  .body.html pre {
    overflow-x: auto;
  }
  .attachments,
  .uploads {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-1);
  }
  .attachments a {
    color: var(--_color-primary);
    overflow-wrap: anywhere;
    display: inline-block;
    min-block-size: 24px;
  }
  [part='reply'] {
    display: grid;
    gap: var(--_space-2);
    /* Brought into sight above the on-screen keyboard (the launcher does that): not flush with its edge. */
    scroll-margin-block: var(--_space-3);
  }
  label {
    font-weight: 600;
  }
  textarea {
    font: inherit;
    inline-size: 100%;
    min-block-size: calc(6 * var(--_rem));
    padding: var(--_space-2);
    border: 1px solid var(--_color-muted);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    color: var(--_color-text);
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  /* The loading, error and not-found states look like this too (stateViewStyles). */
  .note {
    padding: var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
    background: var(--_color-surface);
  }
  [role='alert']:empty {
    display: none;
  }
  [part='fields'] h3,
  .rating h3 {
    font-size: var(--_rem);
    margin: var(--_space-3) 0 var(--_space-2);
  }
  .attachments .preview {
    display: block;
    inline-size: fit-content;
  }
  .attachments .preview img {
    display: block;
    max-inline-size: min(100%, calc(15 * var(--_rem)));
    max-block-size: calc(11 * var(--_rem));
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .rating {
    padding: var(--_space-3);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
  }
  .rating form {
    display: grid;
    gap: var(--_space-2);
  }
  .rating fieldset {
    border: 0;
    margin: 0;
    padding: 0;
  }
  .rating legend {
    padding: 0;
    margin-block-end: var(--_space-2);
  }
  .scores {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .score {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    min-block-size: 24px;
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    font-weight: 400;
    cursor: pointer;
  }
  .score:has(input:checked) {
    border-color: var(--_color-primary);
    outline: 1px solid var(--_color-primary);
  }
  .score-number {
    font-weight: 700;
  }
  .rating .error {
    color: var(--_color-danger);
    margin: 0;
  }
  .rating .error:empty {
    display: none;
  }
  .rating-comment {
    white-space: pre-wrap;
  }
`;
