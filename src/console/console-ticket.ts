import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { problemText } from '../core/problem-text.js';
import { statusLabel } from '../core/status.js';
import { formatDateTime } from '../core/format.js';
import { TICKET_STATUSES, type Message, type TicketStatus } from '../protocol/index.js';
import { PorticoElement } from '../components/shared/portico-element.js';
import { renderLoading } from '../components/shared/state-views.js';
import { renderLoadError } from '../components/shared/load-error.js';
import { renderStatusBadge } from '../components/status-badge/status-badge.js';
import { renderBody } from '../components/ticket-detail/ticket-conversation.js';
import type { AdminTicket, ConsoleApi } from './console-api.js';
import { consoleBase } from './console.styles.js';

/**
 * One ticket as an agent works it in the console: the conversation the
 * customer sees, a reply or an internal note, and the status.
 *
 * @event console-back - Back to the ticket list.
 */
export class PorticoConsoleTicket extends PorticoElement {
  static override styles = [
    ...consoleBase,
    css`
      :host {
        display: block;
      }
      header {
        display: grid;
        gap: var(--_space-2);
        margin-block-end: var(--_space-4);
      }
      h2 {
        margin: 0;
        font-size: calc(1.25 * var(--_rem));
      }
      .meta {
        color: var(--_color-muted);
        margin: 0;
      }
      ol {
        list-style: none;
        margin: 0 0 var(--_space-4);
        padding: 0;
        display: grid;
        gap: var(--_space-3);
      }
      li {
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
        padding: var(--_space-3);
        background: var(--_color-surface);
      }
      li.agent {
        border-inline-start: 4px solid var(--_color-primary);
      }
      .who {
        font-weight: 600;
        margin: 0 0 var(--_space-2);
      }
      .body.text {
        white-space: pre-wrap;
      }
      form {
        display: grid;
        gap: var(--_space-2);
        margin-block-end: var(--_space-4);
      }
      textarea {
        min-block-size: 6rem;
      }
    `,
  ];

  @property({ attribute: false }) api?: ConsoleApi;
  @property({ attribute: 'ticket-id' }) ticketId = '';
  @property({ attribute: false }) agentName = '';
  @state() private sending = false;
  @state() private notice: { text: string; error?: boolean } | null = null;

  #load = new Task(this, {
    task: async ([api, id]) => {
      if (!api || !id) return null;
      const [ticket, page] = await Promise.all([api.ticket(id), api.messages(id)]);
      return { ticket, messages: page.items };
    },
    args: () => [this.api, this.ticketId] as const,
  });

  override render(): TemplateResult {
    return html`<button class="button" type="button" @click=${() => this.dispatchEvent(new CustomEvent('console-back'))}>
        <span class="back-arrow" aria-hidden="true">←</span> ${msg('All tickets', { id: 'tickets.list.filter.all' })}
      </button>
      ${this.#load.render({
        pending: () => renderLoading(),
        error: (err) =>
          renderLoadError(msg('The ticket could not be loaded.', { id: 'console.ticket.loadFailed' }), err, () =>
            this.#load.run(),
          ),
        complete: (data) => (data ? this.#renderTicket(data.ticket, data.messages) : nothing),
      })}`;
  }

  #renderTicket(ticket: AdminTicket, messages: Message[]): TemplateResult {
    const email = ticket.requesterEmail ?? ticket.requester.email;
    const requester = email ? `${ticket.requester.name} <${email}>` : ticket.requester.name;
    return html`<article aria-labelledby="ticket-title">
      <header>
        <h2 id="ticket-title" dir="auto">#${ticket.number} ${ticket.subject}</h2>
        <p class="meta">
          ${msg(str`From ${requester}`, { id: 'console.ticket.from' })} ·
          ${renderStatusBadge(ticket.status)} ·
          ${msg(str`Updated ${formatDateTime(ticket.updatedAt, this.locale)}`, { id: 'console.ticket.updated' })}
        </p>
      </header>
      <section aria-labelledby="conversation-title">
        <h3 id="conversation-title">${msg('Conversation', { id: 'tickets.detail.conversation' })}</h3>
        <ol>
          ${messages.map(
            (m) => html`<li class=${m.author.role}>
              <p class="who">${m.author.name} · ${formatDateTime(m.createdAt, this.locale)}</p>
              ${renderBody(m)}
            </li>`,
          )}
        </ol>
      </section>
      ${this.#renderReply(ticket)} ${this.#renderStatus(ticket)}
      <p role="status" class=${this.notice?.error ? 'error' : ''}>${this.notice?.text ?? ''}</p>
    </article>`;
  }

  #renderReply(ticket: AdminTicket): TemplateResult {
    return html`<form @submit=${(e: SubmitEvent) => this.#send(e, ticket)}>
      <label for="reply">${msg('Answer', { id: 'console.reply.label' })}</label>
      <textarea id="reply" name="reply" required dir="auto"></textarea>
      <div class="row">
        <span>
          <input type="checkbox" id="internal" name="internal" />
          <label for="internal">${msg('Internal note (the customer does not see it)', { id: 'console.reply.internal' })}</label>
        </span>
        <button class="button primary" type="submit" ?disabled=${this.sending}>
          ${msg('Send', { id: 'console.reply.send' })}
        </button>
      </div>
    </form>`;
  }

  #renderStatus(ticket: AdminTicket): TemplateResult {
    return html`<form class="row" @submit=${(e: SubmitEvent) => this.#saveStatus(e, ticket)}>
      <label for="status">${msg('Status', { id: 'console.status.label' })}</label>
      <select id="status" name="status">
        ${TICKET_STATUSES.map(
          (s) => html`<option value=${s} ?selected=${s === ticket.status}>${statusLabel(s)}</option>`,
        )}
      </select>
      <button class="button" type="submit" ?disabled=${this.sending}>
        ${msg('Change status', { id: 'console.status.save' })}
      </button>
    </form>`;
  }

  async #send(event: SubmitEvent, ticket: AdminTicket): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = (form.elements.namedItem('reply') as HTMLTextAreaElement).value.trim();
    const internal = (form.elements.namedItem('internal') as HTMLInputElement).checked;
    if (!text || !this.api) return;
    await this.#act(async () => {
      await this.api!.reply(ticket.id, this.agentName, { format: 'text', content: text }, internal);
      form.reset();
      return internal
        ? msg('Internal note saved. The customer does not see it.', { id: 'console.reply.noteSaved' })
        : msg('Answer sent to the customer.', { id: 'console.reply.sent' });
    });
  }

  async #saveStatus(event: SubmitEvent, ticket: AdminTicket): Promise<void> {
    event.preventDefault();
    const status = (event.currentTarget as HTMLFormElement).elements.namedItem('status') as HTMLSelectElement;
    await this.#act(async () => {
      await this.api!.setStatus(ticket.id, status.value as TicketStatus);
      return msg(str`Status changed to ${statusLabel(status.value as TicketStatus)}.`, { id: 'console.status.saved' });
    });
  }

  /** Runs an agent's action: nothing lost on failure (the form keeps its text), the ticket read again on success. */
  async #act(action: () => Promise<string>): Promise<void> {
    this.sending = true;
    try {
      const text = await action();
      await this.#load.run();
      this.notice = { text };
    } catch (err) {
      this.notice = { text: problemText(err), error: true };
    } finally {
      this.sending = false;
    }
  }
}
