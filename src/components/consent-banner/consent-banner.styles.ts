import { css } from 'lit';

export const consentBannerStyles = css`
  :host {
    display: block;
    --_banner-max-width: var(--portico-consent-banner-max-width, calc(40 * var(--_rem)));
    /* Above Portico's own launcher and panel (2147483000): a consent question is never covered by them. */
    --_banner-z-index: var(--portico-consent-banner-z-index, 2147483100);
    --_banner-offset: var(--portico-consent-banner-offset, var(--_space-4));
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    position: fixed;
    /* On the visual viewport (shared/visual-viewport.ts writes --_vv-*); symmetric, so physical is fine. */
    left: calc(var(--_banner-offset) + var(--_vv-left, 0px) + env(safe-area-inset-left, 0px));
    right: calc(var(--_banner-offset) + var(--_vv-right, 0px) + env(safe-area-inset-right, 0px));
    bottom: calc(var(--_banner-offset) + var(--_vv-bottom, 0px) + env(safe-area-inset-bottom, 0px));
    z-index: var(--_banner-z-index);
    max-inline-size: var(--_banner-max-width);
    margin-inline: auto;
    display: grid;
    gap: var(--_space-3);
    padding: var(--_space-4);
    background: var(--_color-bg);
    color: var(--_color-text);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
  }
  /* In the page's flow instead of floating, e.g. inside a profile page. */
  :host([inline]) [part='base'] {
    position: static;
    max-inline-size: none;
    box-shadow: none;
  }
  [part='base']:focus {
    outline: none;
  }
  [part='base']:focus-visible {
    outline: 2px solid var(--_color-focus);
  }
  .head {
    display: flex;
    align-items: center;
    gap: var(--_space-3);
  }
  [part='logo'] {
    block-size: calc(2 * var(--_rem));
    inline-size: auto;
    max-inline-size: calc(8 * var(--_rem));
    object-fit: contain;
  }
  h2 {
    margin: 0;
    font-size: calc(1.05 * var(--_rem));
  }
  p {
    margin: 0;
    line-height: 1.45;
  }
  a {
    color: var(--_color-primary);
    text-underline-offset: 2px;
  }
  /* Two columns of one width: Accept and Reject must weigh the same. */
  [part='actions'] {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: var(--_space-2);
  }
  .choice {
    justify-content: center;
    min-block-size: 44px;
    font-weight: 600;
    background: var(--_color-primary);
    color: var(--_color-on-primary);
    border: 1px solid var(--_color-primary);
  }
  .choice:hover {
    filter: brightness(1.08);
  }
  @media (max-width: 30em) {
    [part='actions'] {
      grid-template-columns: 1fr;
    }
  }
`;
