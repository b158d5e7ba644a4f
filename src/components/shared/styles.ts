import { css } from 'lit';

/** The dark palette, used by prefers-color-scheme and by theme="dark" alike. */
const darkTokens = css`
  --_color-bg: var(--portico-color-bg, #16181c);
  --_color-surface: var(--portico-color-surface, #22252b);
  --_color-text: var(--portico-color-text, #eceef1);
  --_color-muted: var(--portico-color-muted, #a9b0bb);
  --_color-border: var(--portico-color-border, #3a3f47);
  --_color-primary: var(--portico-color-primary, #7fb0ff);
  --_color-on-primary: var(--portico-color-on-primary, #0b1320);
  --_color-danger: var(--portico-color-danger, #ff8a80);
  --_color-focus: var(--portico-color-focus, #7fb0ff);
`;

/**
 * Global design tokens, overridable by the host through --portico-* custom
 * properties. Components copy what they use into private --_tokens.
 */
export const tokens = css`
  :host {
    --_color-bg: var(--portico-color-bg, #ffffff);
    --_color-surface: var(--portico-color-surface, #f6f7f9);
    --_color-text: var(--portico-color-text, #1c1f24);
    --_color-muted: var(--portico-color-muted, #5a6270);
    --_color-border: var(--portico-color-border, #d4d8de);
    --_color-primary: var(--portico-color-primary, #1f5fbf);
    --_color-on-primary: var(--portico-color-on-primary, #ffffff);
    --_color-danger: var(--portico-color-danger, #b3261e);
    --_color-focus: var(--portico-color-focus, #1f5fbf);
    --_radius: var(--portico-radius, 8px);
    --_space-1: var(--portico-space-1, 4px);
    --_space-2: var(--portico-space-2, 8px);
    --_space-3: var(--portico-space-3, 12px);
    --_space-4: var(--portico-space-4, 16px);
    --_font: var(--portico-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    /* Sizes are in --_rem, not rem: a page's html { font-size } (or * { font-size }) must not scale Portico. */
    --_rem: var(--portico-font-size, 16px);
    /*
     * Inherited properties cross the shadow boundary from the page, and page
     * rules on the host element itself (* { font-size: 31px }) beat normal
     * :host rules: reset them here with !important (which :host wins), and
     * style Portico through the --portico-* tokens only. direction stays the page's.
     */
    font-family: var(--_font) !important;
    font-size: var(--_rem) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    font-variant: normal !important;
    font-stretch: normal !important;
    line-height: var(--portico-line-height, normal) !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-transform: none !important;
    text-indent: 0 !important;
    text-align: start !important;
    text-shadow: none !important;
    white-space: normal !important;
    word-break: normal !important;
    /* Long words and URLs wrap instead of running out of the panel. */
    overflow-wrap: break-word !important;
    color: var(--_color-text) !important;
    box-sizing: border-box !important;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_color-focus);
    outline-offset: 2px;
  }
  /* "Back" points to where reading came from: right in a right-to-left layout. */
  .back-arrow {
    display: inline-block;
  }
  .back-arrow:dir(rtl) {
    transform: scaleX(-1);
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  button {
    font: inherit;
    min-block-size: 24px;
    min-inline-size: 24px;
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-2);
    padding-block: var(--_space-2);
    padding-inline: var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
    background: var(--_color-bg);
    color: var(--_color-text);
    cursor: pointer;
  }
  .button.primary {
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    border-color: var(--_color-primary);
  }
  .button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .error {
    color: var(--_color-danger);
  }
`;

/** A field's error message, marked with a round "!" so it does not rest on colour alone. */
export const fieldErrorStyles = css`
  .field-error {
    color: var(--_color-danger);
    font-size: calc(0.9 * var(--_rem));
    display: flex;
    gap: var(--_space-1);
    align-items: baseline;
  }
  .field-error::before {
    content: '!';
    font-weight: 700;
    border: 1.5px solid currentColor;
    border-radius: 50%;
    inline-size: 1.1em;
    block-size: 1.1em;
    line-height: 1em;
    text-align: center;
    flex: none;
    font-size: 0.8em;
  }
`;

/** TVox status colours: New yellow, Open red, Pending light blue, Closed grey. */
export const statusColors = css`
  :host {
    --_status-new: var(--portico-status-new, #f5c400);
    --_status-new-text: var(--portico-status-new-text, #3d3100);
    --_status-open: var(--portico-status-open, #d93025);
    --_status-open-text: var(--portico-status-open-text, #ffffff);
    --_status-pending: var(--portico-status-pending, #8ecdf2);
    --_status-pending-text: var(--portico-status-pending-text, #0b3550);
    --_status-solved: var(--portico-status-solved, #9aa0a6);
    --_status-solved-text: var(--portico-status-solved-text, #1c1f24);
    --_status-closed: var(--portico-status-closed, #9aa0a6);
    --_status-closed-text: var(--portico-status-closed-text, #1c1f24);
  }
`;
