import type { StoredPortalSettings, ServerEvent } from '../../src/protocol/index.js';
import type { Principal } from '../auth/sessions.js';
import type { StoredTicket } from '../connectors/connector.js';
import type { Queryable } from '../db/database.js';
import { problem } from '../http/problem.js';
import type { CustomerRecord } from '../store/customers.js';
import { readersOf, readTimes } from '../store/ticket-reads.js';
import { presentTicket } from '../tickets/presenter.js';
import { presentMessage } from '../routes/tickets.js';
import type { EventBus, StoredEvent } from './event-bus.js';

/** How many event streams may be open on one gateway instance. */
export interface StreamLimits {
  /** Per session (tabs of one browser share it; each tab has one stream). Default 8. */
  perSession: number;
  /** Per account, over all its sessions. Default 20. */
  perAccount: number;
  /** On this instance, for everyone. Default 5000. */
  total: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perSession: 8, perAccount: 20, total: 5000 };

/** A client that reads slower than events come falls this far behind, then its stream ends (it resumes). */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** When a stream over a bound may try again. */
const RETRY_AFTER_SECONDS = 30;

export interface StreamSink {
  write(chunk: string): void;
  /** Bytes written but not yet taken by the client. */
  readonly buffered: number;
  end(): void;
}

interface LiveStream {
  sessionId: string;
  customer: CustomerRecord;
  orgId: string | null;
  portal: StoredPortalSettings;
  sink: StreamSink;
  /** The highest id this stream has sent (or was told it has). */
  sent: number;
  /** While replaying: live events wait here, in order, until the replay has caught up. */
  pending: StoredEvent[] | null;
}

export interface OpenedStream {
  close(): void;
}

const wants = (s: LiveStream, e: StoredEvent) =>
  e.requesterEmail === s.customer.email ||
  !!e.alsoEmails?.includes(s.customer.email) ||
  (s.orgId !== null && e.organizationId === s.orgId);

function present(e: StoredEvent, s: LiveStream, readAt: Date | undefined): ServerEvent {
  const event = e.event;
  if (event.type === 'ticket.updated') {
    const ticket = presentTicket(event.ticket as unknown as StoredTicket, s.customer, s.portal, readAt, false);
    return { type: 'ticket.updated', ticket };
  }
  if (event.type === 'message.created') return { ...event, message: presentMessage(event.message, s.portal) };
  return event;
}

const ticketIdOf = (e: StoredEvent) => (e.event.type === 'ticket.updated' ? e.event.ticket.id : null);

/**
 * Every open GET /events stream of this gateway instance. The event bus hands
 * each event over once; the hub finds the streams it is for and presents it
 * to each — with one query for all of their unread marks, not one per stream.
 * A stream resuming with Last-Event-ID first replays from the table, in id
 * order, while live events wait for it; no id is sent twice or skipped.
 */
export class StreamHub {
  readonly #streams = new Set<LiveStream>();
  #chain: Promise<void> = Promise.resolve();
  readonly #unsubscribe: () => void;

  constructor(
    private readonly bus: EventBus,
    private readonly db: Queryable,
    private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS,
  ) {
    this.#unsubscribe = bus.subscribe((e) => {
      this.#chain = this.#chain.then(() => this.#fanOut(e)).catch(() => undefined);
    });
  }

  get size(): number {
    return this.#streams.size;
  }

  /** Throws a 429 problem when one more stream for this session would pass a bound. */
  admit(principal: Principal): void {
    const { perSession, perAccount, total } = this.limits;
    let session = 0;
    let account = 0;
    for (const s of this.#streams) {
      if (s.sessionId === principal.sessionId) session++;
      if (s.customer.id === principal.customer.id) account++;
    }
    const refuse = (what: string, max: number) => {
      throw problem.rateLimited(
        `Too many open event streams ${what} (at most ${max}). Close another tab or window, or try again later.`,
        RETRY_AFTER_SECONDS,
      );
    };
    if (session >= perSession) refuse('for this session', perSession);
    if (account >= perAccount) refuse('for this account', perAccount);
    if (this.#streams.size >= total) refuse('on this server', total);
  }

  /**
   * Starts a stream: returns the id its first frame carries — `lastId` when
   * resuming, else the newest event this instance has read — so that even a
   * stream that never gets an event can resume from where it began.
   */
  open(
    principal: Principal,
    orgId: string | null,
    portal: StoredPortalSettings,
    lastId: number | null,
    sink: StreamSink,
  ): { firstId: number; stream: OpenedStream } {
    const upTo = this.bus.lastId;
    const s: LiveStream = {
      sessionId: principal.sessionId,
      customer: principal.customer,
      orgId,
      portal,
      sink,
      sent: lastId ?? upTo,
      pending: lastId !== null && lastId < upTo ? [] : null,
    };
    this.#streams.add(s);
    if (s.pending) void this.#replay(s, upTo).catch(() => this.#drop(s));
    return { firstId: s.sent, stream: { close: () => this.#streams.delete(s) } };
  }

  /** Ends every stream (the gateway is closing). */
  endAll(): void {
    for (const s of [...this.#streams]) this.#drop(s);
  }

  /** Waits until every event read so far has been handed to its streams. */
  async settled(): Promise<void> {
    await this.bus.settled();
    await this.#chain;
  }

  dispose(): void {
    this.#unsubscribe();
    this.endAll();
  }

  async #fanOut(e: StoredEvent): Promise<void> {
    const live: LiveStream[] = [];
    for (const s of this.#streams) {
      if (!wants(s, e) || e.id <= s.sent) continue;
      if (s.pending) s.pending.push(e);
      else live.push(s);
    }
    if (!live.length) return;
    const ticketId = ticketIdOf(e);
    const reads = ticketId ? await readersOf(this.db, ticketId, [...new Set(live.map((s) => s.customer.id))]) : null;
    for (const s of live) this.#send(s, e, reads?.get(s.customer.id));
  }

  /** Events `sent < id <= upTo` from the table, then what came live meanwhile; then live. */
  async #replay(s: LiveStream, upTo: number): Promise<void> {
    for (;;) {
      const page = await this.bus.between(s.sent, upTo, s.customer.email, s.orgId);
      if (!this.#streams.has(s)) return;
      await this.#sendAll(s, page);
      if (!page.length || s.sent >= upTo) break;
    }
    while (s.pending!.length) await this.#sendAll(s, s.pending!.splice(0));
    // No await between the last check and here: the next event goes straight to the stream.
    s.pending = null;
  }

  async #sendAll(s: LiveStream, events: StoredEvent[]): Promise<void> {
    const ticketIds = [...new Set(events.map(ticketIdOf).filter((id): id is string => id !== null))];
    const reads = await readTimes(this.db, s.customer.id, ticketIds);
    for (const e of events) {
      const ticketId = ticketIdOf(e);
      this.#send(s, e, ticketId ? reads.get(ticketId) : undefined);
    }
  }

  #send(s: LiveStream, e: StoredEvent, readAt: Date | undefined): void {
    if (e.id <= s.sent || !this.#streams.has(s)) return;
    s.sent = e.id;
    s.sink.write(`id: ${e.id}\nevent: ${e.event.type}\ndata: ${JSON.stringify(present(e, s, readAt))}\n\n`);
    // A reader this far behind ends; it resumes from its Last-Event-ID without holding memory here.
    if (s.sink.buffered > MAX_BUFFERED_BYTES) this.#drop(s);
  }

  #drop(s: LiveStream): void {
    if (!this.#streams.delete(s)) return;
    s.sink.end();
  }
}
