/**
 * Live changes from RT by polling its transaction log. Transaction ids only
 * grow, so "everything after the last id seen" never reports a change twice
 * or misses one that landed in the same second (unlike `LastUpdated >`,
 * which also moves on internal comments the portal must not hint at).
 */
import type { ConnectorChange } from '../connector.js';
import type { RtClient, RtCollection } from './rt-client.js';
import { PUBLIC_MESSAGE_TYPES } from './rt-mapping.js';
import { and, quote } from './ticket-sql.js';

/**
 * Transaction types a customer can notice. Every one of them is visible to
 * the service account with ShowTicket, so RT's after-the-fact ACL filtering
 * never empties a page (which would stall the watermark).
 */
const WATCHED_TYPES = ['Create', 'Correspond', 'Status', 'Set', 'Give', 'Take', 'Untake', 'Steal'];

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
}

export class RtWatcher {
  readonly #client: RtClient;
  readonly #options: RtWatcherOptions;
  readonly #listeners = new Set<(change: ConnectorChange) => void>();
  #timer: NodeJS.Timeout | null = null;
  #watermark: number | null = null;
  #polling: Promise<void> | null = null;
  #stopped = false;

  constructor(client: RtClient, options: RtWatcherOptions) {
    this.#client = client;
    this.#options = options;
  }

  subscribe(listener: (change: ConnectorChange) => void): () => void {
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
    for (let page = 0; page < 20; page++) {
      const batch = await this.#client.get<RtCollection<WatchedTransaction>>('/transactions', {
        query: this.#query(`id > ${this.#watermark}`),
        orderby: 'id',
        order: 'ASC',
        per_page: 100,
        fields: 'Type,ObjectId,Creator',
      });
      const items = batch?.items ?? [];
      if (!items.length || this.#stopped) return;
      this.#report(items, self);
      this.#watermark = Math.max(this.#watermark ?? 0, ...items.map((t) => Number(t.id)));
      if (items.length < 100) return;
    }
  }

  #report(items: WatchedTransaction[], self: string): void {
    const ticketsChanged = new Set<string>();
    const changes: ConnectorChange[] = [];
    for (const txn of items) {
      const creator = typeof txn.Creator === 'string' ? txn.Creator : txn.Creator?.id;
      if (creator === self) continue;
      const ticketId = String(txn.ObjectId);
      if (!ticketsChanged.has(ticketId)) {
        ticketsChanged.add(ticketId);
        changes.push({ ticketId, kind: 'ticket' });
      }
      if (PUBLIC_MESSAGE_TYPES.has(txn.Type)) changes.push({ ticketId, kind: 'message', messageId: String(txn.id) });
    }
    for (const change of changes) {
      for (const listener of this.#listeners) {
        try {
          listener(change);
        } catch (err) {
          this.#options.onError?.(err);
        }
      }
    }
  }
}
