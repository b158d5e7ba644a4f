import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { chatStyles } from './chat.styles.js';
import { ValidationError } from '../../core/errors.js';
import { issueText, problemText } from '../../core/problem-text.js';
import {
  CHAT_MESSAGE_FORM_ID,
  isEmailAddress,
  type FieldIssue,
  type NewTicketRequest,
  type Ticket,
} from '../../protocol/index.js';
import { newIdempotencyKey } from '../../core/idempotency.js';

type Field = 'name' | 'email' | 'message';

/**
 * "Leave a message" for when nobody is available to chat: the message becomes
 * a ticket and the person gets its number. Used inside <portico-chat>.
 *
 * @event portico-ticket-created - `{ticket}` once the ticket exists.
 */
export class PorticoChatOffline extends PorticoElement {
  static override styles = [tokens, chatStyles];

  /** Signed-in people are known to the helpdesk; others give a name and e-mail address. */
  @property({ type: Boolean, attribute: 'signed-in' }) signedIn = false;

  @state() private values: Record<Field, string> = { name: '', email: '', message: '' };
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private formError = '';
  @state() private submitting = false;
  @state() private ticket: Ticket | null = null;

  /** One key per message, so a retry after a lost answer cannot create a second ticket. */
  #idempotencyKey: string | null = null;

  #fields(): Field[] {
    return this.signedIn ? ['message'] : ['name', 'email', 'message'];
  }

  #validate(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    for (const field of this.#fields()) {
      const value = this.values[field].trim();
      if (!value) {
        errors[field] =
          field === 'name'
            ? msg('Enter your name.', { id: 'chat.offline.nameRequired' })
            : field === 'email'
              ? msg('Enter your e-mail address.', { id: 'chat.offline.emailRequired' })
              : msg('Enter your message.', { id: 'chat.offline.messageRequired' });
      } else if (field === 'email' && !isEmailAddress(value)) {
        errors[field] = msg('Enter an e-mail address like name@example.com.', { id: 'chat.offline.emailInvalid' });
      }
    }
    return errors;
  }

  #onInput(field: Field, e: Event): void {
    this.values = { ...this.values, [field]: (e.target as HTMLInputElement).value };
    this.#idempotencyKey = null;
    if (this.errors[field]) this.errors = { ...this.errors, [field]: undefined };
  }

  async #onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const backend = this.services?.backend;
    if (!backend || this.submitting) return;
    this.errors = this.#validate();
    this.formError = '';
    const firstInvalid = this.#fields().find((f) => this.errors[f]);
    if (firstInvalid) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#offline-${firstInvalid}`)?.focus();
      return;
    }
    const message = this.values.message.trim();
    const firstLine = message.split('\n')[0].slice(0, 80);
    this.submitting = true;
    // The portal names the form chat messages become tickets of (one with just a subject and a message).
    const portal = await backend.getPortal().catch(() => null);
    const request: NewTicketRequest = {
      formId: portal?.chat.offlineFormId ?? CHAT_MESSAGE_FORM_ID,
      subject: msg(str`Chat message: ${firstLine}`, { id: 'chat.offline.subject' }),
      body: { format: 'text', content: message },
      ...(this.signedIn ? {} : { requester: { name: this.values.name.trim(), email: this.values.email.trim() } }),
    };
    this.#idempotencyKey ??= newIdempotencyKey();
    try {
      this.ticket = await backend.createTicket(request, { idempotencyKey: this.#idempotencyKey });
      this.#idempotencyKey = null;
      this.emit('portico-ticket-created', { ticket: this.ticket });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus();
    } catch (err) {
      if (err instanceof ValidationError) {
        const byField = err.fieldIssues;
        const text = (issue: FieldIssue | undefined, label: string) =>
          issue ? issueText(issue, { label }) : undefined;
        this.errors = {
          name: text(byField['requester.name'], msg('Name', { id: 'chat.offline.name' })),
          email: text(byField['requester.email'], msg('E-mail address', { id: 'chat.offline.email' })),
          message: text(byField.body ?? byField['fields.message'], msg('Your message', { id: 'chat.offline.message' })),
        };
      }
      const detail = problemText(err);
      this.formError = msg(str`Your message was not sent: ${detail}`, { id: 'chat.offline.failed' });
    } finally {
      this.submitting = false;
    }
  }

  override render(): TemplateResult {
    if (this.ticket) {
      return html`<div class="notice confirmation" role="status" tabindex="-1" part="confirmation">
        ${msg(str`Thank you. Your message is saved as ticket ${this.ticket.number}; we will reply as soon as we can.`, {
          id: 'chat.offline.done',
        })}
      </div>`;
    }
    return html`<form part="form" class="composer" novalidate @submit=${this.#onSubmit} aria-labelledby="offline-title">
      <p id="offline-title" class="notice">
        <strong>${msg('Nobody is available to chat right now.', { id: 'chat.offline.title' })}</strong>
        ${msg('Leave a message and we will reply as soon as we can.', { id: 'chat.offline.intro' })}
      </p>
      ${
        this.signedIn
          ? nothing
          : html`${this.#renderField('name', msg('Name', { id: 'chat.offline.name' }), 'text', 'name')}
          ${this.#renderField('email', msg('E-mail address', { id: 'chat.offline.email' }), 'email', 'email')}`
      }
      ${this.#renderField('message', msg('Your message', { id: 'chat.offline.message' }), 'textarea', 'off')}
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.submitting} aria-busy=${this.submitting}>
          ${
            this.submitting
              ? msg('Sending…', { id: 'chat.sending' })
              : msg('Send message', { id: 'chat.offline.submit' })
          }
        </button>
      </div>
    </form>`;
  }

  #renderField(field: Field, label: string, type: 'text' | 'email' | 'textarea', autocomplete: string): TemplateResult {
    const id = `offline-${field}`;
    const error = this.errors[field];
    const errorId = `${id}-error`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${
        type === 'textarea'
          ? html`<textarea
            id=${id}
            rows="4"
            required
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? errorId : nothing}
            .value=${this.values[field]}
            @input=${(e: Event) => this.#onInput(field, e)}
          ></textarea>`
          : html`<input
            id=${id}
            type=${type}
            required
            autocomplete=${autocomplete}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? errorId : nothing}
            .value=${this.values[field]}
            @input=${(e: Event) => this.#onInput(field, e)}
          />`
      }
      ${error ? html`<p id=${errorId} class="error">${error}</p>` : nothing}
    </div>`;
  }
}
