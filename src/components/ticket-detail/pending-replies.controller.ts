import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getDraftStore } from '../../core/drafts.js';
import { newIdempotencyKey } from '../../core/idempotency.js';
import {
  getOutbox,
  switchOutbox,
  outboxAttachmentsKey,
  type Outbox,
  type OutboxEntry,
  type OutboxEventMap,
} from '../../core/outbox.js';
import type { Attachment, Message, ReplyRequest } from '../../protocol/index.js';
import type { PorticoServices } from '../../core/services.js';

/** A reply waiting in the outbox, as the conversation shows it. */
export interface PendingReply {
  /** The outbox entry's id, which is also its Idempotency-Key. */
  id: string;
  ticketId: string;
  text: string;
  /** Uploaded already; names and sizes where known (they are kept beside the outbox). */
  attachments: Attachment[];
  createdAt: number;
}

export interface PendingRepliesOptions {
  services(): PorticoServices | undefined;
  /** The ticket on screen, or null while none is loaded. */
  ticketId(): string | null;
  /** The ticket asked for, also while it loads (default: `ticketId`): replies to it delivered meanwhile reach `onSent`. */
  requestedTicketId?(): string | null;
  /** The outbox delivered a reply to the ticket on screen (or on its way there). */
  onSent(message: Message, reply: PendingReply): void;
  /** A reply to the ticket on screen goes back to the reply box: refused for good (`error`) or cancelled (null). */
  onReturned(reply: PendingReply, error: unknown): void;
}

export { joinReplyText, replyDraftKey } from '../../core/outbox.js';

type ReplyEntry = OutboxEntry & { write: { kind: 'reply'; ticketId: string; request: ReplyRequest } };

const isReply = (entry: OutboxEntry): entry is ReplyEntry => entry.write.kind === 'reply';

/**
 * Replies to a ticket that wait in the page's outbox (DESIGN §3 "never lose
 * input"): queues them, lists the ones for the ticket on screen and the user
 * signed in (also those left by an earlier page load), cancels them, and
 * hands a delivered or refused reply back to the host. A refused reply that
 * no element shows goes back into its ticket's draft (the page's outbox,
 * src/core/outbox.ts).
 */
export class PendingRepliesController implements ReactiveController {
  #outbox: Outbox | undefined;
  #services: PorticoServices | undefined;
  #connected = false;
  /** Attachment details per entry id, once known. */
  readonly #attachments = new Map<string, Attachment[]>();
  readonly #lookedUp = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PendingRepliesOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#sync();
  }

  // Services may arrive or change through context between updates.
  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#attach(undefined, undefined);
  }

  /** Replies to the ticket on screen still waiting to be sent, oldest first. */
  get replies(): PendingReply[] {
    const ticketId = this.options.ticketId();
    if (!this.#outbox || !ticketId) return [];
    return this.#outbox.entries.filter((e) => this.#shows(e, ticketId)).map((e) => this.#view(e as ReplyEntry));
  }

  /**
   * Puts a reply in the outbox, which sends it as soon as the helpdesk can be
   * reached. `id` reuses the Idempotency-Key of an attempt already made.
   */
  queue(ticketId: string, request: ReplyRequest, attachments: Attachment[], id = newIdempotencyKey()): string {
    const outbox = this.#outbox;
    const services = this.#services;
    if (!outbox || !services) throw new Error('No outbox: the element has no services');
    if (attachments.length) {
      // The outbox holds attachment ids only; what the user saw (name, size) waits in the draft store.
      this.#attachments.set(id, attachments);
      const drafts = getDraftStore(services.backend.baseUrl);
      drafts.save(outboxAttachmentsKey(id), attachments);
      void drafts.flush();
    }
    // Earlier replies to this ticket still wait: this one goes after them, and now is a good moment to try.
    const behind = outbox.entries.some((e) => this.#shows(e, ticketId));
    const { done } = outbox.enqueue({ kind: 'reply', ticketId, request }, { id });
    // The outcome arrives through the outbox's events, for this page load and later ones alike.
    done.catch(() => {});
    if (behind) void outbox.flush();
    return id;
  }

  /** Takes a waiting reply back. False when it is being sent at this moment. */
  async cancel(id: string): Promise<boolean> {
    const outbox = this.#outbox;
    const entry = outbox?.entries.find((e) => e.id === id);
    if (!outbox || !entry || !isReply(entry)) return false;
    const reply = this.#view(entry);
    if (!(await outbox.cancel(id))) return false;
    this.#forgetAttachments(id);
    this.options.onReturned(reply, null);
    this.host.requestUpdate();
    return true;
  }

  #sync(): void {
    if (!this.#connected) return;
    const services = this.options.services();
    this.#attach(services, services ? getOutbox(services) : undefined);
  }

  #attach(services: PorticoServices | undefined, outbox: Outbox | undefined): void {
    this.#services = services;
    if (outbox === this.#outbox) return;
    const listeners = { change: this.#onChange, sent: this.#onSent, dropped: this.#onDropped };
    switchOutbox(this.#outbox, services ? outbox : undefined, listeners);
    this.#outbox = outbox;
    if (!outbox || !services) return;
    // Entries from an earlier page load appear once storage is read.
    void outbox.ready.then(() => this.host.requestUpdate());
  }

  /** The ticket on screen, and written by whoever is signed in now (never someone else's words). */
  #shows(entry: OutboxEntry, ticketId = this.options.ticketId()): boolean {
    if (!isReply(entry) || !ticketId || entry.write.ticketId !== ticketId) return false;
    const userId = this.#services?.session.session?.user.id;
    return !!userId && entry.userId === userId;
  }

  /** `lookUp`: fetch attachment details not known yet (not for a reply that is done with). */
  #view(entry: ReplyEntry, lookUp = true): PendingReply {
    const { request, ticketId } = entry.write;
    return {
      id: entry.id,
      ticketId,
      text: request.body.content,
      attachments: this.#attachmentsOf(entry.id, request.attachments ?? [], lookUp),
      createdAt: entry.createdAt,
    };
  }

  #attachmentsOf(entryId: string, ids: string[], lookUp: boolean): Attachment[] {
    if (!ids.length) return [];
    const known = this.#attachments.get(entryId);
    if (known) return known;
    if (lookUp && !this.#lookedUp.has(entryId) && this.#services) {
      this.#lookedUp.add(entryId);
      void getDraftStore(this.#services.backend.baseUrl)
        .load<Attachment[]>(outboxAttachmentsKey(entryId))
        .then((found) => {
          if (!Array.isArray(found)) return;
          this.#attachments.set(entryId, found);
          this.host.requestUpdate();
        });
    }
    // Until (or unless) the details are found: the ids, nameless.
    return ids.map((id) => ({ id, name: '', size: 0, contentType: '' }));
  }

  #forgetAttachments(entryId: string): void {
    this.#attachments.delete(entryId);
    this.#lookedUp.delete(entryId);
    if (this.#services) void getDraftStore(this.#services.backend.baseUrl).remove(outboxAttachmentsKey(entryId));
  }

  #onChange = (): void => this.host.requestUpdate();

  #onSent = (event: OutboxEventMap['sent']): void => {
    const { entry, result } = event.detail;
    if (!isReply(entry)) return;
    const reply = this.#view(entry, false);
    this.#attachments.delete(entry.id);
    this.#lookedUp.delete(entry.id);
    // Also while the ticket loads: that load may have been answered before this reply was stored.
    if (this.#shows(entry, this.options.requestedTicketId?.() ?? this.options.ticketId()))
      this.options.onSent(result as Message, reply);
    this.host.requestUpdate();
  };

  #onDropped = (event: OutboxEventMap['dropped']): void => {
    const { entry, error } = event.detail;
    if (!isReply(entry)) return;
    const reply = this.#view(entry, false);
    this.#attachments.delete(entry.id);
    this.#lookedUp.delete(entry.id);
    if (this.#shows(entry)) {
      // Back into this reply box: the outbox need not put it into the draft.
      event.preventDefault();
      this.options.onReturned(reply, error);
    }
    this.host.requestUpdate();
  };
}
