import { errorFromAnswer, localProblem, NetworkError, PorticoError, UnauthorizedError } from './errors.js';
import { EVENT_CURSOR_HEADER } from '../protocol/index.js';

/**
 * Server-Sent Events over fetch rather than EventSource: EventSource cannot
 * send an Authorization header (bearer mode) and gives no status codes, so a
 * 401 could not be told apart from a dropped connection.
 */

export interface SseMessage {
  /** The last event id seen on the stream so far (per spec it carries over). */
  id: string | null;
  event: string;
  data: string;
}

/**
 * Incremental parser for the text/event-stream format (WHATWG HTML §9.2.6):
 * lines end in CRLF, LF or CR; `:` starts a comment; a blank line dispatches.
 */
export class SseParser {
  #buffer = '';
  #pendingCR = false;
  #started = false;
  #data = '';
  #hasData = false;
  #event = '';
  #idBuffer: string | null;
  #lastEventId: string | null;
  /** Set by a `retry:` field; read by the reader. */
  retry: number | null = null;

  constructor(lastEventId: string | null = null) {
    this.#idBuffer = lastEventId;
    this.#lastEventId = lastEventId;
  }

  /**
   * The id of the last event dispatched — also of a frame with an id and no
   * data (the gateway's first frame): a stream that got no event yet can
   * resume too. An id whose event is still incomplete does not count yet, so
   * a cut in the middle of an event never skips it on resume.
   */
  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  /** Feeds decoded text; returns the events it completed. */
  push(chunk: string): SseMessage[] {
    if (!this.#started && chunk.length > 0) {
      this.#started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    // A CR ending the previous chunk may pair with an LF starting this one.
    if (this.#pendingCR && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.#pendingCR = false;
    this.#buffer += chunk;
    const out: SseMessage[] = [];
    let start = 0;
    for (let i = 0; i < this.#buffer.length; i++) {
      const c = this.#buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.#buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 < this.#buffer.length) {
          if (this.#buffer[i + 1] === '\n') i++;
        } else {
          this.#pendingCR = true;
        }
      }
      start = i + 1;
      const message = this.#line(line);
      if (message) out.push(message);
    }
    this.#buffer = this.#buffer.slice(start);
    return out;
  }

  #line(line: string): SseMessage | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#event = value;
        break;
      case 'data':
        this.#data += value + '\n';
        this.#hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.#idBuffer = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
    }
    return null;
  }

  #dispatch(): SseMessage | null {
    this.#lastEventId = this.#idBuffer;
    const hasData = this.#hasData;
    const data = this.#data.endsWith('\n') ? this.#data.slice(0, -1) : this.#data;
    const event = this.#event || 'message';
    this.#data = '';
    this.#hasData = false;
    this.#event = '';
    if (!hasData) return null;
    return { id: this.#idBuffer, event, data };
  }
}

/** The gateway's event cursor on an answer (`EVENT_CURSOR_HEADER`), or null when it sent none. */
export function eventCursor(headers: Headers): number | null {
  const value = headers.get(EVENT_CURSOR_HEADER);
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

export interface EventStreamOptions {
  url: string;
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
  /** Called before every (re)connection, so a fresh bearer token is used. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  lastEventId?: string | null;
  /** First reconnection delay; a `retry:` field replaces it. */
  initialRetryMs?: number;
  maxRetryMs?: number;
  onMessage(message: SseMessage): void;
  /** Called on every successful (re)connection, with the answer's headers. */
  onOpen?(headers: Headers): void;
  /** Every failure is reported; after an UnauthorizedError or another final error no reconnection follows. */
  onError?(error: unknown): void;
}

export interface EventStream {
  close(): void;
  readonly lastEventId: string | null;
  readonly closed: boolean;
}

const RETRYABLE_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Opens a stream that reconnects with capped exponential backoff and jitter until close(). */
export function openEventStream(options: EventStreamOptions): EventStream {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const maxRetry = options.maxRetryMs ?? 30000;
  let baseRetry = options.initialRetryMs ?? 1000;
  let lastEventId = options.lastEventId ?? null;
  let attempt = 0;
  let closed = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch (e) {
      console.error(e);
    }
  };

  const scheduleReconnect = () => {
    if (closed) return;
    const exp = Math.min(maxRetry, baseRetry * 2 ** attempt);
    attempt++;
    // Full jitter over the upper half keeps many tabs from reconnecting in step.
    const delay = exp / 2 + Math.random() * (exp / 2);
    timer = setTimeout(connect, delay);
  };

  const stop = (error: unknown) => {
    closed = true;
    report(error);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    controller = new AbortController();
    const signal = controller.signal;
    try {
      // Only what a cross-origin gateway's preflight allows: `cache: 'no-store'` below keeps
      // caches out without a Cache-Control request header (which no preflight lists).
      const headers: Record<string, string> = {
        Accept: 'text/event-stream',
        ...(await options.headers?.()),
      };
      if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
      if (closed) return;
      const response = await doFetch(options.url, {
        method: 'GET',
        headers,
        credentials: options.credentials ?? 'same-origin',
        cache: 'no-store',
        signal,
      });
      if (response.status === 204) {
        // The spec's way for a server to say "stop reconnecting".
        closed = true;
        return;
      }
      if (!response.ok) {
        const error = await problemError(response);
        if (RETRYABLE_STATUSES.has(response.status)) {
          report(error);
          scheduleReconnect();
        } else {
          stop(error);
        }
        return;
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.toLowerCase().startsWith('text/event-stream') || !response.body) {
        stop(new PorticoError(localProblem('unavailable', 0, `Expected text/event-stream, got "${type}"`)));
        return;
      }
      options.onOpen?.(response.headers);
      const parser = new SseParser(lastEventId);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || closed) break;
        for (const message of parser.push(value)) {
          lastEventId = message.id;
          attempt = 0;
          if (closed) break;
          try {
            options.onMessage(message);
          } catch (e) {
            console.error(e);
          }
        }
        lastEventId = parser.lastEventId;
        if (parser.retry !== null) baseRetry = parser.retry;
      }
      reader.cancel().catch(() => {});
      scheduleReconnect();
    } catch (error) {
      if (closed || signal.aborted) return;
      report(new NetworkError(localProblem('network', 0, 'The event stream was interrupted', String(error))));
      scheduleReconnect();
    }
  }

  void connect();

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      controller?.abort();
    },
    get lastEventId() {
      return lastEventId;
    },
    get closed() {
      return closed;
    },
  };
}

async function problemError(response: Response): Promise<PorticoError> {
  const text = await response.text().catch(() => '');
  const error = errorFromAnswer(response.status, response.statusText, text, response.headers.get('retry-after'));
  return response.status === 401 && !(error instanceof UnauthorizedError)
    ? new UnauthorizedError(error.problem)
    : error;
}
