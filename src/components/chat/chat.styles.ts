import { css } from 'lit';

export const chatStyles = css`
  :host {
    display: block;
    --_chat-customer-bg: var(--portico-chat-customer-bg, var(--_color-primary));
    --_chat-customer-text: var(--portico-chat-customer-text, var(--_color-on-primary));
    --_chat-agent-bg: var(--portico-chat-agent-bg, var(--_color-surface));
    --_chat-agent-text: var(--portico-chat-agent-text, var(--_color-text));
    background: var(--_color-bg);
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space-3);
    padding: var(--_space-3);
  }
  .log {
    max-block-size: var(--portico-chat-log-height, 360px);
    min-block-size: 120px;
    overflow-y: auto;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding: var(--_space-2);
  }
  .log ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_space-2);
  }
  .empty {
    color: var(--_color-muted);
    margin: var(--_space-2);
  }
  .message {
    max-inline-size: 85%;
    padding-block: var(--_space-2);
    padding-inline: var(--_space-3);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  .message.customer {
    align-self: flex-end;
    background: var(--_chat-customer-bg);
    color: var(--_chat-customer-text);
    border-end-end-radius: 2px;
  }
  .message.agent {
    align-self: flex-start;
    background: var(--_chat-agent-bg);
    color: var(--_chat-agent-text);
    border: 1px solid var(--_color-border);
    border-end-start-radius: 2px;
  }
  .message .meta {
    display: flex;
    gap: var(--_space-2);
    font-size: calc(0.8125 * var(--_rem));
    font-weight: 600;
  }
  .message .text {
    margin: var(--_space-1) 0 0;
    white-space: pre-wrap;
  }
  .message a {
    color: inherit;
  }
  .message.failed {
    outline: 2px solid var(--_color-danger);
  }
  .message.waiting {
    outline: 2px dashed var(--_color-muted);
  }
  .message .delivery {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    font-size: calc(0.8125 * var(--_rem));
    margin-block-start: var(--_space-1);
  }
  .message .delivery .button {
    flex: none;
    white-space: nowrap;
    padding-block: 0;
    padding-inline: var(--_space-2);
  }
  .attachments {
    list-style: none;
    padding: 0;
    margin: var(--_space-1) 0 0;
  }
  .composer {
    display: grid;
    gap: var(--_space-2);
    /* Brought into sight above the on-screen keyboard (the launcher does that): not flush with its edge. */
    scroll-margin-block: var(--_space-3);
  }
  label {
    font-weight: 600;
  }
  textarea,
  input[type='text'],
  input[type='email'] {
    font: inherit;
    color: var(--_color-text);
    background: var(--_color-bg);
    inline-size: 100%;
    padding: var(--_space-2);
    border: 1px solid var(--_color-muted);
    border-radius: var(--_radius);
  }
  textarea {
    resize: vertical;
    min-block-size: 3.5em;
  }
  [aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    justify-content: flex-end;
    align-items: center;
  }
  .hint {
    color: var(--_color-muted);
    font-size: calc(0.8125 * var(--_rem));
    margin: 0;
  }
  .chips {
    list-style: none;
    padding: 0;
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .chips li {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    padding-inline-start: var(--_space-2);
  }
  .chips button {
    border: 0;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .field {
    display: grid;
    gap: var(--_space-1);
  }
  .notice {
    margin: 0;
    padding: var(--_space-3);
    border-radius: var(--_radius);
    background: var(--_color-surface);
  }
`;
