import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { NetworkError, TimeoutError } from '../../core/errors.js';

/** The "could not be loaded" state with its cause in plain words and a Retry button. */
export function renderLoadError(title: string, error: unknown, retry: () => void): TemplateResult {
  const offline = error instanceof NetworkError || error instanceof TimeoutError;
  return html`<div part="state" class="state" role="alert">
    <p class="title">${title}</p>
    <p>
      ${
        offline
          ? msg('The helpdesk could not be reached. Check your connection and try again.', {
              id: 'tickets.error.offline',
            })
          : msg('Something went wrong on our side. Try again in a moment.', { id: 'tickets.error.generic' })
      }
    </p>
    <button class="button" type="button" @click=${retry}>${msg('Retry', { id: 'common.retry' })}</button>
  </div>`;
}
