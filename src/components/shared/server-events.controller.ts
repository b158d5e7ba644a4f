import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpdeskBackend, Subscription } from '../../core/backend.js';
import type { ServerEvent } from '../../protocol/index.js';

/**
 * Keeps one server-event subscription open while the host is in the document
 * and has a backend to listen to; closes it when the host leaves the page.
 * The host calls `watch(backend)` from `updated()` — `undefined` while signed
 * out, so that no stream is opened only to be answered 401.
 */
export class ServerEventsController implements ReactiveController {
  #backend: HelpdeskBackend | undefined;
  #subscription: Subscription | undefined;
  #connected = false;
  #streamOpen = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly onEvent: (event: ServerEvent) => void,
    /** The stream came back after a break: what it missed may need loading again. */
    private readonly onReconnect?: () => void,
    /** The stream is open (at once, when it already was): events reach this host from now on. */
    private readonly onOpen?: () => void,
  ) {
    host.addController(this);
  }

  /** Listen to this backend's events (or to none). Cheap to call on every update. */
  watch(backend: HelpdeskBackend | undefined): void {
    if (backend === this.#backend) return;
    this.#close();
    this.#backend = backend;
    this.#open();
  }

  get active(): boolean {
    return !!this.#subscription;
  }

  /** Subscribed and the stream is open: every event from now on arrives. */
  get open(): boolean {
    return !!this.#subscription && this.#streamOpen;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#open();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#close();
  }

  #open(): void {
    if (!this.#connected || !this.#backend || this.#subscription) return;
    this.#subscription = this.#backend.subscribe({
      onEvent: (event) => this.onEvent(event),
      onOpen: () => {
        this.#streamOpen = true;
        this.onOpen?.();
      },
      onReconnect: () => this.onReconnect?.(),
      // The client reconnects by itself; a lost stream only means fewer live updates (and a reload when back).
      onError: () => {
        this.#streamOpen = false;
      },
    });
  }

  #close(): void {
    this.#subscription?.close();
    this.#subscription = undefined;
    this.#streamOpen = false;
  }
}
