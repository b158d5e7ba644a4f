import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { Ticket } from '../../protocol/index.js';
import { domId } from './form-fields.js';

/** After a submit with problems: each one, in the order the fields appear, linking to its field. */
export function renderErrorSummary(
  problems: Array<{ key: string; label: string }>,
  shown: Record<string, string>,
  focusField: (event: Event, key: string) => void,
) {
  if (!problems.length) return nothing;
  return html`<div part="error-summary" role="group" aria-labelledby="error-summary-heading">
    <h3 id="error-summary-heading">${msg('Please correct the following:', { id: 'supportForm.summary.heading' })}</h3>
    <ul>
      ${problems.map(
        (p) => html`<li>
          <a href="#${domId(p.key)}" @click=${(e: Event) => focusField(e, p.key)}>${p.label}: ${shown[p.key]}</a>
        </li>`,
      )}
    </ul>
  </div>`;
}

/** The ticket was made: its number, a link to it (for someone signed in) and "New request". */
export function renderSuccess(
  ticket: Ticket,
  anonymous: boolean,
  actions: { view: (ticket: Ticket) => void; startNew: () => void },
) {
  const number = ticket.number;
  return html`<div part="base success">
    <h2 tabindex="-1">${msg('Thank you — your request was sent', { id: 'supportForm.success.heading' })}</h2>
    <p>${msg(str`Your ticket number is ${number}.`, { id: 'supportForm.success.number' })}</p>
    <div class="actions">
      ${
        anonymous
          ? nothing
          : html`<a
            part="ticket-link"
            href="#ticket-${encodeURIComponent(ticket.id)}"
            @click=${(e: Event) => {
              e.preventDefault();
              actions.view(ticket);
            }}
            >${msg(str`View ticket ${number}`, { id: 'supportForm.success.view' })}</a
          >`
      }
      <button part="new-request" class="button" type="button" @click=${() => actions.startNew()}>
        ${msg('New request', { id: 'supportForm.success.new' })}
      </button>
    </div>
  </div>`;
}

/** The request waits in the outbox: it goes by itself once the helpdesk can be reached; it can be taken back. */
export function renderQueued(subject: string, signedOut: boolean, actions: { cancel: () => void; retry: () => void }) {
  return html`<div part="base queued" role="status">
    <h2 tabindex="-1">${msg('Your request is waiting to be sent', { id: 'supportForm.queued.heading' })}</h2>
    ${subject ? html`<p part="queued-subject"><strong>${subject}</strong></p>` : nothing}
    <p>
      ${
        signedOut
          ? msg('Sign in again and it is sent by itself.', { id: 'supportForm.queued.signedOut' })
          : msg(
              'It is sent by itself as soon as the helpdesk can be reached, also after a reload. Nothing you entered is lost.',
              { id: 'supportForm.queued.detail' },
            )
      }
    </p>
    <div class="actions">
      <button part="queued-retry" class="button" type="button" @click=${() => actions.retry()}>
        ${msg('Try now', { id: 'supportForm.queued.retry' })}
      </button>
      <button part="queued-cancel" class="button" type="button" @click=${() => actions.cancel()}>
        ${msg('Cancel sending', { id: 'supportForm.queued.cancel' })}
      </button>
    </div>
  </div>`;
}

/** Where focus goes after a render: the first invalid field, the form's error, or the heading. */
export type FocusTarget = 'first-invalid' | 'form-error' | 'success' | 'heading';

export function focusTarget(root: ShadowRoot, focus: FocusTarget): HTMLElement | null {
  if (focus === 'first-invalid')
    return root.querySelector<HTMLElement>('[data-invalid]') ?? root.querySelector<HTMLElement>('[part="form-error"]');
  if (focus === 'form-error') return root.querySelector<HTMLElement>('[part="form-error"]');
  return root.querySelector<HTMLElement>('h2');
}
