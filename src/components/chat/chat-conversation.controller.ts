import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpdeskBackend, Subscription } from '../../core/backend.js';
import type { Attachment, ChatMessage } from '../../protocol/index.js';
import { newIdempotencyKey } from '../../core/idempotency.js';

export type ChatEntryState = 'sent' | 'pending' | 'failed';

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
  /** Kept so a retry cannot create the message twice. */
  idempotencyKey: string | null;
}

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
 * The built-in chat's conversation: transcript, sending with pending/failed
 * states and retry, and the live `chat.*` events. Sends run one after another
 * so the second message waits for the conversation the first one starts.
 * The conversation id is kept for the browser tab so a reload resumes it.
 */
export class ChatConversationController implements ReactiveController {
  entries: ChatEntry[] = [];
  conversationId: string | null = null;
  ended = false;

  #queue: Promise<void> = Promise.resolve();
  #subscription: Subscription | null = null;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getBackend: () => HelpdeskBackend | undefined,
    private readonly onAgentMessage: (entry: ChatEntry) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.conversationId) this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  get sending(): boolean {
    return this.entries.some((e) => e.state === 'pending');
  }

  // ---------------------------------------------------------- persistence

  #storageKey(): string | null {
    const backend = this.getBackend();
    return backend ? `portico.chat.conversation:${backend.baseUrl}` : null;
  }

  #remember(id: string | null): void {
    const key = this.#storageKey();
    if (!key) return;
    try {
      if (id) sessionStorage.setItem(key, id);
      else sessionStorage.removeItem(key);
    } catch {
      // Storage can be blocked (sandboxed iframe, privacy settings); the chat still works.
    }
  }

  #recall(): string | null {
    const key = this.#storageKey();
    try {
      return key ? sessionStorage.getItem(key) : null;
    } catch {
      return null;
    }
  }

  /** Picks up the conversation this tab had open, if any. */
  async resume(signal?: AbortSignal): Promise<void> {
    const backend = this.getBackend();
    const id = this.#recall();
    if (!backend || !id || id === this.conversationId) return;
    try {
      const page = await backend.listChatMessages(id, { signal });
      this.conversationId = id;
      this.entries = page.items.map(fromServer);
      this.#subscribe();
    } catch {
      // Gone or no longer ours: start afresh rather than show an error.
      this.#remember(null);
    }
    this.host.requestUpdate();
  }

  // ---------------------------------------------------------- sending

  /** Adds the message to the log at once (pending) and sends it. */
  send(text: string, attachments: Attachment[] = []): Promise<void> {
    const entry: ChatEntry = {
      key: newIdempotencyKey(),
      serverId: null,
      role: 'customer',
      authorName: '',
      text,
      attachments,
      createdAt: new Date().toISOString(),
      state: 'pending',
      idempotencyKey: newIdempotencyKey(),
    };
    this.entries = [...this.entries, entry];
    this.host.requestUpdate();
    return this.#enqueue(entry.key);
  }

  retry(key: string): Promise<void> {
    const entry = this.entries.find((e) => e.key === key);
    if (!entry || entry.state !== 'failed') return Promise.resolve();
    this.#update(key, { state: 'pending' });
    return this.#enqueue(key);
  }

  #enqueue(key: string): Promise<void> {
    this.#queue = this.#queue.then(() => this.#deliver(key));
    return this.#queue;
  }

  async #deliver(key: string): Promise<void> {
    const entry = this.entries.find((e) => e.key === key);
    const backend = this.getBackend();
    if (!entry || entry.state !== 'pending') return;
    if (!backend) {
      this.#update(key, { state: 'failed' });
      return;
    }
    const opts = { idempotencyKey: entry.idempotencyKey ?? undefined };
    try {
      let message: ChatMessage;
      if (!this.conversationId || this.ended) {
        const started = await backend.startChat(entry.text, opts);
        this.conversationId = started.conversation.id;
        this.ended = started.conversation.status === 'ended';
        this.#remember(this.conversationId);
        this.#subscribe();
        message = started.message;
      } else {
        const ids = entry.attachments.map((a) => a.id);
        message = await backend.sendChatMessage(this.conversationId, entry.text, ids.length ? ids : undefined, opts);
      }
      this.#settle(key, message);
    } catch {
      this.#update(key, { state: 'failed' });
    }
  }

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
    const backend = this.getBackend();
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
    const backend = this.getBackend();
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
      this.entries.some((e) => e.state === 'pending' && e.text === message.text)
    ) {
      return;
    }
    const entry = fromServer(message);
    this.entries = [...this.entries, entry];
    this.host.requestUpdate();
    if (entry.role === 'agent') this.onAgentMessage(entry);
  }
}
