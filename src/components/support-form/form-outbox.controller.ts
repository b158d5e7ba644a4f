import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getDraftStore } from '../../core/drafts.js';
import { getOutbox, type Outbox, type OutboxEntry, type OutboxEventMap } from '../../core/outbox.js';
import type { PorticoServices } from '../../core/services.js';
import type { NewTicketRequest, Ticket } from '../../protocol/index.js';
import { draftKey, type SupportFormDraft } from './form-draft.controller.js';

type TicketEntry = OutboxEntry & { write: { kind: 'ticket'; request: NewTicketRequest } };

const isTicket = (entry: OutboxEntry): entry is TicketEntry => entry.write.kind === 'ticket';

export interface FormOutboxOptions {
  services(): PorticoServices | undefined;
  /** The outbox created the ticket (in this page load or, for a restored draft, a later one). */
  onSent(ticket: Ticket): void;
  /** The gateway refused it for good (a 422, a 403): back to editing with the reason. */
  onRefused(error: unknown): void;
  /** It waits now (the first attempt failed, or it was left by an earlier page load), or no longer. */
  onWaiting(): void;
}

const watched = new WeakSet<Outbox>();
/** Forms on the page now, by the key they track: a ticket none of them shows still clears its draft. */
const tracking = new Set<FormOutboxController>();

/**
 * The new ticket goes through the page's outbox (DESIGN §3 "never lose
 * input"): stored with the draft's Idempotency-Key before the first attempt,
 * sent again by itself after offline, a gateway restart, a reload or a closed
 * tab — always with that key, so it is created once — and one tab at a time
 * (the outbox's Web Lock). The form shows it as waiting, with cancel.
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

  hostConnected(): void {
    if (this.#key) tracking.add(this);
  }

  hostDisconnected(): void {
    tracking.delete(this);
    this.#listen(undefined);
  }

  /** The outbox entry while the ticket waits to be sent (after a failed attempt or from an earlier page load). */
  get waiting(): OutboxEntry | null {
    const entry = this.#entry();
    if (!entry) return null;
    return entry.attempts > 0 || entry.state === 'signed-out' || entry.lastError ? entry : null;
  }

  get tracks(): string | null {
    return this.#key;
  }

  /** Queues the ticket under `key` (the draft's) and sends it now. Already queued under that key: just follows it. */
  send(request: NewTicketRequest, key: string): void {
    const outbox = this.#follow(key);
    if (!outbox) throw new Error('No outbox: the element has no services');
    if (outbox.entries.some((e) => e.id === key)) {
      void outbox.flush();
      return;
    }
    // The outcome arrives through the outbox's events, for this page load and later ones alike.
    outbox.enqueue({ kind: 'ticket', request }, { id: key }).done.catch(() => {});
  }

  /** After a draft is restored: is its ticket still in the outbox (from an earlier page load)? Then follow it. */
  async resume(key: string): Promise<boolean> {
    const outbox = this.#follow(key);
    if (!outbox) return false;
    await outbox.ready;
    if (this.#key !== key) return false;
    const found = outbox.entries.some((e) => e.id === key);
    if (!found) this.#stop();
    else this.options.onWaiting();
    return found;
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
    watchOutbox(outbox, services);
    this.#key = key;
    tracking.add(this);
    this.#listen(outbox);
    return outbox;
  }

  #stop(): void {
    this.#key = null;
    tracking.delete(this);
    this.#listen(undefined);
  }

  #listen(outbox: Outbox | undefined): void {
    if (outbox === this.#outbox) return;
    this.#outbox?.removeEventListener('change', this.#onChange);
    this.#outbox?.removeEventListener('sent', this.#onSent as EventListener);
    this.#outbox?.removeEventListener('dropped', this.#onDropped as EventListener);
    this.#outbox = outbox;
    outbox?.addEventListener('change', this.#onChange);
    outbox?.addEventListener('sent', this.#onSent);
    outbox?.addEventListener('dropped', this.#onDropped);
  }

  #onChange = (): void => {
    this.options.onWaiting();
    this.host.requestUpdate();
  };

  #onSent = (event: OutboxEventMap['sent']): void => {
    if (event.detail.entry.id !== this.#key) return;
    this.#stop();
    this.options.onSent(event.detail.result as Ticket);
  };

  #onDropped = (event: OutboxEventMap['dropped']): void => {
    if (event.detail.entry.id !== this.#key) return;
    this.#stop();
    this.options.onRefused(event.detail.error);
  };
}

/**
 * Once per outbox: a ticket created while no form follows it (the form was
 * closed, the page reloaded elsewhere) removes the draft it came from, so
 * the same words are not offered for sending again.
 */
function watchOutbox(outbox: Outbox, services: PorticoServices): void {
  if (watched.has(outbox)) return;
  watched.add(outbox);
  outbox.addEventListener('sent', (event) => {
    const entry = event.detail.entry;
    if (!isTicket(entry) || [...tracking].some((c) => c.tracks === entry.id)) return;
    const drafts = getDraftStore(services.backend.baseUrl);
    const key = draftKey(entry.write.request.formId);
    void drafts.load<SupportFormDraft>(key).then((draft) => {
      if (draft?.idempotencyKey === entry.id) return drafts.remove(key);
    });
  });
}
