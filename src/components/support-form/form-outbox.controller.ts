import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getDraftStore } from '../../core/drafts.js';
import {
  getOutbox,
  switchOutbox,
  sentTicketKey,
  type Outbox,
  type OutboxEntry,
  type OutboxEventMap,
  type OutboxFile,
} from '../../core/outbox.js';
import type { PorticoServices } from '../../core/services.js';
import type { NewTicketRequest, Ticket } from '../../protocol/index.js';

export interface FormOutboxOptions {
  services(): PorticoServices | undefined;
  /** The outbox created the ticket (in this page load or, for a restored draft, a later one). */
  onSent(ticket: Ticket): void;
  /** The gateway refused it for good (a 422, a 403): back to editing with the reason. */
  onRefused(error: unknown): void;
  /** It waits now (the first attempt failed, or it was left by an earlier page load), or no longer. */
  onWaiting(): void;
}

/**
 * The new ticket goes through the page's outbox (DESIGN §3 "never lose
 * input"): stored with the draft's Idempotency-Key before the first attempt,
 * sent again by itself after offline, a gateway restart, a reload or a closed
 * tab — always with that key, so it is created once — and one tab at a time
 * (the outbox's Web Lock). The form shows it as waiting, with cancel. A
 * ticket the outbox created while no form followed it (the page showed
 * something else) is recorded by the outbox (sentTicketKey); the form that
 * resumes its draft shows it as sent.
 */
export class FormOutboxController implements ReactiveController {
  #outbox: Outbox | undefined;
  /** The Idempotency-Key of the ticket this form is sending, if any. */
  #key: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FormOutboxOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#listen(undefined);
  }

  /** The outbox entry while the ticket waits to be sent (after a failed attempt or from an earlier page load). */
  get waiting(): OutboxEntry | null {
    const entry = this.#entry();
    if (!entry) return null;
    return entry.attempts > 0 || entry.state === 'signed-out' || entry.lastError ? entry : null;
  }

  /**
   * Queues the ticket under `key` (the draft's) and sends it now, `files` (attached while the helpdesk
   * could not be reached) uploaded first. Already queued under that key: just follows it.
   */
  send(request: NewTicketRequest, key: string, files: OutboxFile[] = []): void {
    const outbox = this.#follow(key);
    if (!outbox) throw new Error('No outbox: the element has no services');
    if (outbox.entries.some((e) => e.id === key)) {
      void outbox.flush();
      return;
    }
    // The outcome arrives through the outbox's events, for this page load and later ones alike.
    outbox.enqueue({ kind: 'ticket', request, ...(files.length ? { files } : {}) }, { id: key }).done.catch(() => {});
  }

  /**
   * After a draft is restored: is its ticket still in the outbox (from an
   * earlier page load)? Then follow it. Created meanwhile while no form
   * followed it? Then it is sent (`onSent`). False when neither.
   */
  async resume(key: string): Promise<boolean> {
    const services = this.options.services();
    const outbox = this.#follow(key);
    if (!outbox || !services) return false;
    await outbox.ready;
    if (this.#key !== key) return false;
    if (outbox.entries.some((e) => e.id === key)) {
      this.options.onWaiting();
      return true;
    }
    this.#stop();
    const drafts = getDraftStore(services.backend.baseUrl);
    const sent = await drafts.load<Ticket>(sentTicketKey(key)).catch(() => undefined);
    if (!sent || typeof sent !== 'object' || !sent.id) return false;
    await drafts.remove(sentTicketKey(key)).catch(() => undefined);
    this.options.onSent(sent);
    return true;
  }

  /** Tries the waiting ticket now (after backoff, or after sign-in). */
  retry(): void {
    void this.#outbox?.flush();
  }

  /** Takes the waiting ticket back; false when it is on the wire right now (its outcome arrives as usual). */
  async cancel(): Promise<boolean> {
    const key = this.#key;
    if (!key || !this.#outbox) return false;
    if (!(await this.#outbox.cancel(key))) return false;
    this.#stop();
    return true;
  }

  #entry(): OutboxEntry | undefined {
    const key = this.#key;
    return key ? this.#outbox?.entries.find((e) => e.id === key) : undefined;
  }

  #follow(key: string): Outbox | undefined {
    const services = this.options.services();
    if (!services) return undefined;
    const outbox = getOutbox(services);
    this.#key = key;
    this.#listen(outbox);
    return outbox;
  }

  #stop(): void {
    this.#key = null;
    this.#listen(undefined);
  }

  #listen(outbox: Outbox | undefined): void {
    switchOutbox(this.#outbox, outbox, { change: this.#onChange, sent: this.#onSent, dropped: this.#onDropped });
    this.#outbox = outbox;
  }

  #onChange = (): void => {
    this.options.onWaiting();
    this.host.requestUpdate();
  };

  #onSent = (event: OutboxEventMap['sent']): void => {
    if (event.detail.entry.id !== this.#key) return;
    // This form shows it (and removes its draft): the outbox need not record it.
    event.preventDefault();
    this.#stop();
    this.options.onSent(event.detail.result as Ticket);
  };

  #onDropped = (event: OutboxEventMap['dropped']): void => {
    if (event.detail.entry.id !== this.#key) return;
    this.#stop();
    this.options.onRefused(event.detail.error);
  };
}
