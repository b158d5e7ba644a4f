/**
 * The facade button's look: the same size, corner, colours and focus ring as
 * <portico-chat-launcher>'s button (chat-launcher.styles.ts over the tokens in
 * shared/styles.ts), as plain CSS because the facade bundles no Lit. The
 * embed tests compare the two buttons, so a change to one shows up there.
 */
export const facadeLauncherCss = `
:host {
  --_bg: var(--portico-launcher-bg, var(--portico-color-primary, #1f5fbf));
  --_fg: var(--portico-launcher-fg, var(--portico-color-on-primary, #ffffff));
  --_focus: var(--portico-color-focus, #1f5fbf);
  --_size: var(--portico-launcher-size, 56px);
  --_offset: var(--portico-launcher-offset, 24px);
  position: fixed;
  inset-block-end: var(--_offset);
  inset-inline-end: var(--_offset);
  z-index: var(--portico-launcher-z-index, 2147483000);
  display: block;
  box-sizing: border-box;
  font-family: var(--portico-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme='light'])) {
    --_bg: var(--portico-launcher-bg, var(--portico-color-primary, #7fb0ff));
    --_fg: var(--portico-launcher-fg, var(--portico-color-on-primary, #0b1320));
    --_focus: var(--portico-color-focus, #7fb0ff);
  }
}
:host([theme='dark']) {
  --_bg: var(--portico-launcher-bg, var(--portico-color-primary, #7fb0ff));
  --_fg: var(--portico-launcher-fg, var(--portico-color-on-primary, #0b1320));
  --_focus: var(--portico-color-focus, #7fb0ff);
}
:host([position='bottom-left']) {
  inset-inline-end: auto;
  inset-inline-start: var(--_offset);
}
button {
  position: relative;
  display: grid;
  place-items: center;
  box-sizing: border-box;
  inline-size: var(--_size);
  block-size: var(--_size);
  min-inline-size: 24px;
  min-block-size: 24px;
  margin: 0;
  padding: 0;
  border: none;
  border-radius: 50%;
  background: var(--_bg);
  color: var(--_fg);
  font: inherit;
  box-shadow: 0 4px 16px rgb(0 0 0 / 0.24);
  cursor: pointer;
}
button:hover {
  filter: brightness(1.08);
}
button:focus-visible {
  outline: 3px solid var(--_focus);
  outline-offset: 3px;
}
button[aria-busy='true'] {
  cursor: progress;
}
svg {
  inline-size: 28px;
  block-size: 28px;
}
span {
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}
/* The app could not load: the label shows beside the button (a click on it retries). */
:host([failed]) [part='label'] {
  inset-inline-end: calc(100% + 8px);
  inset-block-end: 50%;
  translate: 0 50%;
  inline-size: max-content;
  max-inline-size: min(16rem, calc(100vw - var(--_size) - 2 * var(--_offset) - 8px));
  block-size: auto;
  overflow: visible;
  clip: auto;
  white-space: normal;
  overflow-wrap: anywhere;
  padding: 6px 10px;
  border-radius: 8px;
  background: var(--portico-color-surface, #ffffff);
  color: var(--portico-color-danger, #b3261e);
  box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  font-size: 14px;
  line-height: 1.3;
  text-align: start;
}
:host([failed][position='bottom-left']) [part='label'] {
  inset-inline-end: auto;
  inset-inline-start: calc(100% + 8px);
}
@media (prefers-reduced-motion: no-preference) {
  button {
    transition: filter 120ms ease;
  }
}
`;
