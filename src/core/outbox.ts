import type { HelpdeskBackend } from './backend.js';
import { errorFromProblem, localProblem, PorticoError, retryMayHelp } from './errors.js';
import { openLocalStore, type KeyValueStore } from './local-store.js';
import type { ChatMessage, Message, NewTicketRequest, Problem, ReplyRequest, Ticket } from '../protocol/index.js';
import type { PorticoServices } from './services.js';
import { newIdempotencyKey } from './idempotency.js';
import { perPage } from './page-instances.js';
import { getDraftStore } from './drafts.js';
import { loadChatDraft, rememberChatConversation, saveChatDraft } from './chat-session.js';

/**
 * Replies and new tickets that could not be sent yet. Each write is stored
 * (IndexedDB, namespaced per backend) with its Idempotency-Key before the
 * first attempt, retried with backoff — and at once when the browser comes
 * back online or flush() is called — always with that same key, so the
 * gateway never creates it twice. An answer that retrying cannot fix (a 4xx
 * such as 403 or 422) removes the write and reports it with a `dropped`
 * event and a rejected promise, payload included, so the UI can hand the
 * text back to the user.
 *
 * A file attached while the helpdesk could not be reached travels with its
 * write (`files`, the Blob itself is stored): it is uploaded right before the
 * write, with a key derived from the write's, and its id joins the write's
 * attachments — so it, too, arrives once, whichever attempt or tab gets through.
 *
 * `sent` and `dropped` are cancelable: an element that shows the write takes
 * its outcome on with `preventDefault()`. What no element took on goes to
 * `onUnsettled` (the page's outbox: into the drafts, see getOutbox).
 *
 * Another tab of the site may send a write this page shows (whichever tab
 * holds the Web Lock sends): its outcome is posted to the other tabs
 * (BroadcastChannel), whose outboxes report it as their own `sent` or
 * `dropped` — only shown there, since the sending tab already looked after
 * the drafts.
 */

/** A file that could not be uploaded when it was attached: uploaded right before its write. */
export interface OutboxFile {
  name: string;
  file: Blob;
  /** The upload's id once it is in (kept, so no later attempt uploads it again). */
  id?: string;
}

/**
 * A chat message. `conversationId` null starts a conversation with it; a
 * message typed while that start still waits names the start's entry
 * (`startedBy`) and goes into the conversation it starts, once it has.
 */
export interface ChatWrite {
  kind: 'chat';
  conversationId: string | null;
  startedBy?: string;
  text: string;
  attachments?: string[];
}

export type OutboxWrite = (
  { kind: 'reply'; ticketId: string; request: ReplyRequest } | { kind: 'ticket'; request: NewTicketRequest } | ChatWrite
) & {
  /** Files still to upload; their ids go after `request.attachments`. */
  files?: OutboxFile[];
};

export type OutboxResult<W extends OutboxWrite = OutboxWrite> = W extends { kind: 'reply' }
  ? Message
  : W extends { kind: 'chat' }
    ? ChatMessage
    : Ticket;

type AnyResult = Message | Ticket | ChatMessage;

export interface OutboxEntry {
  /** Also the Idempotency-Key of every attempt. */
  id: string;
  write: OutboxWrite;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Who queued it: it is only ever sent while that user is signed in. */
  userId: string | null;
  /** `signed-out`: waits for flush() after the user signs in again. */
  state: 'queued' | 'signed-out';
  lastError: { status: number; title: string } | null;
}

export interface OutboxEventMap {
  sent: CustomEvent<{ entry: OutboxEntry; result: AnyResult }>;
  dropped: CustomEvent<{ entry: OutboxEntry; error: unknown }>;
  change: Event;
}

export interface OutboxOptions {
  /** First retry delay (default 2 s); doubles per attempt. */
  retryBaseMs?: number;
  /** Cap on the retry delay (default 5 min). */
  retryMaxMs?: number;
  /**
   * The signed-in user's id, e.g. `() => services.session.session?.user.id`.
   * A write is sent only while the user who queued it is signed in, never
   * under someone else's session on a shared computer.
   */
  currentUserId?: () => string | null | undefined;
  /** An outcome (`sent`, `dropped`) that no listener took on with `preventDefault()`. */
  onUnsettled?: (outcome: OutboxOutcome) => void;
}

export type OutboxOutcome =
  { type: 'sent'; entry: OutboxEntry; result: AnyResult } | { type: 'dropped'; entry: OutboxEntry; error: unknown };

/** An outcome as posted to the site's other tabs: the error as the gateway's problem. */
type PostedOutcome = { id: string } & ({ type: 'sent'; result: AnyResult } | { type: 'dropped'; problem: Problem });

/** The gateway's `Retry-After`, when it said how long to wait (in ms), else null. */
function retryAfterMs(error: unknown): number | null {
  return error instanceof PorticoError && error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : null;
}

export class Outbox extends EventTarget {
  readonly #backend: HelpdeskBackend;
  readonly #store: KeyValueStore;
  readonly #lockName: string;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #currentUserId: (() => string | null | undefined) | null;
  readonly #onUnsettled: ((outcome: OutboxOutcome) => void) | null;
  readonly #entries = new Map<string, OutboxEntry>();
  readonly #waiters = new Map<string, { resolve(v: AnyResult): void; reject(e: unknown): void }>();
  readonly #ready: Promise<void>;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> | null = null;
  #again = false;
  #stopped = false;
  #force = false;
  /** The write on the wire right now: it can no longer be cancelled. */
  #inFlight: string | null = null;
  readonly #onOnline = () => void this.flush();
  /** Outcomes reached by the site's other tabs (null when writes are kept in this page only). */
  readonly #channel: BroadcastChannel | null;

  constructor(backend: HelpdeskBackend, opts: OutboxOptions = {}) {
    super();
    this.#backend = backend;
    this.#store = openLocalStore(backend.baseUrl, 'outbox');
    this.#lockName = `${this.#store.name}:flush`;
    this.#retryBaseMs = opts.retryBaseMs ?? 2000;
    this.#retryMaxMs = opts.retryMaxMs ?? 300_000;
    this.#currentUserId = opts.currentUserId ?? null;
    this.#onUnsettled = opts.onUnsettled ?? null;
    globalThis.addEventListener?.('online', this.#onOnline);
    this.#channel =
      this.#store.persistent && typeof BroadcastChannel === 'function'
        ? new BroadcastChannel(`${this.#store.name}:outcomes`)
        : null;
    this.#channel?.addEventListener('message', this.#onElsewhere);
    // Writes left by an earlier page load are picked up and tried again.
    this.#ready = this.#load().then(() => {
      if (this.#entries.size) void this.#run(true);
    });
  }

  /** Entries still waiting, oldest first. */
  get entries(): OutboxEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Resolves once entries from storage are loaded. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /**
   * Queues a write and tries it at once. `done` resolves with the gateway's
   * answer whenever it gets through, and rejects only when the gateway refuses
   * it for good (or it is cancelled). `opts.id` carries over the
   * Idempotency-Key of an attempt made before queueing (one that timed out
   * may have reached the gateway), so the write is still created only once.
   */
  enqueue<W extends OutboxWrite>(write: W, opts: { id?: string } = {}): { id: string; done: Promise<OutboxResult<W>> } {
    const now = Date.now();
    const entry: OutboxEntry = {
      id: opts.id ?? newIdempotencyKey(),
      write: structuredClone(write),
      userId: this.#currentUserId?.() ?? null,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      state: 'queued',
      lastError: null,
    };
    const done = new Promise<OutboxResult<W>>((resolve, reject) => {
      this.#waiters.set(entry.id, { resolve: resolve as (v: AnyResult) => void, reject });
    });
    this.#entries.set(entry.id, entry);
    this.#changed();
    void this.#ready
      .then(() => this.#store.set(entry.id, entry))
      .catch((error) => console.warn('[Portico] outbox entry kept in memory only', error))
      .then(() => this.#run(false));
    return { id: entry.id, done };
  }

  /** Sends every waiting write now, ignoring backoff (also after a sign-in). */
  flush(): Promise<void> {
    return this.#run(true);
  }

  #run(force: boolean): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#force ||= force;
    if (this.#flushing) {
      this.#again = true;
      return this.#flushing;
    }
    this.#flushing = (async () => {
      try {
        do {
          this.#again = false;
          const forced = this.#force;
          this.#force = false;
          await this.#withLock(() => this.#pass(forced));
        } while (this.#again && !this.#stopped);
      } finally {
        this.#flushing = null;
        this.#schedule();
      }
    })();
    return this.#flushing;
  }

  /**
   * Takes one write back before it is sent (the user cancels it); its promise
   * rejects with an AbortError. False when it is on the wire right now or
   * already gone: its outcome then arrives as `sent` or `dropped`.
   */
  async cancel(id: string): Promise<boolean> {
    await this.#ready;
    const entry = this.#entries.get(id);
    if (!entry || this.#inFlight === id) return false;
    await this.#remove(entry);
    this.#waiters.get(id)?.reject(new DOMException('The write was cancelled', 'AbortError'));
    this.#waiters.delete(id);
    return true;
  }

  /** Forgets every queued write (stored ones too); their promises reject with an AbortError. */
  async clear(): Promise<void> {
    await this.#ready;
    const dropped = [...this.#waiters.values()];
    this.#waiters.clear();
    this.#entries.clear();
    this.#changed();
    await this.#store.clear().catch(() => {});
    for (const w of dropped) w.reject(new DOMException('The outbox was cleared', 'AbortError'));
  }

  /** Stops timers and listeners; queued writes stay stored for the next page load. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    globalThis.removeEventListener?.('online', this.#onOnline);
    this.#channel?.close();
  }

  override addEventListener<K extends keyof OutboxEventMap>(
    type: K,
    listener: ((e: OutboxEventMap[K]) => void) | EventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener as EventListener, options);
  }

  async #load(): Promise<void> {
    try {
      for (const [id, entry] of await this.#store.entries<OutboxEntry>()) {
        if (!this.#entries.has(id)) this.#entries.set(id, entry);
      }
      if (this.#entries.size) this.#changed();
    } catch (error) {
      console.warn('[Portico] outbox could not be read', error);
    }
  }

  /** Another tab of the same site may flush the same stored writes: one at a time. */
  async #withLock(run: () => Promise<void>): Promise<void> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    if (locks?.request) {
      await locks.request(this.#lockName, run);
    } else {
      await run();
    }
  }

  async #pass(force: boolean): Promise<void> {
    await this.#ready;
    for (const entry of this.entries) {
      if (this.#stopped) return;
      // On the timer only what is due goes; an earlier write that waits holds back the later ones.
      // A signed-out write goes along with any pass: a new write means someone is signed in again.
      if (!force && entry.state === 'queued' && entry.nextAttemptAt > Date.now()) return;
      if (entry.userId && this.#currentUserId && this.#currentUserId() !== entry.userId) continue;
      // Sent by another tab meanwhile?
      if (this.#store.persistent && !this.#waiters.has(entry.id)) {
        const stored = await this.#store.get<OutboxEntry>(entry.id).catch(() => entry);
        if (!stored) {
          this.#entries.delete(entry.id);
          this.#changed();
          continue;
        }
      }
      // Cancelled while this pass was waiting.
      if (!this.#entries.has(entry.id)) continue;
      const keepGoing = await this.#attempt(entry);
      // The network is down or we are signed out: later writes would fail the same way, and must keep their order.
      if (!keepGoing) return;
    }
  }

  async #attempt(entry: OutboxEntry): Promise<boolean> {
    let result: AnyResult;
    this.#inFlight = entry.id;
    try {
      result = await this.#send(entry);
    } catch (error) {
      this.#inFlight = null;
      if (error instanceof PorticoError && error.status === 401) {
        entry.state = 'signed-out';
        entry.lastError = { status: 401, title: error.problem.title };
        await this.#persist(entry);
        return false;
      }
      if (retryMayHelp(error)) {
        entry.attempts++;
        entry.state = 'queued';
        const backoff = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** (entry.attempts - 1));
        // The gateway said when: wait that long (a key still running answers soon), never less.
        const told = retryAfterMs(error);
        entry.nextAttemptAt =
          Date.now() + (told !== null ? Math.min(this.#retryMaxMs, told) : backoff * (0.75 + Math.random() * 0.5));
        entry.lastError =
          error instanceof PorticoError
            ? { status: error.status, title: error.problem.title }
            : { status: 0, title: String(error) };
        await this.#persist(entry);
        return false;
      }
      await this.#remove(entry);
      this.#settle({ type: 'dropped', entry, error });
      this.#waiters.get(entry.id)?.reject(error);
      this.#waiters.delete(entry.id);
      return true;
    }
    this.#inFlight = null;
    if (entry.write.kind === 'chat') await this.#conversationStarted(entry, result as ChatMessage);
    await this.#remove(entry);
    this.#settle({ type: 'sent', entry, result });
    this.#waiters.get(entry.id)?.resolve(result);
    this.#waiters.delete(entry.id);
    return true;
  }

  /**
   * Tells the page and the site's other tabs; an outcome no element on this
   * page took on (`preventDefault()`) goes to `onUnsettled`.
   */
  #settle(outcome: OutboxOutcome): void {
    const { type, ...detail } = outcome;
    const taken = !this.dispatchEvent(new CustomEvent(type, { detail, cancelable: true }));
    if (!taken) this.#onUnsettled?.(outcome);
    this.#post(outcome);
  }

  #post(outcome: OutboxOutcome): void {
    const id = outcome.entry.id;
    const posted: PostedOutcome | null =
      outcome.type === 'sent'
        ? { type: 'sent', id, result: outcome.result }
        : outcome.error instanceof PorticoError
          ? { type: 'dropped', id, problem: outcome.error.problem }
          : null;
    try {
      if (posted) this.#channel?.postMessage(posted);
    } catch (error) {
      console.warn('[Portico] outbox outcome not passed to other tabs', error);
    }
  }

  /** Another tab sent (or had refused) a write this page holds too: it is done with here as well. */
  readonly #onElsewhere = (event: MessageEvent<PostedOutcome>): void => {
    const posted = event.data;
    const entry = posted && this.#entries.get(posted.id);
    if (!entry || this.#inFlight === posted.id) return;
    this.#entries.delete(entry.id);
    this.#changed();
    const waiter = this.#waiters.get(entry.id);
    this.#waiters.delete(entry.id);
    if (posted.type === 'sent') {
      this.dispatchEvent(new CustomEvent('sent', { detail: { entry, result: posted.result }, cancelable: true }));
      waiter?.resolve(posted.result);
    } else {
      const error = errorFromProblem(posted.problem);
      this.dispatchEvent(new CustomEvent('dropped', { detail: { entry, error }, cancelable: true }));
      waiter?.reject(error);
    }
  };

  async #send(entry: OutboxEntry): Promise<AnyResult> {
    const opts = { idempotencyKey: entry.id };
    const write = entry.write;
    const uploaded = await this.#uploadFiles(entry);
    const withFiles = <R extends { attachments?: string[] }>(request: R): R =>
      uploaded.length ? { ...request, attachments: [...(request.attachments ?? []), ...uploaded] } : request;
    switch (write.kind) {
      case 'reply':
        return this.#backend.reply(write.ticketId, withFiles(write.request), opts);
      case 'ticket':
        return this.#backend.createTicket(withFiles(write.request), opts);
      case 'chat': {
        const conversationId = await this.#chatConversation(entry);
        if (conversationId === null) return (await this.#backend.startChat(write.text, opts)).message;
        const ids = [...(write.attachments ?? []), ...uploaded];
        return this.#backend.sendChatMessage(conversationId, write.text, ids.length ? ids : undefined, opts);
      }
    }
  }

  /**
   * The conversation a chat message goes into: its own, none (it starts one),
   * or the one its start (`startedBy`) began — as stored, since another tab
   * may have sent that start. The start still waiting: this one waits behind
   * it. The start refused: so is this one.
   */
  async #chatConversation(entry: OutboxEntry): Promise<string | null> {
    const write = entry.write as ChatWrite;
    if (!write.startedBy) return write.conversationId;
    const stored = await this.#store.get<OutboxEntry>(entry.id).catch(() => undefined);
    const known = stored?.write.kind === 'chat' && !stored.write.startedBy ? stored.write.conversationId : null;
    if (known) {
      entry.write = stored!.write;
      return known;
    }
    const start =
      this.#entries.get(write.startedBy) ??
      (await this.#store.get<OutboxEntry>(write.startedBy).catch(() => undefined));
    if (start) throw new Error('The message that starts this chat has not been sent yet');
    throw errorFromProblem(
      localProblem('chat-ended', 409, 'The chat this message was written in could not be started.'),
    );
  }

  /** A chat started: the messages written while it waited go into it (stored, for any tab). */
  async #conversationStarted(entry: OutboxEntry, message: ChatMessage): Promise<void> {
    for (const later of this.#entries.values()) {
      if (later.write.kind !== 'chat' || later.write.startedBy !== entry.id) continue;
      const { startedBy: _startedBy, ...rest } = later.write;
      later.write = { ...rest, conversationId: message.conversationId };
      await this.#persist(later);
    }
  }

  /**
   * Uploads the write's files not uploaded yet, one at a time, each under a
   * key of its own made from the write's (a retry, or a tab with an older
   * copy of the entry, gets that same upload back), and records each id at
   * once. Returns the ids in order.
   */
  async #uploadFiles(entry: OutboxEntry): Promise<string[]> {
    const files = entry.write.files ?? [];
    for (const [i, f] of files.entries()) {
      if (f.id) continue;
      f.id = (await this.#backend.upload(f.file, f.name, { idempotencyKey: `${entry.id}.file-${i}` })).id;
      await this.#persist(entry);
    }
    return files.map((f) => f.id!);
  }

  async #persist(entry: OutboxEntry): Promise<void> {
    this.#changed();
    await this.#store.set(entry.id, entry).catch(() => {});
  }

  async #remove(entry: OutboxEntry): Promise<void> {
    this.#entries.delete(entry.id);
    this.#changed();
    await this.#store.del(entry.id).catch(() => {});
  }

  /** One timer, for the earliest retry that is due. */
  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#stopped) return;
    const due = this.entries.filter((e) => e.state === 'queued').map((e) => e.nextAttemptAt);
    if (!due.length) return;
    const wait = Math.max(0, Math.min(...due) - Date.now());
    this.#timer = setTimeout(() => void this.#run(false), wait);
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** What an element that shows writes listens to on the page's outbox. */
export interface OutboxListeners {
  change(event: Event): void;
  sent(event: OutboxEventMap['sent']): void;
  dropped(event: OutboxEventMap['dropped']): void;
}

/** Moves an element's listeners from the outbox it followed to another (either may be none). */
export function switchOutbox(from: Outbox | undefined, to: Outbox | undefined, on: OutboxListeners): void {
  if (from === to) return;
  from?.removeEventListener('change', on.change);
  from?.removeEventListener('sent', on.sent as EventListener);
  from?.removeEventListener('dropped', on.dropped as EventListener);
  to?.addEventListener('change', on.change);
  to?.addEventListener('sent', on.sent);
  to?.addEventListener('dropped', on.dropped);
}

// ---------------------------------------------------------------- the page's outbox and the drafts

/** The draft of a reply: per user and ticket, since two people may share a browser. */
export function replyDraftKey(userId: string, ticketId: string): string {
  return `reply:${userId}:${ticketId}`;
}

/** The names and sizes of a waiting reply's attachments (the outbox holds their ids only), in the draft store. */
export function outboxAttachmentsKey(entryId: string): string {
  return `outbox-attachments:${entryId}`;
}

/** A new ticket the outbox created while no form followed it, by its Idempotency-Key: the form shows it as sent. */
export function sentTicketKey(entryId: string): string {
  return `sent-ticket:${entryId}`;
}

/** A reply coming back goes before whatever the user has typed since. */
export function joinReplyText(returned: string, current: string | undefined | null): string {
  const now = typeof current === 'string' ? current.trim() : '';
  return now ? `${returned}\n\n${current}` : returned;
}

/**
 * What an outcome means for the drafts when no element on the page took it
 * on, so that nothing typed is lost whatever the page shows: a reply refused
 * for good goes back into its ticket's draft (before what was typed since);
 * a new ticket that was created is recorded for the form it came from, which
 * then shows it as sent instead of offering the same words again.
 */
function settleUnshown(services: PorticoServices, outcome: OutboxOutcome): void {
  const drafts = getDraftStore(services.backend.baseUrl);
  const { entry } = outcome;
  const write = entry.write;
  const baseUrl = services.backend.baseUrl;
  if (outcome.type === 'sent' && write.kind === 'ticket') {
    drafts.save(sentTicketKey(entry.id), outcome.result);
  } else if (write.kind === 'chat') {
    // The chat of this tab picks up the conversation it started; words refused come back to its message box.
    if (outcome.type === 'sent' && write.conversationId === null && !write.startedBy)
      rememberChatConversation(baseUrl, (outcome.result as ChatMessage).conversationId);
    if (outcome.type === 'dropped') saveChatDraft(baseUrl, joinReplyText(write.text, loadChatDraft(baseUrl)));
  } else if (outcome.type === 'dropped' && write.kind === 'reply' && entry.userId) {
    const key = replyDraftKey(entry.userId, write.ticketId);
    void drafts
      .load<string>(key)
      .then((current) => drafts.save(key, joinReplyText(write.request.body.content, current)));
  }
}

/**
 * The page's one outbox for these services (elements share it, so a write
 * is never sent twice from one page). It sends only as the user who queued
 * a write, and flushes when someone signs in. The page makes it as soon as
 * someone is signed in (createServices), so waiting writes go whatever the
 * page shows; outcomes no element takes on go into the drafts (settleUnshown).
 */
export const getOutbox: (services: PorticoServices) => Outbox = perPage(
  (services) => services.backend,
  (services) => {
    const outbox = new Outbox(services.backend, {
      currentUserId: () => services.session.session?.user.id,
      onUnsettled: (outcome) => settleUnshown(services, outcome),
    });
    services.session.addEventListener('change', () => {
      if (services.session.signedIn) void outbox.flush();
    });
    // A waiting reply's attachment details are done with once it is sent or refused, whoever showed it.
    const forgetDetails = (event: OutboxEventMap['sent'] | OutboxEventMap['dropped']) => {
      if (event.detail.entry.write.kind === 'reply')
        void getDraftStore(services.backend.baseUrl).remove(outboxAttachmentsKey(event.detail.entry.id));
    };
    outbox.addEventListener('sent', forgetDetails);
    outbox.addEventListener('dropped', forgetDetails);
    return outbox;
  },
);
