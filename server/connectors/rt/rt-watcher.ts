/**
 * Live changes from RT by polling its transaction log. Transaction ids only
 * grow, so "everything after the last id seen" never reports a change twice
 * or misses one that landed in the same second (unlike `LastUpdated >`,
 * which also moves on internal comments the portal must not hint at).
 *
 * A poll reads the log once (100 transactions a request, three fields each)
 * and files what it found per ticket: many changes to one ticket wait as one
 * entry. The listener takes entries in chunks — newest change first, so a
 * reply is not stuck behind a bulk import that landed before it — and several
 * chunks may be in flight (`concurrency`), while the next polls go on.
 */
import type { RtClient, RtCollection } from './rt-client.js';
import { PUBLIC_MESSAGE_TYPES } from './rt-mapping.js';
import { and, quote } from './ticket-sql.js';

/**
 * Transaction types a customer can notice. Every one of them is visible to
 * the service account with ShowTicket, so RT's after-the-fact ACL filtering
 * never empties a page (which would stall the watermark).
 */
const WATCHED_TYPES = ['Create', 'Correspond', 'Status', 'Set', 'Give', 'Take', 'Untake', 'Steal'];

/** Everything a poll saw of one ticket since it was last handed out. */
export interface TicketChanges {
  ticketId: string;
  /** Public messages (Create, Correspond) by anyone but the gateway, oldest first. */
  messageIds: string[];
  /** The newest transaction seen: the order chunks are handed out in. */
  lastId: number;
}

interface WatchedTransaction {
  id: string;
  Type: string;
  ObjectId: string;
  Creator: { id: string } | string;
}

export interface RtWatcherOptions {
  queue: string;
  pollMs: number;
  /** The gateway's own writes are not "changes made outside the gateway". */
  serviceAccount: () => Promise<string>;
  onError?: (err: unknown) => void;
  /** Tickets per chunk handed to the listener (100). */
  chunk?: number;
  /** Chunks the listener works on at once (2: RT's workers). */
  concurrency?: number;
}

type Listener = (chunk: TicketChanges[]) => Promise<void>;

export class RtWatcher {
  readonly #client: RtClient;
  readonly #options: RtWatcherOptions;
  readonly #listeners = new Set<Listener>();
  /** Tickets with changes not yet handed out, by id. */
  readonly #queue = new Map<string, TicketChanges>();
  #inFlight = 0;
  /** Tickets of chunks in flight: a later change to one waits, so one ticket's events keep their order. */
  readonly #busy = new Set<string>();
  #drained: Array<() => void> = [];
  #timer: NodeJS.Timeout | null = null;
  #watermark: number | null = null;
  #polling: Promise<void> | null = null;
  #stopped = false;

  constructor(client: RtClient, options: RtWatcherOptions) {
    this.#client = client;
    this.#options = options;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) {
      this.#stopped = false;
      this.#schedule(0);
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.stop();
    };
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    // Forget the watermark: a later subscriber starts from "now", not from a stale point.
    this.#watermark = null;
    this.#queue.clear();
  }

  /** Resolves when every change seen so far has been handed out and handled (tests). */
  idle(): Promise<void> {
    if (!this.#queue.size && !this.#inFlight) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  /** One poll, for tests and for callers that want a change seen now. */
  async pollOnce(): Promise<void> {
    this.#polling ??= this.#poll().finally(() => {
      this.#polling = null;
    });
    return this.#polling;
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.pollOnce()
        .catch((err) => this.#options.onError?.(err))
        .finally(() => this.#schedule(this.#options.pollMs));
    }, delay);
    this.#timer.unref?.();
  }

  #query(extra: string | null): string {
    return and(
      `ObjectType = 'RT::Ticket'`,
      `TicketQueue = ${quote(this.#options.queue)}`,
      WATCHED_TYPES.map((t) => `Type = '${t}'`).join(' OR '),
      extra,
    );
  }

  async #poll(): Promise<void> {
    if (this.#watermark === null) {
      const newest = await this.#client.get<RtCollection<WatchedTransaction>>('/transactions', {
        query: this.#query(null),
        orderby: 'id',
        order: 'DESC',
        per_page: 1,
      });
      this.#watermark = Number(newest?.items[0]?.id ?? 0);
      return;
    }
    const self = await this.#options.serviceAccount();
    // Up to 5,000 transactions a poll, filed once read: a bulk import is read in one go, and
    // what came last in it is handed out first.
    const seen: WatchedTransaction[] = [];
    try {
      await this.#read(seen);
    } finally {
      if (seen.length && !this.#stopped) this.#report(seen, self);
    }
  }

  async #read(seen: WatchedTransaction[]): Promise<void> {
    for (let page = 0; page < 50; page++) {
      const batch = await this.#client.get<RtCollection<WatchedTransaction>>('/transactions', {
        query: this.#query(`id > ${this.#watermark}`),
        orderby: 'id',
        order: 'ASC',
        per_page: 100,
        fields: 'Type,ObjectId,Creator',
      });
      const items = batch?.items ?? [];
      if (!items.length || this.#stopped) return;
      seen.push(...items);
      this.#watermark = Math.max(this.#watermark ?? 0, ...items.map((t) => Number(t.id)));
      if (items.length < 100) return;
    }
  }

  #report(items: WatchedTransaction[], self: string): void {
    for (const txn of items) {
      const creator = typeof txn.Creator === 'string' ? txn.Creator : txn.Creator?.id;
      if (creator === self) continue;
      const ticketId = String(txn.ObjectId);
      const entry = this.#queue.get(ticketId) ?? { ticketId, messageIds: [], lastId: 0 };
      if (PUBLIC_MESSAGE_TYPES.has(txn.Type)) entry.messageIds.push(String(txn.id));
      entry.lastId = Math.max(entry.lastId, Number(txn.id));
      this.#queue.set(ticketId, entry);
    }
    this.#pump();
  }

  /** Hands out chunks, newest change first, while fewer than `concurrency` are in flight. */
  #pump(): void {
    const size = this.#options.chunk ?? 100;
    const limit = this.#options.concurrency ?? 2;
    while (this.#queue.size && this.#inFlight < limit && !this.#stopped) {
      const chunk = [...this.#queue.values()]
        .filter((entry) => !this.#busy.has(entry.ticketId))
        .sort((a, b) => b.lastId - a.lastId)
        .slice(0, size);
      if (!chunk.length) break;
      for (const entry of chunk) {
        this.#queue.delete(entry.ticketId);
        this.#busy.add(entry.ticketId);
      }
      this.#inFlight++;
      void Promise.all(
        [...this.#listeners].map((listener) => listener(chunk).catch((err: unknown) => this.#options.onError?.(err))),
      ).finally(() => {
        for (const entry of chunk) this.#busy.delete(entry.ticketId);
        this.#inFlight--;
        this.#pump();
        if (!this.#queue.size && !this.#inFlight) for (const resolve of this.#drained.splice(0)) resolve();
      });
    }
    if (this.#stopped) for (const resolve of this.#drained.splice(0)) resolve();
  }
}
