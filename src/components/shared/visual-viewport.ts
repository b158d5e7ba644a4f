/**
 * Keeps a `position: fixed` element on what the visitor sees. Fixed boxes are
 * placed against the layout viewport, which on a phone grows with a page that
 * overflows sideways (a 390 px screen showing a 456 px page), and which the
 * on-screen keyboard and pinch zoom do not shrink: the visual viewport does.
 * trackVisualViewport() writes, on `host`, how far each edge of the visual
 * viewport lies inside the layout viewport's, and its size:
 *
 *   --_vv-left, --_vv-top, --_vv-right, --_vv-bottom, --_vv-width, --_vv-height  (px)
 *
 * for the element's styles to add to their insets (chat-launcher.styles.ts,
 * consent-banner.styles.ts, facade-launcher.styles.ts). Only the visual
 * viewport's own resize and scroll events (zoom, panning, keyboard), window
 * resizes and the layout viewport growing with the page trigger it, one frame
 * at a time: plain page scrolling costs nothing. Plain DOM: the facade uses it too.
 * `onResize` is told, once the new size is written, that the visual viewport
 * changed size (the on-screen keyboard came or went, the phone was turned).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ViewportTracking {
  /** Measures again on the next frame (e.g. once the fixed element has been rendered). */
  update(): void;
  stop(): void;
}

const px = (n: number) => `${Math.max(0, Math.round(n))}px`;

/**
 * Starts tracking. The layout viewport is found from the box and insets of
 * `fixed()` (a `position: fixed` element: `host` itself, or one in its shadow
 * root), so no probe element is needed; the properties go on `host`.
 */
export function trackVisualViewport(
  host: HTMLElement,
  fixed: () => HTMLElement | null | undefined = () => host,
  onResize?: () => void,
): ViewportTracking {
  const win = host.ownerDocument.defaultView ?? window;
  const vv = win.visualViewport;
  if (!vv) return { update() {}, stop() {} };
  let frame = 0;
  let size = '';
  const apply = () => {
    frame = 0;
    const el = fixed();
    if (!el?.isConnected) return;
    const box = el.getBoundingClientRect();
    const cs = win.getComputedStyle(el);
    // Auto margins (a centred banner) take up what the insets leave: count them in.
    const left = box.left - parseFloat(cs.marginLeft) - parseFloat(cs.left);
    const top = box.top - parseFloat(cs.marginTop) - parseFloat(cs.top);
    const right = box.right + parseFloat(cs.marginRight) + parseFloat(cs.right);
    const bottom = box.bottom + parseFloat(cs.marginBottom) + parseFloat(cs.bottom);
    if (![left, top, right, bottom].every(Number.isFinite)) return;
    const set = (name: string, value: number) => host.style.setProperty(`--_vv-${name}`, px(value));
    set('left', vv.offsetLeft - left);
    set('top', vv.offsetTop - top);
    set('right', right - (vv.offsetLeft + vv.width));
    set('bottom', bottom - (vv.offsetTop + vv.height));
    set('width', vv.width);
    set('height', vv.height);
    const was = size;
    size = `${Math.round(vv.width)}x${Math.round(vv.height)}`;
    if (was && was !== size) onResize?.();
  };
  const schedule = () => {
    frame ||= win.requestAnimationFrame(apply);
  };
  vv.addEventListener('resize', schedule);
  vv.addEventListener('scroll', schedule);
  win.addEventListener('resize', schedule);
  // On a phone the layout viewport also grows when the page's content widens
  // after load (a table or picker rendered late), with no resize event at all:
  // a hidden fixed box spanning the layout viewport, in host's shadow root,
  // reports that through a ResizeObserver.
  const root = host.shadowRoot;
  let probe: HTMLElement | null = null;
  let observer: ResizeObserver | null = null;
  if (root && typeof win.ResizeObserver === 'function') {
    probe = host.ownerDocument.createElement('div');
    probe.setAttribute('aria-hidden', 'true');
    Object.assign(probe.style, { position: 'fixed', inset: '0', visibility: 'hidden', pointerEvents: 'none' });
    root.append(probe);
    observer = new win.ResizeObserver(schedule);
    observer.observe(probe);
  }
  schedule();
  return {
    update: schedule,
    stop() {
      vv.removeEventListener('resize', schedule);
      vv.removeEventListener('scroll', schedule);
      win.removeEventListener('resize', schedule);
      observer?.disconnect();
      probe?.remove();
      if (frame) win.cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}

/** trackVisualViewport() for a Lit element while it is connected, measured again after each update. */
export class VisualViewportController implements ReactiveController {
  #tracking: ViewportTracking | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly fixed?: () => HTMLElement | null | undefined,
    private readonly onResize?: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#tracking?.stop();
    this.#tracking = trackVisualViewport(this.host, this.fixed, this.onResize);
  }

  hostUpdated(): void {
    this.#tracking?.update();
  }

  hostDisconnected(): void {
    this.#tracking?.stop();
    this.#tracking = null;
  }
}
