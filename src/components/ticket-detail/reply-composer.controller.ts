import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import { draftFilesKey, getDraftStore } from '../../core/drafts.js';
import { ForbiddenError, isUnauthorized, NetworkError, TimeoutError } from '../../core/errors.js';
import { newIdempotencyKey } from '../../core/idempotency.js';
import type { PorticoServices } from '../../core/services.js';
import type { Attachment, Message, PortalSettings, ReplyRequest, Ticket, User } from '../../protocol/index.js';
import { UploadController } from '../shared/upload.controller.js';
import { notAttachedText } from '../shared/upload-list.js';
import {
  joinReplyText,
  PendingRepliesController,
  replyDraftKey,
  type PendingReply,
} from './pending-replies.controller.js';

export interface ReplyComposerOptions {
  services(): PorticoServices | undefined;
  /** The ticket on screen, its reader and the portal's settings. */
  ticket(): Ticket | null;
  /** The ticket asked for, also while it loads: a reply to it that the outbox delivers meanwhile still reaches `sent`. */
  requestedTicketId?(): string | null;
  user(): User | null;
  portal(): PortalSettings | null;
  /** A reply reached the helpdesk (straight away or later from the outbox): it joins the conversation. */
  sent(message: Message, ticketId: string): void;
  /** Says something in the element's live region. */
  announce(text: string): void;
  /** After the next render, focus the first of these that matches. */
  focus(...selectors: string[]): void;
}

/**
 * The reply box's state and flow: the text and its draft (per user and
 * ticket), the attachments (the shared UploadController, kept beside the
 * draft until the reply is sent; a reply never goes without a file the person
 * attached: one that failed holds it back), sending with one Idempotency-Key
 * per reply, and the outbox for replies that cannot reach the helpdesk now (PendingRepliesController), which hands a delivered reply to
 * the conversation and a cancelled or refused one back to the box.
 */
export class ReplyComposerController implements ReactiveController {
  text = '';
  sending = false;
  error: string | null = null;
  /** The box was sent empty. */
  invalid = false;
  /** The reply as it will show (Markdown rendered) under the box. */
  preview = false;

  readonly uploads: UploadController;
  readonly #pending: PendingRepliesController;
  /** Kept across attempts of one reply so that a retry never posts it twice. */
  #replyKey: string | undefined;
  /** The ticket whose saved files were put back in the box (once per ticket: a reload of it must not add them again). */
  #filesRestoredFor: string | null = null;
  /** Sending was held back for a file that is not attached: the message goes once none is left. */
  #heldForFiles = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ReplyComposerOptions,
  ) {
    host.addController(this);
    this.uploads = new UploadController(host, {
      backend: () => options.services()?.backend,
      limits: () => options.portal()?.uploads,
      // Off the page (a launcher panel closing) uploads go on, and their results land in the draft.
      draft: () => {
        const key = this.#draftKey;
        const drafts = this.#drafts;
        return key && drafts ? { store: drafts, key: draftFilesKey(key) } : null;
      },
    });
    this.#pending = new PendingRepliesController(host, {
      services: options.services,
      ticketId: () => options.ticket()?.id ?? null,
      requestedTicketId: options.requestedTicketId,
      onSent: (message, reply) => options.sent(message, reply.ticketId),
      onReturned: (reply, error) => this.#returned(reply, error),
    });
  }

  hostConnected(): void {}

  /** Replies to the ticket on screen waiting in the outbox, oldest first. */
  get pending(): PendingReply[] {
    return this.#pending.replies;
  }

  /** Our own reply is on its way (its echo from the event stream needs no announcement). */
  get replying(): boolean {
    return this.sending || this.#pending.replies.length > 0;
  }

  /** Another ticket: an empty box. */
  reset(): void {
    this.uploads.clear();
    this.text = '';
    this.error = null;
    this.invalid = false;
    this.#replyKey = undefined;
    this.#filesRestoredFor = null;
    this.#heldForFiles = false;
    this.host.requestUpdate();
  }

  /** Drafts are per user and ticket: two people may share a browser. */
  get #draftKey(): string | null {
    const user = this.options.user();
    const ticket = this.options.ticket();
    return user && ticket ? replyDraftKey(user.id, ticket.id) : null;
  }

  get #drafts() {
    const services = this.options.services();
    return services ? getDraftStore(services.backend.baseUrl) : null;
  }

  /** The ticket loaded: the draft left for it (text and files) comes back into the box. */
  async restoreDraft(ticketId: string): Promise<void> {
    const key = this.#draftKey;
    if (!key) return;
    if (this.#filesRestoredFor !== ticketId) {
      this.#filesRestoredFor = ticketId;
      void this.uploads.restoreSaved();
    }
    if (this.text) return;
    const draft = await this.#drafts?.load<string>(key);
    // Typing that started meanwhile wins over the saved draft.
    if (typeof draft === 'string' && !this.text && this.options.ticket()?.id === ticketId) {
      this.text = draft;
      this.host.requestUpdate();
    }
  }

  togglePreview(): void {
    this.preview = !this.preview;
    this.host.requestUpdate();
  }

  input(value: string): void {
    this.text = value;
    const key = this.#draftKey;
    if (key) this.#drafts?.save(key, value);
    if (this.invalid && value.trim()) {
      this.invalid = false;
      this.error = null;
    }
    this.host.requestUpdate();
  }

  removeUpload(key: string): void {
    this.uploads.remove(key);
    this.#filesSettled();
    this.options.focus('#reply-text');
  }

  retryUpload(key: string): void {
    this.uploads.retry(key);
    this.#filesSettled();
  }

  /** Every file that held the reply back is retried or removed: its message goes. */
  #filesSettled(): void {
    if (!this.#heldForFiles || this.uploads.notAttached.length) return;
    this.#heldForFiles = false;
    this.error = null;
    this.host.requestUpdate();
  }

  async send(): Promise<void> {
    const services = this.options.services();
    const ticket = this.options.ticket();
    if (!services || !ticket || this.sending) return;
    if (this.uploads.uploading) {
      this.#fail(msg('Wait until the files have finished uploading.', { id: 'tickets.detail.waitForUploads' }));
      return;
    }
    const notAttached = this.uploads.notAttached;
    if (notAttached.length) {
      this.#fail(notAttachedText(notAttached));
      this.#heldForFiles = true;
      return;
    }
    const text = this.text.trim();
    const uploaded = this.uploads.uploaded;
    if (!text && uploaded.length === 0) {
      this.invalid = true;
      this.#fail(msg('Write a message before sending.', { id: 'tickets.detail.emptyReply' }));
      this.options.focus('#reply-text');
      return;
    }
    // Simple formatting (bold, lists, links) is Markdown, shown through the same sanitizer as any body;
    // a helpdesk without Markdown (RT) keeps it as the readable text it is.
    const request = { body: { format: 'markdown' as const, content: text }, attachments: uploaded.map((a) => a.id) };
    // Offline already, or earlier replies still wait (this one must not overtake them): straight to the outbox.
    if (globalThis.navigator?.onLine === false || this.#pending.replies.length > 0) {
      this.#queue(ticket, request, uploaded);
      return;
    }
    this.sending = true;
    this.error = null;
    this.host.requestUpdate();
    this.#replyKey ??= newIdempotencyKey();
    try {
      const message = await services.backend.reply(ticket.id, request, { idempotencyKey: this.#replyKey });
      this.#replyKey = undefined;
      this.#removeDraft(ticket.id);
      if (this.options.ticket()?.id !== ticket.id) return;
      this.text = '';
      this.uploads.clear();
      this.options.sent(message, ticket.id);
    } catch (err) {
      // The client's 401 hook has ended the session and the sign-in form takes over;
      // the text stays in this element and returns with the ticket.
      if (isUnauthorized(err)) return;
      if (err instanceof NetworkError || err instanceof TimeoutError) {
        // The same key goes along: a request that timed out may have reached the helpdesk after all.
        this.#queue(ticket, request, uploaded, this.#replyKey);
        return;
      }
      this.error = replyErrorText(err);
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }

  /** Takes a waiting reply back into the box, unless it is being sent right now. */
  async cancelPending(id: string): Promise<void> {
    if (await this.#pending.cancel(id)) return;
    this.options.announce(
      msg('This reply is being sent right now and can no longer be cancelled.', {
        id: 'tickets.detail.pending.tooLate',
      }),
    );
  }

  #fail(text: string): void {
    this.#heldForFiles = false;
    this.error = text;
    this.host.requestUpdate();
  }

  /** Moves a reply out of the reply box into the outbox, where it waits for the network. */
  #queue(ticket: Ticket, request: ReplyRequest, uploaded: Attachment[], key?: string): void {
    try {
      this.#pending.queue(ticket.id, request, uploaded, key);
    } catch {
      this.#fail(
        msg('Your reply could not be sent. Your text is kept; try again.', { id: 'tickets.detail.replyFailed' }),
      );
      return;
    }
    this.#replyKey = undefined;
    this.#removeDraft(ticket.id);
    if (this.options.ticket()?.id !== ticket.id) return;
    this.text = '';
    this.uploads.clear();
    this.error = null;
    this.invalid = false;
    this.options.announce(
      msg('You are offline. Your reply will be sent when you are back online.', { id: 'tickets.detail.queued' }),
    );
  }

  /** The reply is sent (or in the outbox): its text and files are done with. */
  #removeDraft(ticketId: string): void {
    const user = this.options.user();
    if (!user) return;
    const key = replyDraftKey(user.id, ticketId);
    void this.#drafts?.remove(key);
    void this.#drafts?.remove(draftFilesKey(key));
  }

  /** A waiting reply comes back into the reply box: cancelled by the user, or refused by the helpdesk. */
  #returned(reply: PendingReply, error: unknown): void {
    this.text = joinReplyText(reply.text, this.text);
    this.uploads.prepend(
      reply.attachments.map((a) => ({
        ...a,
        name: a.name || msg('Attached file', { id: 'tickets.detail.pending.attachment' }),
      })),
    );
    const key = this.#draftKey;
    if (key) this.#drafts?.save(key, this.text);
    if (error) {
      this.error = replyErrorText(error);
    } else {
      this.error = null;
      this.options.focus('#reply-text');
    }
    this.host.requestUpdate();
  }
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
