import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { PorticoElement } from '../shared/portico-element.js';
import { statusColors, tokens } from '../shared/styles.js';
import { uploadListStyles } from '../shared/upload-list.js';
import { statusBadgeStyles } from '../status-badge/status-badge.styles.js';
import { renderStatusBadge } from '../status-badge/status-badge.js';
import { FocusController } from '../shared/focus.controller.js';
import { LoadController, type LoadContext } from '../shared/load.controller.js';
import { renderLoadError } from '../shared/load-error.js';
import { renderLoading, renderNotConfigured, renderSignedOut, stateViewStyles } from '../shared/state-views.js';
import { ticketDetailStyles } from './ticket-detail.styles.js';
import { authorName, loadConversationPage, prependOlder, renderConversation } from './ticket-conversation.js';
import { ReplyComposerController } from './reply-composer.controller.js';
import { renderReadOnly, renderReplyForm } from './reply-composer.js';
import { TicketActionsController } from './ticket-actions.js';
import { TicketRatingController } from './ticket-rating.js';
import { renderFacts } from './ticket-facts.js';
import { ForbiddenError, NotFoundError } from '../../core/errors.js';
import {
  isOpenStatus,
  type FormSchema,
  type Message,
  type PortalSettings,
  type ServerEvent,
  type Ticket,
} from '../../protocol/index.js';

type DetailValue =
  | { kind: 'not-found' }
  | {
      kind: 'ticket';
      ticket: Ticket;
      messages: Message[];
      olderCursor: string | null;
      portal: PortalSettings | null;
      /** The form the ticket was raised with (its field labels), when known. */
      form: FormSchema | null;
    };

type Shown = Extract<DetailValue, { kind: 'ticket' }>;

/**
 * One ticket: its facts, the public conversation (oldest first), a reply box
 * with attachments where the user may reply, and Close / Reopen where the
 * portal allows. New messages arrive over server events and are announced.
 * A reply that cannot reach the helpdesk waits in the page's outbox, shown in
 * the conversation until it is sent (or cancelled back into the reply box).
 *
 * The parts: loading (LoadController), the conversation (ticket-conversation.ts),
 * the reply box (ReplyComposerController, reply-composer.ts), Close / Reopen
 * (TicketActionsController); this element lays them out, applies live updates
 * and owns the live region and focus (FocusController).
 *
 * @event portico-back - When the Back button is pressed (only with `show-back`).
 * @event portico-reply-sent - `{ticketId, messageId}` after a reply was accepted (also one sent later from the outbox).
 * @event portico-ticket-updated - `{ticket}` after Close or Reopen.
 *
 * @csspart base - The wrapper.
 * @csspart back - The Back button.
 * @csspart header - Subject, number, status and facts.
 * @csspart merged - "Ticket #61 was merged into this ticket.", when the id asked for was merged into the one shown.
 * @csspart facts - The list of dates and people (also `field-list`: the ticket's own fields with their form labels).
 * @csspart fields - The ticket's fields section.
 * @csspart rating - The satisfaction rating of a solved ticket.
 * @csspart attachment-preview - An image attachment shown inline (from the attachment route).
 * @csspart status-badge - The status pill.
 * @csspart actions - Close / Reopen.
 * @csspart conversation - The message thread.
 * @csspart earlier - "Show earlier messages", above the oldest message shown while the thread goes back further.
 * @csspart message - One message (also `agent-message` or `customer-message`; `pending-message` while it waits to be sent).
 * @csspart pending-note - "Waiting to send" with its Cancel button, on a reply that waits in the outbox.
 * @csspart attachment - A download link.
 * @csspart reply - The reply form.
 * @csspart upload - A file attached in the reply box, also named by its state (`uploading`, `done`, `failed`, `rejected`).
 * @csspart send - The send button.
 * @csspart read-only - The note shown instead of the reply form.
 * @csspart state - Loading, error and not-found messages.
 *
 * @cssproperty --portico-ticket-detail-agent-bg - Background of support messages.
 * @cssproperty --portico-ticket-detail-agent-accent - Edge colour of support messages.
 * @cssproperty --portico-ticket-detail-customer-bg - Background of customer messages.
 */
export class PorticoTicketDetail extends PorticoElement {
  static override styles = [
    tokens,
    statusColors,
    statusBadgeStyles,
    stateViewStyles,
    uploadListStyles,
    ticketDetailStyles,
  ];

  /** The ticket to show. */
  @property({ attribute: 'ticket-id', reflect: true }) ticketId = '';

  /** Shows a Back button that emits `portico-back` (the launcher uses it). */
  @property({ attribute: 'show-back', type: Boolean, reflect: true }) showBack = false;

  @state() private announcement = '';

  /** Messages that arrived by themselves (a reply the outbox sent, an event) while a load was under way. */
  #arrived: Message[] = [];
  /** Fetching the conversation's older part ("Show earlier messages"). */
  @state() private older: 'idle' | 'loading' | 'failed' = 'idle';

  private focusAfter = new FocusController(this);

  private detail = new LoadController<readonly [string], DetailValue>(this, {
    services: () => this.services,
    args: () => [this.ticketId.trim()] as const,
    idle: ([ticketId]) => !ticketId,
    load: async ([ticketId], context) => this.keepEarlier(await loadTicket(ticketId, context)),
    reconnect: 'resume',
    onLoaded: (value) => {
      if (value.kind !== 'ticket') return;
      this.mergeArrived(value);
      void this.composer.restoreDraft(value.ticket.id);
    },
    events: { listen: (value) => value.kind === 'ticket', onEvent: (event) => this.onServerEvent(event) },
  });

  private composer = new ReplyComposerController(this, {
    services: () => this.services,
    ticket: () => this.shown?.ticket ?? null,
    // The ticket on screen once loaded: a merged-away id asked for shows (and is answered as) the surviving one.
    requestedTicketId: () => this.shown?.ticket.id ?? (this.ticketId.trim() || null),
    user: () => this.detail.user,
    portal: () => this.shown?.portal ?? null,
    sent: (message, ticketId) => {
      this.addMessage(message);
      this.announce(msg('Your reply was sent.', { id: 'tickets.detail.sent' }));
      this.emit('portico-reply-sent', { ticketId, messageId: message.id });
    },
    announce: (text) => this.announce(text),
    focus: (...selectors) => this.focusAfter.request(...selectors),
  });

  private actions = new TicketActionsController(this, {
    services: () => this.services,
    ticket: () => this.shown?.ticket ?? null,
    changed: (ticket, which) => {
      this.setTicket(ticket);
      this.announce(
        which === 'close'
          ? msg('The ticket is closed.', { id: 'tickets.detail.closed' })
          : msg('The ticket is open again.', { id: 'tickets.detail.reopened' }),
      );
      this.emit('portico-ticket-updated', { ticket });
    },
    focus: (...selectors) => this.focusAfter.request(...selectors),
  });

  private rating = new TicketRatingController(this, {
    services: () => this.services,
    ticket: () => this.shown?.ticket ?? null,
    rated: (ticket) => {
      this.setTicket(ticket);
      this.announce(msg('Thank you for your rating.', { id: 'tickets.rating.thanks' }));
    },
    focus: (...selectors) => this.focusAfter.request(...selectors),
  });

  /** The ticket on screen, with its conversation. */
  private get shown(): Shown | null {
    const value = this.detail.value;
    return value?.kind === 'ticket' ? value : null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('ticketId') && changed.get('ticketId') !== undefined) {
      this.#arrived = [];
      this.detail.clear();
      this.composer.reset();
      this.actions.reset();
      this.rating.reset();
      this.announcement = '';
      this.older = 'idle';
    }
  }

  /** Loads the ticket again (the error state's Retry does this too). */
  reload(): Promise<void> {
    return this.detail.reload();
  }

  // ---------------------------------------------------------------- rendering

  override render() {
    if (!this.services) return renderNotConfigured();
    const detail = this.detail;
    const value = detail.value;
    let body;
    if (detail.failed) {
      body = renderLoadError(msg('The ticket could not be loaded.', { id: 'tickets.detail.error' }), detail.error, () =>
        this.reload(),
      );
    } else if (detail.pending && value?.kind !== 'ticket') {
      body = renderLoading(msg('Loading ticket…', { id: 'tickets.detail.loading' }));
    } else if (detail.signedOut) body = renderSignedOut(null);
    else if (value?.kind === 'not-found') body = this.renderNotFound();
    else if (value?.kind === 'ticket') body = this.renderTicket(value);
    else body = nothing;
    return html`
      <div part="base" aria-busy=${detail.pending ? 'true' : 'false'}>
        ${
          this.showBack
            ? html`<div>
              <button type="button" class="button" part="back" @click=${() => this.emit('portico-back', {})}>
                <span aria-hidden="true" class="back-arrow">←</span> ${msg('Back', { id: 'common.back' })}
              </button>
            </div>`
            : nothing
        }
        ${body}
        <div class="visually-hidden" role="status" aria-live="polite" part="live-region">${this.announcement}</div>
      </div>
    `;
  }

  /** The helpdesk merged the ticket asked for into this one (RT): the surviving ticket shows, saying so. */
  #renderMerged(ticket: Ticket) {
    const asked = this.ticketId.trim();
    if (!asked || asked === ticket.id) return nothing;
    return html`<p part="merged" class="merged" role="note">
      ${msg(str`Ticket #${asked} was merged into this ticket.`, { id: 'tickets.detail.mergedInto' })}
    </p>`;
  }

  private renderNotFound() {
    return html`<div part="state" class="state" role="alert">
      <p class="title">${msg('Ticket not found', { id: 'tickets.detail.notFound' })}</p>
      <p>${msg('It may have been removed, or it belongs to someone who has not shared it with you.', { id: 'tickets.detail.notFound.hint' })}</p>
    </div>`;
  }

  private renderTicket({ ticket, messages, olderCursor, portal, form }: Shown) {
    const mode = portal?.statusLabelMode ?? 'full';
    const user = this.detail.user;
    return html`
      <header part="header">
        <h2 tabindex="-1" dir="auto">${ticket.subject}</h2>
        <div class="title-line">
          <span class="number">${msg(str`Ticket #${ticket.number}`, { id: 'tickets.detail.number' })}</span>
          ${renderStatusBadge(ticket.status, mode)}
        </div>
        ${this.#renderMerged(ticket)}
        ${renderFacts(ticket, form, this.locale)} ${this.actions.render(ticket, portal)}
      </header>
      ${this.rating.render(ticket, this.locale)}
      ${renderConversation({
        messages,
        olderCursor,
        older: this.older,
        loadOlder: () => void this.loadOlder(),
        pending: this.composer.pending,
        portal,
        user,
        backend: this.services!.backend,
        locale: this.locale,
        cancelPending: (id) => void this.composer.cancelPending(id),
      })}
      ${
        ticket.permissions?.canReply
          ? renderReplyForm(this.composer, portal, this.locale, this.renderRoot)
          : renderReadOnly(ticket, user)
      }
    `;
  }

  // ---------------------------------------------------------------- changes to the ticket on screen

  /**
   * A message joins the conversation once, however many ways it arrives
   * (answer, outbox, event stream), also while the conversation loads: that
   * load may have been answered before the message was stored, so it joins
   * the loaded conversation then (mergeArrived).
   */
  private addMessage(message: Message): boolean {
    if (this.detail.pending && message.ticketId === this.ticketId.trim()) this.#arrived.push(message);
    const known = this.shown?.messages.some((m) => m.id === message.id) ?? true;
    if (!known) this.detail.update((v) => (v.kind === 'ticket' ? { ...v, messages: [...v.messages, message] } : v));
    return !known;
  }

  /** The messages that arrived during the load and are not in its answer go after the loaded ones (they are newer). */
  private mergeArrived(value: Shown): void {
    const late = this.#arrived.filter(
      (m, i, all) =>
        m.ticketId === value.ticket.id &&
        all.findIndex((other) => other.id === m.id) === i &&
        !value.messages.some((known) => known.id === m.id),
    );
    this.#arrived = [];
    if (late.length)
      this.detail.update((v) => (v.kind === 'ticket' ? { ...v, messages: [...v.messages, ...late] } : v));
  }

  /** The page before the oldest message shown, put in front; focus stays on the button, or the heading once the thread starts on screen. */
  private async loadOlder(): Promise<void> {
    const shown = this.shown;
    if (!shown?.olderCursor || this.older === 'loading' || !this.services) return;
    const { ticket, olderCursor } = shown;
    this.older = 'loading';
    try {
      const part = await loadConversationPage(this.services.backend, ticket.id, undefined, olderCursor);
      let applied = false;
      this.detail.update((v) => {
        if (v.kind !== 'ticket' || v.ticket.id !== ticket.id || v.olderCursor !== olderCursor) return v;
        applied = true;
        return { ...v, messages: prependOlder(v.messages, part.messages), olderCursor: part.olderCursor };
      });
      this.older = 'idle';
      if (!applied) return;
      this.announce(msg('Earlier messages loaded.', { id: 'tickets.detail.earlier.loaded' }));
      if (!part.olderCursor) this.focusAfter.request('#conversation-heading');
    } catch {
      this.older = 'failed';
    }
  }

  /**
   * A load of the ticket on screen again (a reconnect, Retry) brings the newest
   * page only: the earlier pages shown stay in front of it where the two meet,
   * so the thread neither shrinks nor jumps. Where they do not meet (more new
   * messages than a page), the fresh page stands alone and the rest is a press away.
   */
  private keepEarlier(fresh: DetailValue): DetailValue {
    const shown = this.shown;
    if (fresh.kind !== 'ticket' || !fresh.olderCursor || shown?.ticket.id !== fresh.ticket.id) return fresh;
    const first = fresh.messages[0];
    const at = first ? shown.messages.findIndex((m) => m.id === first.id) : -1;
    if (at <= 0) return fresh;
    return { ...fresh, messages: [...shown.messages.slice(0, at), ...fresh.messages], olderCursor: shown.olderCursor };
  }

  private setTicket(ticket: Ticket): void {
    this.detail.update((v) => (v.kind === 'ticket' && v.ticket.id === ticket.id ? { ...v, ticket } : v));
  }

  private onServerEvent(event: ServerEvent): void {
    const ticket = this.shown?.ticket;
    if (!ticket) return;
    if (event.type === 'message.created' && event.ticketId === ticket.id) {
      if (!this.addMessage(event.message)) return;
      // Our own reply echoing back while it is being sent needs no announcement.
      if (this.composer.replying && event.message.author.role === 'customer') return;
      const name = authorName(event.message, this.shown?.portal ?? null);
      this.announce(msg(str`New reply from ${name}`, { id: 'tickets.detail.newReply' }));
    } else if (event.type === 'ticket.updated' && event.ticket.id === ticket.id) {
      // Close or Reopen under way: its answer brings this state (with permissions), its echo must not come first.
      if (this.actions.action) return;
      // Events can trail our own answers (close, then reopen): an older state never overwrites a newer one.
      if (Date.parse(event.ticket.updatedAt) < Date.parse(ticket.updatedAt)) return;
      this.setTicket({ ...ticket, ...event.ticket, permissions: event.ticket.permissions ?? ticket.permissions });
      // A status change can change what this user may do; ask for fresh permissions.
      if (isOpenStatus(event.ticket.status) !== isOpenStatus(ticket.status) && !event.ticket.permissions) {
        void this.refreshPermissions(ticket.id);
      }
    }
  }

  private async refreshPermissions(id: string): Promise<void> {
    try {
      const fresh = await this.services?.backend.getTicket(id);
      if (fresh) this.setTicket(fresh);
    } catch {
      // Keeps the permissions it had; the next load corrects them.
    }
  }

  /** Sets the live region's text; a repeat of the same words still counts as a change. */
  private announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }
}

/** The ticket, the newest page of its public conversation and the portal's settings; someone else's ticket is not found. */
async function loadTicket(ticketId: string, { services, signal }: LoadContext<DetailValue>): Promise<DetailValue> {
  const portal = services.backend.getPortal({ signal }).catch(() => null);
  try {
    const [ticket, conversation] = await Promise.all([
      services.backend.getTicket(ticketId, { signal }),
      loadConversationPage(services.backend, ticketId, signal),
    ]);
    // Without its form the fields still show, under their ids.
    const form = ticket.formId ? await services.backend.getForm(ticket.formId, { signal }).catch(() => null) : null;
    return { kind: 'ticket', ticket, ...conversation, portal: await portal, form };
  } catch (err) {
    // The gateway answers 404 for someone else's ticket; 403 is treated alike so nothing leaks.
    if (err instanceof NotFoundError || err instanceof ForbiddenError) return { kind: 'not-found' };
    throw err;
  }
}
