import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpdeskBackend, Subscription } from '../../core/backend.js';
import type { Attachment, ChatMessage } from '../../protocol/index.js';
import type { PorticoServices } from '../../core/services.js';
import { newIdempotencyKey } from '../../core/idempotency.js';
import { recallChatConversation, rememberChatConversation } from '../../core/chat-session.js';
import {
  getOutbox,
  switchOutbox,
  type ChatWrite,
  type Outbox,
  type OutboxEntry,
  type OutboxEventMap,
} from '../../core/outbox.js';

/**
 * `pending`: on its way; `waiting`: an attempt failed (offline, the gateway down), the outbox sends it by
 * itself as soon as it can; `failed`: refused for good (the chat ended, nobody available).
 */
export type ChatEntryState = 'sent' | 'pending' | 'waiting' | 'failed';

/** One line of the transcript: a server message, or the customer's own one still on its way. */
export interface ChatEntry {
  /** Stable key for rendering: the server id once known, a local one before. */
  key: string;
  serverId: string | null;
  role: 'customer' | 'agent';
  authorName: string;
  text: string;
  attachments: Attachment[];
  createdAt: string;
  state: ChatEntryState;
  /** The outbox entry (and Idempotency-Key) of a message of ours not sent yet. */
  idempotencyKey: string | null;
}

type ChatEntryInOutbox = OutboxEntry & { write: ChatWrite };

const isChat = (entry: OutboxEntry): entry is ChatEntryInOutbox => entry.write.kind === 'chat';

function fromServer(message: ChatMessage): ChatEntry {
  return {
    key: message.id,
    serverId: message.id,
    role: message.author.role,
    authorName: message.author.name,
    text: message.text,
    attachments: message.attachments,
    createdAt: message.createdAt,
    state: 'sent',
    idempotencyKey: null,
  };
}

/**
 * The built-in chat's conversation: transcript, the live `chat.*` events,
 * and the customer's messages, which go through the page's outbox (DESIGN §3
 * "never lose input"): stored before the first attempt, sent again by
 * themselves after offline, a gateway restart, a reload or a closed tab —
 * always under the same Idempotency-Key, in the order they were written, one
 * tab at a time. A message written while the conversation's first one still
 * waits goes into the conversation that one starts. The conversation id is
 * kept for the browser tab so a reload resumes it, with what still waits.
 */
export class ChatConversationController implements ReactiveController {
  entries: ChatEntry[] = [];
  conversationId: string | null = null;
  ended = false;

  #subscription: Subscription | null = null;
  #connected = false;
  #outbox: Outbox | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getServices: () => PorticoServices | undefined,
    private readonly onAgentMessage: (entry: ChatEntry) => void,
  ) {
    host.addController(this);
  }

  #backend(): HelpdeskBackend | undefined {
    return this.getServices()?.backend;
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.conversationId) this.#subscribe();
    if (this.entries.length) this.#follow();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
    this.#listen(undefined);
  }

  get sending(): boolean {
    return this.entries.some((e) => e.state === 'pending');
  }

  // ---------------------------------------------------------- persistence

  #remember(id: string | null): void {
    const backend = this.#backend();
    if (backend) rememberChatConversation(backend.baseUrl, id);
  }

  /** Picks up the conversation this tab had open, if any, and our messages still waiting to be sent. */
  async resume(signal?: AbortSignal): Promise<void> {
    const backend = this.#backend();
    if (!backend) return;
    const id = recallChatConversation(backend.baseUrl);
    if (id && id !== this.conversationId) {
      try {
        const page = await backend.listChatMessages(id, { signal });
        this.conversationId = id;
        this.entries = page.items.map(fromServer);
        this.#subscribe();
      } catch {
        // Gone or no longer ours: start afresh rather than show an error.
        this.#remember(null);
      }
    }
    const outbox = this.#follow();
    if (outbox) {
      await outbox.ready;
      const shown = new Set(this.entries.map((e) => e.idempotencyKey));
      const waiting = outbox.entries.flatMap((e) => (this.#ours(e) && !shown.has(e.id) ? [this.#fromOutbox(e)] : []));
      if (waiting.length) this.entries = [...this.entries, ...waiting];
    }
    this.host.requestUpdate();
  }

  // ---------------------------------------------------------- sending

  /** Adds the message to the log at once (pending) and hands it to the outbox. */
  send(text: string, attachments: Attachment[] = []): void {
    const id = newIdempotencyKey();
    const entry: ChatEntry = {
      key: id,
      serverId: null,
      role: 'customer',
      authorName: '',
      text,
      attachments,
      createdAt: new Date().toISOString(),
      state: 'pending',
      idempotencyKey: id,
    };
    this.entries = [...this.entries, entry];
    this.host.requestUpdate();
    this.#enqueue(entry);
  }

  /** A message waiting: try now. One refused: written again, as a new message (into a new chat if that one ended). */
  retry(key: string): void {
    const entry = this.entries.find((e) => e.key === key);
    if (entry?.state === 'waiting') {
      this.#update(key, { state: 'pending' });
      void this.#outbox?.flush();
    } else if (entry?.state === 'failed') {
      const again = { ...entry, state: 'pending' as const, idempotencyKey: newIdempotencyKey() };
      this.entries = this.entries.map((e) => (e.key === key ? again : e));
      this.host.requestUpdate();
      this.#enqueue(again);
    }
  }

  #enqueue(entry: ChatEntry): void {
    const outbox = this.#follow();
    if (!outbox || !entry.idempotencyKey) {
      this.#update(entry.key, { state: 'failed' });
      return;
    }
    const starting = !this.conversationId || this.ended;
    // The chat's first message still waits: this one goes into the conversation it starts.
    const start = starting ? outbox.entries.find((e) => this.#ours(e) && this.#startsChat(e)) : undefined;
    const ids = entry.attachments.map((a) => a.id);
    const write: ChatWrite = {
      kind: 'chat',
      conversationId: starting ? null : this.conversationId,
      ...(start ? { startedBy: start.id } : {}),
      text: entry.text,
      ...(ids.length ? { attachments: ids } : {}),
    };
    // The outcome arrives through the outbox's events, for this page load and later ones alike.
    outbox.enqueue(write, { id: entry.idempotencyKey }).done.catch(() => {});
  }

  /** Our own message that starts a conversation (and is not behind another one that does). */
  #startsChat(entry: ChatEntryInOutbox): boolean {
    return entry.write.conversationId === null && !entry.write.startedBy;
  }

  /** A chat message in the outbox written by whoever is signed in now, for this tab's conversation or a new one. */
  #ours(entry: OutboxEntry): entry is ChatEntryInOutbox {
    if (!isChat(entry)) return false;
    const userId = this.getServices()?.session.session?.user.id;
    if (!userId || entry.userId !== userId) return false;
    return entry.write.conversationId === null || entry.write.conversationId === this.conversationId;
  }

  #fromOutbox(entry: ChatEntryInOutbox): ChatEntry {
    return {
      key: entry.id,
      serverId: null,
      role: 'customer',
      authorName: '',
      text: entry.write.text,
      attachments: [],
      createdAt: new Date(entry.createdAt).toISOString(),
      state: this.#stateOf(entry, this.#outbox),
      idempotencyKey: entry.id,
    };
  }

  /** Waiting once an attempt failed, its own or one of a write before it (the outbox keeps their order). */
  #stateOf(entry: OutboxEntry, outbox: Outbox | undefined): 'pending' | 'waiting' {
    const failed = (q: OutboxEntry) => q.attempts > 0 || !!q.lastError;
    const stuck = failed(entry) || !!outbox?.entries.some((q) => q.createdAt <= entry.createdAt && failed(q));
    return stuck ? 'waiting' : 'pending';
  }

  #follow(): Outbox | undefined {
    const services = this.getServices();
    this.#listen(services ? getOutbox(services) : undefined);
    return this.#outbox;
  }

  #listen(outbox: Outbox | undefined): void {
    switchOutbox(this.#outbox, outbox, { change: this.#onChange, sent: this.#onSent, dropped: this.#onDropped });
    this.#outbox = outbox;
  }

  #mine(id: string): ChatEntry | undefined {
    return this.entries.find((e) => e.serverId === null && e.idempotencyKey === id);
  }

  /** An attempt failed (waiting), or a retry is under way again (pending). */
  #onChange = (): void => {
    const outbox = this.#outbox;
    if (!outbox) return;
    let changed = false;
    const next = this.entries.map((e) => {
      if (e.serverId || (e.state !== 'pending' && e.state !== 'waiting')) return e;
      const queued = outbox.entries.find((q) => q.id === e.idempotencyKey);
      if (!queued) return e;
      const state = this.#stateOf(queued, outbox);
      if (state === e.state) return e;
      changed = true;
      return { ...e, state } as ChatEntry;
    });
    if (!changed) return;
    this.entries = next;
    this.host.requestUpdate();
  };

  #onSent = (event: OutboxEventMap['sent']): void => {
    const { entry, result } = event.detail;
    if (!isChat(entry)) return;
    const shown = this.#mine(entry.id);
    if (!shown) return;
    // This chat shows it: the outbox need not record it.
    event.preventDefault();
    const message = result as ChatMessage;
    if (entry.write.conversationId === null && !entry.write.startedBy) {
      this.#unsubscribe();
      this.conversationId = message.conversationId;
      this.ended = false;
      this.#remember(this.conversationId);
      this.#subscribe();
    }
    this.#settle(shown.key, message);
  };

  #onDropped = (event: OutboxEventMap['dropped']): void => {
    const { entry } = event.detail;
    if (!isChat(entry)) return;
    const shown = this.#mine(entry.id);
    if (!shown) return;
    // It stays in the log, marked, with its words and a Retry: nothing goes back to the draft.
    event.preventDefault();
    this.#update(shown.key, { state: 'failed' });
  };

  /** Replaces the pending entry by the server's message, unless the live event brought it first. */
  #settle(key: string, message: ChatMessage): void {
    const already = this.entries.some((e) => e.serverId === message.id);
    this.entries = already
      ? this.entries.filter((e) => e.key !== key)
      : this.entries.map((e) => (e.key === key ? { ...fromServer(message), key } : e));
    this.host.requestUpdate();
  }

  #update(key: string, patch: Partial<ChatEntry>): void {
    this.entries = this.entries.map((e) => (e.key === key ? { ...e, ...patch } : e));
    this.host.requestUpdate();
  }

  // ---------------------------------------------------------- live events

  #subscribe(): void {
    const backend = this.#backend();
    if (this.#subscription || !this.#connected || !backend) return;
    this.#subscription = backend.subscribe({
      onEvent: (event) => {
        if (event.type === 'chat.message' && event.conversationId === this.conversationId) {
          this.#receive(event.message);
        } else if (event.type === 'chat.ended' && event.conversationId === this.conversationId) {
          this.ended = true;
          this.host.requestUpdate();
        }
      },
      onReconnect: () => void this.#catchUp(),
    });
  }

  /** After a break in the stream: messages it could not replay come from the conversation itself. */
  async #catchUp(): Promise<void> {
    const backend = this.#backend();
    const id = this.conversationId;
    if (!backend || !id) return;
    try {
      const page = await backend.listChatMessages(id);
      if (id === this.conversationId) for (const m of page.items) this.#receive(m);
    } catch {
      // The next reconnection or message tries again.
    }
  }

  #unsubscribe(): void {
    this.#subscription?.close();
    this.#subscription = null;
  }

  #receive(message: ChatMessage): void {
    if (this.entries.some((e) => e.serverId === message.id)) return;
    // Our own message echoed before its POST answered: #settle() puts it in place.
    if (
      message.author.role === 'customer' &&
      this.entries.some((e) => e.serverId === null && e.state !== 'failed' && e.text === message.text)
    ) {
      return;
    }
    const entry = fromServer(message);
    this.entries = [...this.entries, entry];
    this.host.requestUpdate();
    if (entry.role === 'agent') this.onAgentMessage(entry);
  }
}
