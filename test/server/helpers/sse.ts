import { EVENT_CURSOR_HEADER } from '../../../src/protocol/index.js';

/**
 * A reader of GET /events as a test sees it: every event parsed as it
 * arrives, and a wait for the one a test expects (or a clear failure).
 */
export interface ReceivedEvent {
  id: string;
  event: string;
  data: any;
}

export class EventStream {
  readonly events: ReceivedEvent[] = [];
  /** The id of the first frame (sent before any event) and the last id seen on any frame. */
  firstId: string | null = null;
  lastId: string | null = null;
  /** Where the gateway says the stream starts (EVENT_CURSOR_HEADER on the answer), null when absent. */
  cursor: string | null = null;
  #controller = new AbortController();
  #wake: (() => void) | null = null;
  #ended = false;
  #reading: Promise<void> = Promise.resolve();

  /** Opens the stream with the client's auth headers and starts reading. */
  static async open(api: string, headers: Record<string, string>, lastEventId?: string): Promise<EventStream> {
    const stream = new EventStream();
    const res = await fetch(`${api}/events`, {
      headers: lastEventId === undefined ? headers : { ...headers, 'last-event-id': lastEventId },
      signal: stream.#controller.signal,
    });
    if (res.status !== 200) throw new Error(`GET /events: ${res.status} ${await res.text()}`);
    stream.cursor = res.headers.get(EVENT_CURSOR_HEADER);
    stream.#reading = stream.#read(res.body!.getReader());
    return stream;
  }

  async #read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) !== -1) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const id = /^id: (.*)$/m.exec(block)?.[1];
          if (id !== undefined) {
            this.firstId ??= id;
            this.lastId = id;
          }
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (id && event && data) this.events.push({ id, event, data: JSON.parse(data) });
        }
        this.#wake?.();
      }
    } catch {
      /* aborted */
    } finally {
      this.#ended = true;
      this.#wake?.();
    }
  }

  /** Resolves with the first event matching `pred`; rejects after `timeoutMs`. */
  async waitFor(pred: (e: ReceivedEvent) => boolean, what: string, timeoutMs = 10_000): Promise<ReceivedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(pred);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0 || this.#ended) {
        throw new Error(
          `no ${what} within ${timeoutMs} ms; got: ${this.events.map((e) => e.event).join(', ') || 'nothing'}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
  }

  /** Resolves once the first frame (with its id) has arrived. */
  async opened(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.firstId === null) {
      if (this.#ended || Date.now() > deadline) throw new Error('no first frame with an id');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
    return this.firstId;
  }

  /** True once the gateway ended the stream within `timeoutMs`. */
  async endsWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#ended && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = null;
    }
    return this.#ended;
  }

  /** Everything received, as text: for "this never arrived" checks. */
  get text(): string {
    return JSON.stringify(this.events);
  }

  async close(): Promise<void> {
    this.#controller.abort();
    await this.#reading;
  }
}

/** True when the event is a message.created carrying this text. */
export const messageWith = (text: string) => (e: ReceivedEvent) =>
  e.event === 'message.created' && e.data.message?.body?.content === text;
