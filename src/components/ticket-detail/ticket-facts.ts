import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { ticketFields } from '../../core/ticket-fields.js';
import type { FormSchema, Ticket } from '../../protocol/index.js';
import { renderTime } from './ticket-conversation.js';

function fact(label: string, value: unknown, id?: string) {
  return html`<div data-fact=${id ?? nothing}><dt>${label}</dt><dd>${value}</dd></div>`;
}

/**
 * The whole ticket at a glance: dates, people, service and handler (where the
 * portal shows agents — the gateway leaves the assignee out otherwise), then
 * the ticket's own fields with their form's labels and option names.
 */
export function renderFacts(ticket: Ticket, form: FormSchema | null, locale: string) {
  const time = (iso: string) => renderTime(iso, locale);
  const fields = ticketFields(ticket.fields ?? {}, form, locale, {
    yes: msg('Yes', { id: 'common.yes' }),
    no: msg('No', { id: 'common.no' }),
  });
  return html`<dl part="facts">
      ${fact(msg('Created', { id: 'tickets.detail.created' }), time(ticket.createdAt))}
      ${fact(msg('Last update', { id: 'tickets.list.col.updated' }), time(ticket.updatedAt))}
      ${fact(msg('Requester', { id: 'tickets.list.col.requester' }), ticket.requester.name)}
      ${ticket.organization ? fact(msg('Organisation', { id: 'tickets.detail.organization' }), ticket.organization.name) : nothing}
      ${ticket.service ? fact(msg('Service', { id: 'tickets.list.col.service' }), ticket.service) : nothing}
      ${ticket.assignee ? fact(msg('Handled by', { id: 'tickets.detail.assignee' }), ticket.assignee.name) : nothing}
    </dl>
    ${
      fields.length
        ? html`<section part="fields" aria-labelledby="fields-heading">
          <h3 id="fields-heading">${msg('Details', { id: 'tickets.detail.fields' })}</h3>
          <dl part="facts field-list">${fields.map((f) => fact(f.label, f.value, f.id))}</dl>
        </section>`
        : nothing
    }`;
}
