import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { msg, str } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { statusColors, tokens } from '../shared/styles.js';
import { statusBadgeStyles } from '../status-badge/status-badge.styles.js';
import { renderStatusBadge } from '../status-badge/status-badge.js';
import { ServerEventsController } from '../shared/server-events.controller.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';
import { ticketDetailStyles } from './ticket-detail.styles.js';
import {
  joinReplyText,
  PendingRepliesController,
  replyDraftKey,
  type PendingReply,
} from './pending-replies.controller.js';
import { ForbiddenError, isUnauthorized, NetworkError, NotFoundError, TimeoutError } from '../../core/errors.js';
import { getDraftStore } from '../../core/drafts.js';
import { newIdempotencyKey } from '../../core/idempotency.js';
import { renderLoadError } from '../shared/load-error.js';
import { fileRejection, uploadFailureText } from '../../core/file-rules.js';
import { formatBytes, formatDateTime } from '../../core/format.js';
import { sanitizeHtml } from '../../core/sanitize.js';
import {
  isOpenStatus,
  type Attachment,
  type Message,
  type PortalSettings,
  type ReplyRequest,
  type ServerEvent,
  type Ticket,
  type User,
} from '../../protocol/index.js';
import type { HelpdeskBackend } from '../../core/backend.js';

type DetailResult =
  | { kind: 'unconfigured' }
  | { kind: 'none' }
  | { kind: 'signed-out' }
  | { kind: 'not-found' }
  | {
      kind: 'ticket';
      ticket: Ticket;
      messages: Message[];
      truncated: boolean;
      portal: PortalSettings | null;
      user: User;
    };

interface PendingUpload {
  key: number;
  name: string;
  size: number;
  loaded: number;
  state: 'uploading' | 'done' | 'error';
  attachment?: Attachment;
  error?: string;
  abort: AbortController;
}

/** Pages of a conversation fetched at most; beyond that the thread is cut (and says so). */
const MAX_MESSAGE_PAGES = 40;

/**
 * One ticket: its facts, the public conversation (oldest first), a reply box
 * with attachments where the user may reply, and Close / Reopen where the
 * portal allows. New messages arrive over server events and are announced.
 * A reply that cannot reach the helpdesk waits in the page's outbox, shown in
 * the conversation until it is sent (or cancelled back into the reply box).
 *
 * @event portico-back - When the Back button is pressed (only with `show-back`).
 * @event portico-reply-sent - `{ticketId, messageId}` after a reply was accepted (also one sent later from the outbox).
 * @event portico-ticket-updated - `{ticket}` after Close or Reopen.
 *
 * @csspart base - The wrapper.
 * @csspart back - The Back button.
 * @csspart header - Subject, number, status and facts.
 * @csspart facts - The list of dates and people.
 * @csspart status-badge - The status pill.
 * @csspart actions - Close / Reopen.
 * @csspart conversation - The message thread.
 * @csspart message - One message (also `agent-message` or `customer-message`; `pending-message` while it waits to be sent).
 * @csspart pending-note - "Waiting to send" with its Cancel button, on a reply that waits in the outbox.
 * @csspart attachment - A download link.
 * @csspart reply - The reply form.
 * @csspart send - The send button.
 * @csspart read-only - The note shown instead of the reply form.
 * @csspart state - Loading, error and not-found messages.
 *
 * @cssproperty --portico-ticket-detail-agent-bg - Background of support messages.
 * @cssproperty --portico-ticket-detail-agent-accent - Edge colour of support messages.
 * @cssproperty --portico-ticket-detail-customer-bg - Background of customer messages.
 */
export class PorticoTicketDetail extends PorticoElement {
  static override styles = [tokens, statusColors, statusBadgeStyles, ticketDetailStyles];

  /** The ticket to show. */
  @property({ attribute: 'ticket-id', reflect: true }) ticketId = '';

  /** Shows a Back button that emits `portico-back` (the launcher uses it). */
  @property({ attribute: 'show-back', type: Boolean, reflect: true }) showBack = false;

  @state() private ticket: Ticket | null = null;
  @state() private messages: Message[] = [];
  @state() private truncated = false;
  @state() private portal: PortalSettings | null = null;
  @state() private user: User | null = null;

  @state() private replyText = '';
  @state() private uploads: PendingUpload[] = [];
  @state() private sending = false;
  @state() private replyError: string | null = null;
  @state() private replyInvalid = false;

  @state() private confirmingClose = false;
  @state() private action: 'close' | 'reopen' | null = null;
  @state() private actionError: string | null = null;

  @state() private announcement = '';

  @query('#reply-text') private replyField?: HTMLTextAreaElement;
  @query('#reply-files') private fileInput?: HTMLInputElement;

  #uploadKey = 0;
  /** Kept across attempts of one reply so that a retry never posts it twice. */
  #replyKey: string | undefined;
  /** Where focus goes after the next render: the first of these selectors that matches. */
  #focusAfterUpdate: string[] | null = null;

  private sessionWatch = new SessionWatchController(this, () => this.services?.session);
  private serverEvents = new ServerEventsController(this, (event) => this.onServerEvent(event));
  private pendingReplies = new PendingRepliesController(this, {
    services: () => this.services,
    ticketId: () => this.ticket?.id ?? null,
    onSent: (message, reply) => this.onQueuedReplySent(message, reply),
    onReturned: (reply, error) => this.onReplyReturned(reply, error),
  });

  private detailTask = new Task(this, {
    task: async ([services, ticketId], { signal }): Promise<DetailResult | typeof initialState> => {
      if (!services) return { kind: 'unconfigured' };
      if (!ticketId) return { kind: 'none' };
      // The session load is shared with other elements: this one leaving must not abort it for them.
      const session = await services.session.load();
      // Taken off the page meanwhile: it loads afresh when put back.
      if (signal.aborted) return initialState;
      if (!session) return { kind: 'signed-out' };
      const portal = services.backend.getPortal({ signal }).catch(() => null);
      try {
        const [ticket, conversation] = await Promise.all([
          services.backend.getTicket(ticketId, { signal }),
          loadConversation(services.backend, ticketId, signal),
        ]);
        return { kind: 'ticket', ticket, ...conversation, portal: await portal, user: session.user };
      } catch (err) {
        if (signal.aborted) return initialState;
        if (isUnauthorized(err)) {
          services.session.expire();
          return { kind: 'signed-out' };
        }
        // The gateway answers 404 for someone else's ticket; 403 is treated alike so nothing leaks.
        if (err instanceof NotFoundError || err instanceof ForbiddenError) return { kind: 'not-found' };
        throw err;
      }
    },
    args: () => [this.services, this.ticketId.trim(), this.sessionWatch.version] as const,
    onComplete: (result) => this.applyResult(result),
  });

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('ticketId') && changed.get('ticketId') !== undefined) this.resetForNewTicket();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.serverEvents.watch(this.ticket ? this.services?.backend : undefined);
    if (this.#focusAfterUpdate) {
      const selectors = this.#focusAfterUpdate;
      this.#focusAfterUpdate = null;
      for (const selector of selectors) {
        const target = this.renderRoot.querySelector<HTMLElement>(selector);
        if (target) {
          target.focus();
          break;
        }
      }
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.detailTask.autoRun = true;
    if (!this.hasUpdated) return;
    // A load stopped on the way out starts again; otherwise the next update picks up whatever changed while away.
    const status = this.detailTask.status;
    if (status === TaskStatus.PENDING || status === TaskStatus.INITIAL) void this.detailTask.run();
    else this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Off the page it does no work: a late answer, or the page's default services
    // changing, must not start requests for an element nobody sees.
    this.detailTask.autoRun = false;
    this.detailTask.abort();
    for (const upload of this.uploads) upload.abort.abort();
  }

  /** Loads the ticket again (the error state's Retry does this too). */
  reload(): Promise<void> {
    return this.detailTask.run();
  }

  private resetForNewTicket(): void {
    for (const upload of this.uploads) upload.abort.abort();
    this.ticket = null;
    this.messages = [];
    this.replyText = '';
    this.uploads = [];
    this.replyError = null;
    this.replyInvalid = false;
    this.confirmingClose = false;
    this.actionError = null;
    this.announcement = '';
    this.#replyKey = undefined;
  }

  private applyResult(result: DetailResult): void {
    if (result.kind === 'ticket') {
      this.ticket = result.ticket;
      this.messages = result.messages;
      this.truncated = result.truncated;
      this.portal = result.portal;
      this.user = result.user;
      void this.restoreDraft(result.ticket.id);
    } else {
      this.ticket = null;
      this.messages = [];
    }
  }

  // ---------------------------------------------------------------- rendering

  override render() {
    if (!this.services) return this.renderNotConfigured();
    const status = this.detailTask.status;
    const pending = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    const value = this.detailTask.value;
    let body;
    if (status === TaskStatus.ERROR) body = this.renderError();
    else if (pending && !this.ticket) body = this.renderLoading();
    else if (value?.kind === 'unconfigured') return this.renderNotConfigured();
    else if (value?.kind === 'signed-out') body = html`<portico-sign-in></portico-sign-in>`;
    else if (value?.kind === 'not-found') body = this.renderNotFound();
    else if (this.ticket) body = this.renderTicket(this.ticket);
    else body = nothing;
    return html`
      <div part="base" aria-busy=${pending ? 'true' : 'false'}>
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

  private renderNotConfigured() {
    return html`<p part="base" role="alert">${msg('Portico is not configured: no backend is set.', { id: 'common.notConfigured' })}</p>`;
  }

  private renderLoading() {
    return html`<div part="state" class="state" role="status"><p>${msg('Loading ticket…', { id: 'tickets.detail.loading' })}</p></div>`;
  }

  private renderError() {
    return renderLoadError(
      msg('The ticket could not be loaded.', { id: 'tickets.detail.error' }),
      this.detailTask.error,
      () => this.reload(),
    );
  }

  private renderNotFound() {
    return html`<div part="state" class="state" role="alert">
      <p class="title">${msg('Ticket not found', { id: 'tickets.detail.notFound' })}</p>
      <p>${msg('It may have been removed, or it belongs to someone who has not shared it with you.', { id: 'tickets.detail.notFound.hint' })}</p>
    </div>`;
  }

  private renderTicket(ticket: Ticket) {
    const mode = this.portal?.statusLabelMode ?? 'full';
    return html`
      <header part="header">
        <h2 tabindex="-1">${ticket.subject}</h2>
        <div class="title-line">
          <span class="number">${msg(str`Ticket #${ticket.number}`, { id: 'tickets.detail.number' })}</span>
          ${renderStatusBadge(ticket.status, mode)}
        </div>
        <dl part="facts">
          ${this.renderFact(msg('Created', { id: 'tickets.detail.created' }), this.renderTime(ticket.createdAt))}
          ${this.renderFact(msg('Last update', { id: 'tickets.list.col.updated' }), this.renderTime(ticket.updatedAt))}
          ${this.renderFact(msg('Requester', { id: 'tickets.list.col.requester' }), ticket.requester.name)}
          ${ticket.organization ? this.renderFact(msg('Organisation', { id: 'tickets.detail.organization' }), ticket.organization.name) : nothing}
          ${ticket.service ? this.renderFact(msg('Service', { id: 'tickets.list.col.service' }), ticket.service) : nothing}
          ${ticket.assignee ? this.renderFact(msg('Handled by', { id: 'tickets.detail.assignee' }), ticket.assignee.name) : nothing}
        </dl>
        ${this.renderActions(ticket)}
      </header>
      ${this.renderConversation()} ${ticket.permissions?.canReply ? this.renderReplyForm() : this.renderReadOnly(ticket)}
    `;
  }

  private renderFact(label: string, value: unknown) {
    return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  }

  private renderTime(iso: string) {
    return html`<time datetime=${iso}>${formatDateTime(iso, this.locale)}</time>`;
  }

  private renderActions(ticket: Ticket) {
    const open = isOpenStatus(ticket.status);
    const canClose = open && !!ticket.permissions?.canClose;
    const canReopen = !open && !!ticket.permissions?.canReopen;
    if (!canClose && !canReopen && !this.actionError) return nothing;
    return html`<div part="actions">
      ${
        canClose && !this.confirmingClose
          ? html`<button type="button" class="button" id="close-button" @click=${this.askClose}>
            ${msg('Close ticket', { id: 'tickets.detail.close' })}
          </button>`
          : nothing
      }
      ${
        canClose && this.confirmingClose
          ? html`<div class="confirm" role="group" aria-labelledby="confirm-close-text">
            <p id="confirm-close-text">
              ${
                ticket.permissions?.canReopen || this.portal?.allowReopen
                  ? msg('Close this ticket? You can reopen it later.', { id: 'tickets.detail.confirmClose' })
                  : msg('Close this ticket? It cannot be reopened afterwards.', {
                      id: 'tickets.detail.confirmCloseFinal',
                    })
              }
            </p>
            <button
              type="button"
              class="button primary"
              id="confirm-close"
              aria-disabled=${this.action ? 'true' : 'false'}
              @click=${() => this.changeState('close')}
            >
              ${
                this.action === 'close'
                  ? msg('Closing…', { id: 'tickets.detail.closing' })
                  : msg('Yes, close ticket', { id: 'tickets.detail.confirmCloseYes' })
              }
            </button>
            <button type="button" class="button" @click=${this.cancelClose}>${msg('Cancel', { id: 'common.cancel' })}</button>
          </div>`
          : nothing
      }
      ${
        canReopen
          ? html`<button
            type="button"
            class="button"
            id="reopen-button"
            aria-disabled=${this.action ? 'true' : 'false'}
            @click=${() => this.changeState('reopen')}
          >
            ${
              this.action === 'reopen'
                ? msg('Reopening…', { id: 'tickets.detail.reopening' })
                : msg('Reopen ticket', { id: 'tickets.detail.reopen' })
            }
          </button>`
          : nothing
      }
      <p class="error" role="alert">${this.actionError ?? nothing}</p>
    </div>`;
  }

  private renderConversation() {
    const pending = this.pendingReplies.replies;
    return html`<section part="conversation" aria-labelledby="conversation-heading">
      <h3 id="conversation-heading">${msg('Conversation', { id: 'tickets.detail.conversation' })}</h3>
      ${
        this.messages.length === 0 && pending.length === 0
          ? html`<p class="muted">${msg('No messages yet.', { id: 'tickets.detail.noMessages' })}</p>`
          : html`<ol class="messages">
            ${repeat(
              this.messages,
              (m) => m.id,
              (m) => this.renderMessage(m),
            )}
            ${repeat(
              pending,
              (r) => r.id,
              (r) => this.renderPendingReply(r),
            )}
          </ol>`
      }
      ${
        this.truncated
          ? html`<p class="muted">${msg('Only the first part of this long conversation is shown.', { id: 'tickets.detail.truncated' })}</p>`
          : nothing
      }
    </section>`;
  }

  /** The name shown for a message's author: agents stay anonymous unless the portal shows them. */
  private authorName(message: Message): string {
    if (message.author.role === 'agent' && !this.portal?.showAgentNames) {
      return msg('Support team', { id: 'tickets.detail.supportTeam' });
    }
    return message.author.name;
  }

  private renderMessage(message: Message) {
    const agent = message.author.role === 'agent';
    const name = this.authorName(message);
    // The tag says who wrote it in words, so the difference is not carried by colour and position alone.
    const tag = agent
      ? this.portal?.showAgentNames
        ? msg('Support', { id: 'tickets.detail.role.agent' })
        : null
      : msg('Customer', { id: 'tickets.detail.role.customer' });
    return html`<li part=${agent ? 'message agent-message' : 'message customer-message'} class="message ${agent ? 'agent' : 'customer'}">
      <p class="message-meta">
        <span class="author">${name}</span>
        ${tag ? html`<span class="role-tag">${tag}</span>` : nothing}
        ${this.renderTime(message.createdAt)}
      </p>
      ${this.renderBody(message)}
      ${
        message.attachments.length > 0
          ? html`<ul class="attachments" aria-label=${msg(str`Attachments from ${name}`, { id: 'tickets.detail.attachments' })}>
            ${message.attachments.map((a) => html`<li>${this.renderAttachment(a)}</li>`)}
          </ul>`
          : nothing
      }
    </li>`;
  }

  private renderPendingReply(reply: PendingReply) {
    const noteId = `pending-${reply.id}`;
    return html`<li part="message customer-message pending-message" class="message customer pending" data-pending-id=${reply.id}>
      <p class="message-meta">
        <span class="author">${this.user?.name ?? nothing}</span>
        <span class="role-tag">${msg('Customer', { id: 'tickets.detail.role.customer' })}</span>
        ${this.renderTime(new Date(reply.createdAt).toISOString())}
      </p>
      <div class="body text">${reply.text}</div>
      ${
        reply.attachments.length > 0
          ? html`<ul class="attachments" aria-label=${msg('Attachments waiting to be sent', { id: 'tickets.detail.pending.attachments' })}>
            ${reply.attachments.map(
              (a) => html`<li>
                ${a.name || msg('Attached file', { id: 'tickets.detail.pending.attachment' })}
                ${a.size ? html`<span class="muted">(${formatBytes(a.size, this.locale)})</span>` : nothing}
              </li>`,
            )}
          </ul>`
          : nothing
      }
      <div part="pending-note" class="pending-note">
        <p id=${noteId}>
          ${msg('Waiting to send — will be sent when you are back online', { id: 'tickets.detail.pending' })}
        </p>
        <button type="button" class="button" aria-describedby=${noteId} @click=${() => this.cancelPendingReply(reply.id)}>
          ${msg('Cancel sending', { id: 'tickets.detail.pending.cancel' })}
        </button>
      </div>
    </li>`;
  }

  private renderBody(message: Message) {
    const { format, content } = message.body;
    if (format === 'html') {
      return html`<div class="body html">${unsafeHTML(sanitizeHtml(content))}</div>`;
    }
    // Markdown is shown as its source text until a safe renderer exists; text keeps its line breaks.
    return html`<div class="body text">${content}</div>`;
  }

  private renderAttachment(attachment: Attachment) {
    const backend = this.services!.backend;
    return html`<a part="attachment" href=${backend.attachmentUrl(attachment.id)} download=${attachment.name} rel="noopener"
      >${attachment.name} <span class="muted">(${formatBytes(attachment.size, this.locale)})</span></a
    >`;
  }

  private renderReadOnly(ticket: Ticket) {
    let text: string;
    if (!isOpenStatus(ticket.status)) {
      text = ticket.permissions?.canReopen
        ? msg('This ticket is closed. Reopen it to add a reply.', { id: 'tickets.detail.readOnly.closedReopen' })
        : msg('This ticket is closed, so replies are no longer possible.', { id: 'tickets.detail.readOnly.closed' });
    } else if (this.user && ticket.requester.id !== this.user.id) {
      text = msg(str`You can read this ticket, but only ${ticket.requester.name}, who raised it, can reply.`, {
        id: 'tickets.detail.readOnly.colleague',
      });
    } else {
      text = msg('Replies are not possible on this ticket.', { id: 'tickets.detail.readOnly.other' });
    }
    return html`<p part="read-only" class="note">${text}</p>`;
  }

  private renderReplyForm() {
    const uploading = this.uploads.some((u) => u.state === 'uploading');
    const limits = this.portal?.uploads;
    const attachmentsAllowed = this.portal?.capabilities?.attachments !== false;
    return html`<form part="reply" novalidate @submit=${this.send} aria-labelledby="reply-heading">
      <h3 id="reply-heading">${msg('Reply', { id: 'tickets.detail.reply' })}</h3>
      <label for="reply-text">${msg('Your message', { id: 'tickets.detail.replyLabel' })}</label>
      <textarea
        id="reply-text"
        name="body"
        rows="4"
        aria-invalid=${this.replyInvalid ? 'true' : 'false'}
        aria-describedby="reply-error"
        .value=${live(this.replyText)}
        @input=${this.onReplyInput}
      ></textarea>
      ${
        attachmentsAllowed
          ? html`<div class="form-actions">
            <button type="button" class="button" @click=${() => this.fileInput?.click()}>
              ${msg('Attach files', { id: 'tickets.detail.attach' })}
            </button>
            <input
              id="reply-files"
              type="file"
              multiple
              hidden
              accept=${limits?.allowedTypes.length ? limits.allowedTypes.join(',') : nothing}
              @change=${this.onFilesChosen}
            />
          </div>`
          : nothing
      }
      ${
        this.uploads.length > 0
          ? html`<ul class="uploads" aria-label=${msg('Files to send', { id: 'tickets.detail.filesToSend' })}>
            ${repeat(
              this.uploads,
              (u) => u.key,
              (u) => this.renderUpload(u),
            )}
          </ul>`
          : nothing
      }
      <div id="reply-error" class="error" role="alert">${this.replyError ?? nothing}</div>
      <div class="form-actions">
        <button type="submit" class="button primary" part="send" aria-disabled=${this.sending || uploading ? 'true' : 'false'}>
          ${this.sending ? msg('Sending…', { id: 'tickets.detail.sending' }) : msg('Send reply', { id: 'tickets.detail.send' })}
        </button>
      </div>
    </form>`;
  }

  private renderUpload(upload: PendingUpload) {
    return html`<li class="upload">
      <span class="name">${upload.name}</span>
      <span class="muted">(${formatBytes(upload.size, this.locale)})</span>
      ${
        upload.state === 'uploading'
          ? html`<progress
            max=${Math.max(upload.size, 1)}
            .value=${upload.loaded}
            aria-label=${msg(str`Uploading ${upload.name}`, { id: 'tickets.detail.uploading' })}
          ></progress>`
          : nothing
      }
      ${upload.state === 'done' ? html`<span class="muted">${msg('Ready', { id: 'tickets.detail.uploadReady' })}</span>` : nothing}
      ${upload.state === 'error' ? html`<span class="error">${upload.error}</span>` : nothing}
      <button
        type="button"
        class="icon-button"
        aria-label=${msg(str`Remove ${upload.name}`, { id: 'tickets.detail.removeFile' })}
        @click=${() => this.removeUpload(upload.key)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>`;
  }

  // ---------------------------------------------------------------- reply

  /** Drafts are per user and ticket: two people may share a browser. */
  private get draftKey(): string | null {
    return this.user && this.ticket ? replyDraftKey(this.user.id, this.ticket.id) : null;
  }

  private get drafts() {
    const services = this.services;
    return services ? getDraftStore(services.backend.baseUrl) : null;
  }

  private async restoreDraft(ticketId: string): Promise<void> {
    const key = this.draftKey;
    if (!key || this.replyText) return;
    const draft = await this.drafts?.load<string>(key);
    // Typing that started meanwhile wins over the saved draft.
    if (typeof draft === 'string' && !this.replyText && this.ticket?.id === ticketId) this.replyText = draft;
  }

  private onReplyInput = (event: Event): void => {
    this.replyText = (event.target as HTMLTextAreaElement).value;
    const key = this.draftKey;
    if (key) this.drafts?.save(key, this.replyText);
    if (this.replyInvalid && this.replyText.trim()) {
      this.replyInvalid = false;
      this.replyError = null;
    }
  };

  private onFilesChosen = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    const limits = this.portal?.uploads;
    for (const file of files) {
      const entry: PendingUpload = {
        key: ++this.#uploadKey,
        name: file.name,
        size: file.size,
        loaded: 0,
        state: 'uploading',
        abort: new AbortController(),
      };
      const rejection = this.checkFile(file, limits);
      if (rejection) {
        this.uploads = [...this.uploads, { ...entry, state: 'error', error: rejection }];
        continue;
      }
      this.uploads = [...this.uploads, entry];
      void this.upload(file, entry);
    }
  };

  private checkFile(file: File, limits: PortalSettings['uploads'] | undefined): string | null {
    return fileRejection(file, limits, this.uploads.filter((u) => u.state !== 'error').length);
  }

  private async upload(file: File, entry: PendingUpload): Promise<void> {
    const services = this.services;
    if (!services) return;
    const patch = (changes: Partial<PendingUpload>) => {
      this.uploads = this.uploads.map((u) => (u.key === entry.key ? { ...u, ...changes } : u));
    };
    try {
      const attachment = await services.backend.upload(file, file.name, {
        signal: entry.abort.signal,
        onProgress: (loaded) => patch({ loaded }),
      });
      patch({ state: 'done', loaded: file.size, attachment });
    } catch (err) {
      if (entry.abort.signal.aborted) return;
      patch({ state: 'error', error: uploadFailureText(file, err, this.portal?.uploads) });
    }
  }

  private removeUpload(key: number): void {
    this.uploads.find((u) => u.key === key)?.abort.abort();
    this.uploads = this.uploads.filter((u) => u.key !== key);
    this.#focusAfterUpdate = ['#reply-text'];
  }

  private send = async (event: Event): Promise<void> => {
    event.preventDefault();
    const services = this.services;
    const ticket = this.ticket;
    if (!services || !ticket || this.sending) return;
    if (this.uploads.some((u) => u.state === 'uploading')) {
      this.replyError = msg('Wait until the files have finished uploading.', { id: 'tickets.detail.waitForUploads' });
      return;
    }
    const text = this.replyText.trim();
    const attachments = this.uploads.filter((u) => u.state === 'done' && u.attachment).map((u) => u.attachment!.id);
    if (!text && attachments.length === 0) {
      this.replyInvalid = true;
      this.replyError = msg('Write a message before sending.', { id: 'tickets.detail.emptyReply' });
      this.replyField?.focus();
      return;
    }
    const request = { body: { format: 'text' as const, content: text }, attachments };
    const uploaded = this.uploads.filter((u) => u.state === 'done' && u.attachment).map((u) => u.attachment!);
    // Offline already, or earlier replies still wait (this one must not overtake them): straight to the outbox.
    if (globalThis.navigator?.onLine === false || this.pendingReplies.replies.length > 0) {
      this.queueReply(ticket, request, uploaded);
      return;
    }
    this.sending = true;
    this.replyError = null;
    this.#replyKey ??= newIdempotencyKey();
    try {
      const message = await services.backend.reply(ticket.id, request, { idempotencyKey: this.#replyKey });
      this.#replyKey = undefined;
      this.removeDraft(ticket.id);
      if (this.ticket?.id !== ticket.id) return;
      if (!this.messages.some((m) => m.id === message.id)) this.messages = [...this.messages, message];
      this.replyText = '';
      this.uploads = [];
      this.announce(msg('Your reply was sent.', { id: 'tickets.detail.sent' }));
      this.emit('portico-reply-sent', { ticketId: ticket.id, messageId: message.id });
    } catch (err) {
      if (isUnauthorized(err)) {
        // The sign-in form takes over; the text stays in this element and returns with the ticket.
        services.session.expire();
        return;
      }
      if (err instanceof NetworkError || err instanceof TimeoutError) {
        // The same key goes along: a request that timed out may have reached the helpdesk after all.
        this.queueReply(ticket, request, uploaded, this.#replyKey);
        return;
      }
      this.replyError = replyErrorText(err);
    } finally {
      this.sending = false;
    }
  };

  /** Moves a reply out of the reply box into the outbox, where it waits for the network. */
  private queueReply(ticket: Ticket, request: ReplyRequest, uploaded: Attachment[], key?: string): void {
    try {
      this.pendingReplies.queue(ticket.id, request, uploaded, key);
    } catch {
      this.replyError = msg('Your reply could not be sent. Your text is kept; try again.', {
        id: 'tickets.detail.replyFailed',
      });
      return;
    }
    this.#replyKey = undefined;
    this.removeDraft(ticket.id);
    if (this.ticket?.id !== ticket.id) return;
    this.replyText = '';
    this.uploads = [];
    this.replyError = null;
    this.replyInvalid = false;
    this.announce(
      msg('You are offline. Your reply will be sent when you are back online.', { id: 'tickets.detail.queued' }),
    );
  }

  private removeDraft(ticketId: string): void {
    if (this.user) void this.drafts?.remove(replyDraftKey(this.user.id, ticketId));
  }

  private async cancelPendingReply(id: string): Promise<void> {
    const cancelled = await this.pendingReplies.cancel(id);
    if (!cancelled) {
      this.announce(
        msg('This reply is being sent right now and can no longer be cancelled.', {
          id: 'tickets.detail.pending.tooLate',
        }),
      );
    }
  }

  /** The outbox got a reply through: it becomes an ordinary message. */
  private onQueuedReplySent(message: Message, reply: PendingReply): void {
    // The event stream may have shown it already.
    if (!this.messages.some((m) => m.id === message.id)) this.messages = [...this.messages, message];
    this.announce(msg('Your reply was sent.', { id: 'tickets.detail.sent' }));
    this.emit('portico-reply-sent', { ticketId: reply.ticketId, messageId: message.id });
  }

  /** A waiting reply comes back into the reply box: cancelled by the user, or refused by the helpdesk. */
  private onReplyReturned(reply: PendingReply, error: unknown): void {
    this.replyText = joinReplyText(reply.text, this.replyText);
    const restored: PendingUpload[] = reply.attachments.map((attachment) => ({
      key: ++this.#uploadKey,
      name: attachment.name || msg('Attached file', { id: 'tickets.detail.pending.attachment' }),
      size: attachment.size,
      loaded: attachment.size,
      state: 'done',
      attachment,
      abort: new AbortController(),
    }));
    this.uploads = [...restored, ...this.uploads];
    const key = this.draftKey;
    if (key) this.drafts?.save(key, this.replyText);
    if (error) {
      this.replyError = replyErrorText(error);
    } else {
      this.replyError = null;
      this.#focusAfterUpdate = ['#reply-text'];
    }
  }

  // ---------------------------------------------------------------- close / reopen

  private askClose = (): void => {
    this.confirmingClose = true;
    this.actionError = null;
    this.#focusAfterUpdate = ['#confirm-close'];
  };

  private cancelClose = (): void => {
    this.confirmingClose = false;
    this.#focusAfterUpdate = ['#close-button'];
  };

  private async changeState(which: 'close' | 'reopen'): Promise<void> {
    const services = this.services;
    const ticket = this.ticket;
    if (!services || !ticket || this.action) return;
    this.action = which;
    this.actionError = null;
    try {
      let updated =
        which === 'close'
          ? await services.backend.closeTicket(ticket.id)
          : await services.backend.reopenTicket(ticket.id);
      // Permissions change with the status; fetch them when the answer leaves them out.
      if (!updated.permissions) updated = await services.backend.getTicket(ticket.id);
      if (this.ticket?.id !== ticket.id) return;
      this.ticket = updated;
      this.confirmingClose = false;
      this.announce(
        which === 'close'
          ? msg('The ticket is closed.', { id: 'tickets.detail.closed' })
          : msg('The ticket is open again.', { id: 'tickets.detail.reopened' }),
      );
      this.#focusAfterUpdate = which === 'close' ? ['#reopen-button', 'h2'] : ['#close-button', 'h2'];
      this.emit('portico-ticket-updated', { ticket: updated });
    } catch (err) {
      if (isUnauthorized(err)) {
        services.session.expire();
        return;
      }
      this.actionError =
        which === 'close'
          ? msg('The ticket could not be closed. Try again.', { id: 'tickets.detail.closeFailed' })
          : msg('The ticket could not be reopened. Try again.', { id: 'tickets.detail.reopenFailed' });
    } finally {
      this.action = null;
    }
  }

  // ---------------------------------------------------------------- live updates

  private onServerEvent(event: ServerEvent): void {
    const ticket = this.ticket;
    if (!ticket) return;
    if (event.type === 'message.created' && event.ticketId === ticket.id) {
      if (this.messages.some((m) => m.id === event.message.id)) return;
      this.messages = [...this.messages, event.message];
      // Our own reply echoing back while it is being sent needs no announcement.
      if ((this.sending || this.pendingReplies.replies.length > 0) && event.message.author.role === 'customer') return;
      this.announce(msg(str`New reply from ${this.authorName(event.message)}`, { id: 'tickets.detail.newReply' }));
    } else if (event.type === 'ticket.updated' && event.ticket.id === ticket.id) {
      // Events can trail our own answers (close, then reopen): an older state never overwrites a newer one.
      if (Date.parse(event.ticket.updatedAt) < Date.parse(ticket.updatedAt)) return;
      this.ticket = { ...ticket, ...event.ticket, permissions: event.ticket.permissions ?? ticket.permissions };
      // A status change can change what this user may do; ask for fresh permissions.
      if (isOpenStatus(event.ticket.status) !== isOpenStatus(ticket.status) && !event.ticket.permissions) {
        void this.refreshPermissions(ticket.id);
      }
    }
  }

  private async refreshPermissions(id: string): Promise<void> {
    try {
      const fresh = await this.services?.backend.getTicket(id);
      if (fresh && this.ticket?.id === id) this.ticket = fresh;
    } catch {
      // Keeps the permissions it had; the next load corrects them.
    }
  }

  /** Sets the live region's text; a repeat of the same words still counts as a change. */
  private announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }
}

async function loadConversation(
  backend: HelpdeskBackend,
  ticketId: string,
  signal: AbortSignal,
): Promise<{ messages: Message[]; truncated: boolean }> {
  const messages: Message[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_MESSAGE_PAGES; page++) {
    const result = await backend.listMessages(ticketId, { signal, cursor });
    messages.push(...result.items);
    if (!result.nextCursor) return { messages, truncated: false };
    cursor = result.nextCursor;
  }
  return { messages, truncated: true };
}

/** Why a reply was not sent, for the reply box (which still holds the text). */
function replyErrorText(err: unknown): string {
  if (err instanceof ForbiddenError) {
    return msg('You are not allowed to reply to this ticket. Your text is kept.', {
      id: 'tickets.detail.replyForbidden',
    });
  }
  if (err instanceof NetworkError || err instanceof TimeoutError) {
    return msg('Your reply could not be sent: the helpdesk is not reachable. Your text is kept; try again.', {
      id: 'tickets.detail.replyOffline',
    });
  }
  return msg('Your reply could not be sent. Your text is kept; try again.', { id: 'tickets.detail.replyFailed' });
}

/** Matches a file against MIME types (`image/png`, `image/*`) or suffixes (`.pdf`). */
