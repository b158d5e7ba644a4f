import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { problemText } from '../../core/problem-text.js';

/** The "could not be loaded" state with its cause in plain words and a Retry button. */
export function renderLoadError(title: string | null, error: unknown, retry: () => void): TemplateResult {
  return html`<div part="state" class="state" role="alert">
    <p class="title">${title ?? msg('Something went wrong.', { id: 'common.failed' })}</p>
    <p>${problemText(error)}</p>
    <button class="button" type="button" @click=${retry}>${msg('Retry', { id: 'common.retry' })}</button>
  </div>`;
}
