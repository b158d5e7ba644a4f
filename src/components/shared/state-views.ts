import { css, html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { loadElement } from './lazy-elements.js';

/**
 * The states every data-backed element shows before its content: not
 * configured, loading, and signed out. (The load error with its Retry is
 * `renderLoadError` in `load-error.ts`.) Each element's styles include
 * `stateViewStyles` for them.
 */

/** No backend is set on the element, its provider or the page. */
export function renderNotConfigured(): TemplateResult {
  return html`<p part="base" class="state" role="alert">
    ${msg('Portico is not configured: no backend is set.', { id: 'common.notConfigured' })}
  </p>`;
}

/** Waiting for the first answer; `text` says what is loading (default "Loading…"). */
export function renderLoading(text?: string): TemplateResult {
  return html`<div part="state" class="state" role="status" aria-busy="true">
    <p>${text ?? msg('Loading…', { id: 'common.loading' })}</p>
  </div>`;
}

/**
 * The element needs a signed-in person; with `signIn`, the sign-in form follows.
 * Without `text`, the sign-in form alone takes the element's place (ticket list and detail).
 */
export function renderSignedOut(text: string | null, options: { signIn?: boolean } = {}): TemplateResult {
  // Defined already wherever the app runs; fetched for an element used on its own. A failed
  // fetch leaves the text, which still says what to do.
  if (text === null || options.signIn) loadElement('portico-sign-in').catch(() => undefined);
  if (text === null) return html`<portico-sign-in></portico-sign-in>`;
  return html`<div part="state" class="state">
    <p role="status">${text}</p>
    ${options.signIn ? html`<portico-sign-in></portico-sign-in>` : nothing}
  </div>`;
}

export const stateViewStyles = css`
  .state {
    padding: var(--_space-3);
    border-radius: var(--_radius);
    border: 1px solid var(--_color-border);
    background: var(--_color-surface);
    display: grid;
    gap: var(--_space-2);
    justify-items: start;
  }
  .state p {
    margin: 0;
  }
  .state .title {
    font-weight: 600;
  }
  .state portico-sign-in {
    justify-self: stretch;
  }
`;
