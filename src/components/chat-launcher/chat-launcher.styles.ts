import { css } from 'lit';

export const launcherStyles = css`
  :host {
    --_launcher-size: var(--portico-launcher-size, 56px);
    --_launcher-offset: var(--portico-launcher-offset, 24px);
    --_launcher-bg: var(--portico-launcher-bg, var(--_color-primary));
    --_launcher-fg: var(--portico-launcher-fg, var(--_color-on-primary));
    --_launcher-z: var(--portico-launcher-z-index, 2147483000);
    --_panel-inline-size: var(--portico-launcher-panel-inline-size, 420px);
    --_panel-block-size: var(--portico-launcher-panel-block-size, 600px);
    /* On the visual viewport (shared/visual-viewport.ts writes --_vv-*) and clear of notches and home bars. */
    --_end: calc(var(--_launcher-offset) + var(--_vv-right, 0px) + env(safe-area-inset-right, 0px));
    --_start: calc(var(--_launcher-offset) + var(--_vv-left, 0px) + env(safe-area-inset-left, 0px));
    position: fixed;
    inset-block-end: calc(var(--_launcher-offset) + var(--_vv-bottom, 0px) + env(safe-area-inset-bottom, 0px));
    inset-inline-end: var(--_end);
    z-index: var(--_launcher-z);
    display: block;
  }
  :host(:dir(rtl)) {
    --_end: calc(var(--_launcher-offset) + var(--_vv-left, 0px) + env(safe-area-inset-left, 0px));
    --_start: calc(var(--_launcher-offset) + var(--_vv-right, 0px) + env(safe-area-inset-right, 0px));
  }
  /* Logical insets: bottom-right is the inline end, so RTL pages mirror it. */
  :host([position='bottom-left']) {
    inset-inline-end: auto;
    inset-inline-start: var(--_start);
  }

  .launcher {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: var(--_launcher-size);
    block-size: var(--_launcher-size);
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--_launcher-bg);
    color: var(--_launcher-fg);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.24);
    cursor: pointer;
  }
  .launcher:hover {
    filter: brightness(1.08);
  }
  .launcher:focus-visible {
    outline: 3px solid var(--_color-focus);
    outline-offset: 3px;
  }
  .launcher svg {
    inline-size: 28px;
    block-size: 28px;
  }

  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 22px;
    block-size: 22px;
    padding-inline: 6px;
    border-radius: 11px;
    background: var(--portico-launcher-badge-bg, var(--_color-danger));
    color: var(--portico-launcher-badge-fg, #ffffff);
    font-size: calc(0.75 * var(--_rem));
    font-weight: 700;
    line-height: 22px;
    text-align: center;
    border: 2px solid var(--_color-bg);
    box-sizing: content-box;
  }

  /*
   * The panel hangs above the button: both live in the fixed host, so the
   * panel moves with the button (offset, corner, visual viewport) and costs
   * the page nothing on scroll. Its inline end lines up with the button's, so
   * bottom-left and right-to-left pages mirror it; its size leaves 8 px to the
   * visual viewport's far edge and never less than 160 px of height.
   */
  .panel {
    position: absolute;
    inset-block-end: calc(100% + 12px);
    inset-inline-end: 0;
    display: flex;
    flex-direction: column;
    inline-size: min(var(--_panel-inline-size), calc(var(--_vv-width, 100vw) - var(--_launcher-offset) - 8px));
    block-size: max(
      160px,
      min(
        var(--_panel-block-size),
        calc(var(--_vv-height, 100vh) - var(--_launcher-offset) - var(--_launcher-size) - 20px)
      )
    );
    background: var(--_color-bg);
    color: var(--_color-text);
    border: 1px solid var(--_color-border);
    border-radius: calc(var(--_radius) * 1.5);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.28);
    overflow: hidden;
  }
  :host([position='bottom-left']) .panel {
    inset-inline-end: auto;
    inset-inline-start: 0;
  }
  .panel[hidden] {
    display: none;
  }
  .panel:focus {
    outline: none;
  }
  .panel:focus-visible {
    outline: 2px solid var(--_color-focus);
  }

  .header {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    padding-block: var(--_space-3);
    padding-inline: var(--_space-4) var(--_space-2);
    background: var(--_launcher-bg);
    color: var(--_launcher-fg);
    --_account-trigger-color: var(--_launcher-fg);
  }
  .title {
    flex: 1;
    margin: 0;
    font-size: calc(1.05 * var(--_rem));
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .close {
    display: grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    padding: 0;
    border: none;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .close:hover {
    background: rgb(255 255 255 / 0.16);
  }
  .close:focus-visible {
    outline-color: currentColor;
  }
  .close svg {
    inline-size: 20px;
    block-size: 20px;
  }

  .tabs {
    display: flex;
    gap: var(--_space-1);
    padding-inline: var(--_space-2);
    border-block-end: 1px solid var(--_color-border);
    background: var(--_color-surface);
  }
  .tab {
    flex: 1;
    min-block-size: 44px;
    padding-inline: var(--_space-2);
    border: none;
    border-block-end: 3px solid transparent;
    background: transparent;
    color: var(--_color-muted);
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    color: var(--_color-text);
    border-block-end-color: var(--_color-primary);
    font-weight: 600;
  }
  .tab:focus-visible {
    outline-offset: -2px;
  }

  .views {
    flex: 1;
    min-block-size: 0;
    overflow: auto;
  }
  .view {
    padding: var(--_space-3);
  }
  .account {
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
  }
  .account portico-portal-profile {
    justify-self: stretch;
  }
  .link {
    min-block-size: 24px;
    padding: 0;
    border: none;
    background: none;
    color: var(--_color-primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
  .view[hidden] {
    display: none;
  }
  .message {
    margin: 0;
    padding: var(--_space-4);
    color: var(--_color-muted);
  }

  /*
   * Narrow screens: the panel takes the whole visual viewport (not the layout
   * viewport, which a page that overflows sideways makes wider than the
   * screen, and which the on-screen keyboard does not shrink), its header and
   * close button clear of the notch.
   */
  @media (max-width: 480px) {
    .panel,
    :host([position='bottom-left']) .panel {
      position: fixed;
      inset: auto;
      left: var(--_vv-left, 0px);
      top: var(--_vv-top, 0px);
      inline-size: var(--_vv-width, 100vw);
      block-size: var(--_vv-height, 100dvh);
      border: none;
      border-radius: 0;
      padding-block-end: env(safe-area-inset-bottom, 0px);
      box-sizing: border-box;
    }
    .header {
      padding-block-start: calc(var(--_space-3) + env(safe-area-inset-top, 0px));
      padding-inline: calc(var(--_space-4) + env(safe-area-inset-left, 0px))
        calc(var(--_space-2) + env(safe-area-inset-right, 0px));
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .launcher {
      transition: filter 120ms ease;
    }
  }
`;
