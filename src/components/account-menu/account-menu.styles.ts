import { css } from 'lit';

export const accountMenuStyles = css`
  :host {
    position: relative;
    display: inline-block;
  }
  .trigger {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    min-block-size: 36px;
    min-inline-size: 36px;
    padding-inline: var(--_space-1);
    border: none;
    border-radius: var(--_radius);
    background: transparent;
    /* The host's colour is reset to the text token; a header that is not the page colour
       (the launcher's) names the trigger's colour with --_account-trigger-color. */
    color: var(--_account-trigger-color, var(--_color-text));
    font: inherit;
    cursor: pointer;
  }
  .trigger:hover {
    background: rgb(255 255 255 / 0.16);
  }
  .trigger:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: -2px;
  }
  .avatar {
    display: grid;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    border-radius: 50%;
    border: 2px solid currentColor;
    font-size: calc(0.8 * var(--_rem));
    font-weight: 700;
  }
  [role='menu'] {
    position: absolute;
    inset-block-start: calc(100% + 4px);
    inset-inline-end: 0;
    z-index: 1;
    min-inline-size: calc(15 * var(--_rem));
    max-block-size: 70vh;
    overflow: auto;
    margin: 0;
    padding-block: var(--_space-1);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    color: var(--_color-text);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
  }
  [role='menu'].start {
    inset-inline-end: auto;
    inset-inline-start: 0;
  }
  .who {
    padding: var(--_space-2) var(--_space-3);
    border-block-end: 1px solid var(--_color-border);
  }
  .who strong,
  .who span {
    display: block;
    overflow-wrap: anywhere;
  }
  .who span,
  .group-label {
    color: var(--_color-muted);
    font-size: calc(0.875 * var(--_rem));
  }
  .group-label {
    padding: var(--_space-2) var(--_space-3) 0;
  }
  [role^='menuitem'] {
    display: flex;
    gap: var(--_space-2);
    align-items: center;
    inline-size: 100%;
    min-block-size: 36px;
    padding-block: var(--_space-1);
    padding-inline: var(--_space-3);
    border: none;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  [role^='menuitem']:hover,
  [role^='menuitem']:focus-visible {
    background: var(--_color-surface);
    outline: none;
  }
  [role^='menuitem']:focus-visible {
    box-shadow: inset 0 0 0 2px var(--_color-focus);
  }
  .check {
    inline-size: 1em;
  }
  hr {
    margin-block: var(--_space-1);
    border: none;
    border-block-start: 1px solid var(--_color-border);
  }
`;
