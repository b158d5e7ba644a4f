import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Whether the person can see the chat right now: the tab is in front and the
 * element is on screen (not inside a closed launcher panel, not hidden, not
 * scrolled away). Calls onChange when that flips.
 */
export class ChatVisibilityController implements ReactiveController {
  #intersecting = false;
  #observer: IntersectionObserver | null = null;

  constructor(
    private readonly host: ReactiveElement,
    private readonly onChange: (visible: boolean) => void,
  ) {
    host.addController(this);
  }

  get visible(): boolean {
    return this.#intersecting && globalThis.document?.visibilityState !== 'hidden';
  }

  #onVisibility = () => this.onChange(this.visible);

  hostConnected(): void {
    // Until the first observation arrives, assume unseen: an unread badge too many beats a missed message.
    this.#intersecting = false;
    if (typeof IntersectionObserver === 'function') {
      this.#observer = new IntersectionObserver((entries) => {
        const last = entries[entries.length - 1];
        if (!last) return;
        const was = this.visible;
        this.#intersecting = last.isIntersecting;
        if (this.visible !== was) this.onChange(this.visible);
      });
      this.#observer.observe(this.host);
    } else {
      this.#intersecting = true;
    }
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#intersecting = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }
}
