import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Rows drawn beyond each edge of what is in view, so a fast scroll or a key press finds them drawn. */
const OVERSCAN = 8;
/** Rows drawn before the first measurement (and when nothing scrolls). */
const FIRST_WINDOW = 30;

export interface RowRange {
  /** Index of the first row drawn. */
  first: number;
  /** Index one past the last row drawn. */
  end: number;
}

/**
 * Which rows of a long list are drawn: those in view plus a few either side.
 * Rows have one fixed height (the stylesheet's), so the window is arithmetic:
 * the rows above and below it are padding on the rows' container, nothing is
 * positioned, and no ResizeObserver runs (no loop errors on the host page).
 * It listens to every scrolling ancestor — across shadow roots — and the
 * window, once a frame at most.
 */
export class RowWindowController implements ReactiveController {
  range: RowRange = { first: 0, end: FIRST_WINDOW };
  /** Measured from a drawn row; the stylesheet fixes it. */
  rowHeight = 0;

  #scrollers: Array<Element | Window> = [];
  #frame = 0;
  #count = 0;
  #body: HTMLElement | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The rows' container (its first child row gives the height). */
    private readonly body: () => HTMLElement | null,
    private readonly onRange: (range: RowRange, count: number) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#listen();
  }

  hostDisconnected(): void {
    this.#unlisten();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  hostUpdated(): void {
    // A new container (first rows, another view) may sit in other scrollers; a new count moves the end.
    const body = this.body();
    if (body !== this.#body) {
      this.#body = body;
      if (body) this.#listen();
    }
    this.#schedule();
  }

  /** The range for `count` rows, clamped; what the template draws. */
  slice(count: number): RowRange {
    this.#count = count;
    const end = Math.min(count, Math.max(this.range.end, Math.min(count, FIRST_WINDOW)));
    const first = Math.min(this.range.first, Math.max(0, end - 1));
    return { first, end };
  }

  /** Makes sure a row is drawn (a key press moved to it); the caller scrolls it into view after the render. */
  include(index: number): void {
    const { first, end } = this.range;
    if (index >= first && index < end) return;
    const span = Math.max(end - first, FIRST_WINDOW);
    const start = Math.max(0, Math.min(index - Math.floor(span / 2), this.#count - span));
    this.range = { first: start, end: start + span };
    this.host.requestUpdate();
  }

  #listen(): void {
    this.#unlisten();
    const scrollers: Array<Element | Window> = [window];
    for (let node: Node | null = this.host; node;) {
      if (node instanceof Element) {
        const overflow = getComputedStyle(node).overflowY;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'overlay') scrollers.push(node);
      }
      node = node instanceof ShadowRoot ? node.host : node.parentNode;
    }
    for (const s of scrollers) s.addEventListener('scroll', this.#schedule, { passive: true });
    window.addEventListener('resize', this.#schedule, { passive: true });
    this.#scrollers = scrollers;
  }

  #unlisten(): void {
    for (const s of this.#scrollers) s.removeEventListener('scroll', this.#schedule);
    window.removeEventListener('resize', this.#schedule);
    this.#scrollers = [];
  }

  #schedule = (): void => {
    if (!this.#frame) this.#frame = requestAnimationFrame(this.#measure);
  };

  #measure = (): void => {
    this.#frame = 0;
    const body = this.body();
    if (!body) return;
    const row = body.querySelector<HTMLElement>('[role="row"]');
    if (row) this.rowHeight = row.offsetHeight || this.rowHeight;
    const height = this.rowHeight;
    if (!height) return;
    // What of the rows' container is in view: the window clipped by every scrolling ancestor.
    const box = body.getBoundingClientRect();
    let top = 0;
    let bottom = window.innerHeight;
    for (const s of this.#scrollers) {
      if (s === window) continue;
      const r = (s as Element).getBoundingClientRect();
      top = Math.max(top, r.top);
      bottom = Math.min(bottom, r.bottom);
    }
    const from = Math.max(0, top - box.top);
    const to = Math.max(from, bottom - box.top);
    const count = this.#count;
    const first = Math.max(0, Math.min(count, Math.floor(from / height) - OVERSCAN));
    const end = Math.max(first, Math.min(count, Math.ceil(to / height) + OVERSCAN));
    if (first !== this.range.first || end !== this.range.end) {
      this.range = { first, end };
      this.host.requestUpdate();
    }
    this.onRange(this.range, count);
  };
}
