import { autoUpdate, computePosition, flip, offset, shift, size, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PlacementOptions {
  /** Whether the floating element is showing; checked after every host update. */
  open: () => boolean;
  reference: () => Element | null | undefined;
  floating: () => HTMLElement | null | undefined;
  /** Logical placement: `-start`/`-end` follow the writing direction. */
  placement: () => Placement;
  /** Gap between reference and floating element, in px. */
  gap?: number;
  /** Minimum distance kept from the viewport edges, in px. */
  padding?: number;
}

/**
 * Anchors a floating element to a reference with Floating UI (after Spectrum's
 * PlacementController): `autoUpdate` runs only while the host is open and its
 * listeners and observers are removed as soon as it closes or disconnects, so a
 * closed launcher costs the host page nothing on scroll or resize.
 */
export class PlacementController implements ReactiveController {
  #cleanup: (() => void) | null = null;
  #floating: HTMLElement | null = null;
  #placed: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PlacementOptions,
  ) {
    host.addController(this);
  }

  /** True while autoUpdate is attached. */
  get active(): boolean {
    return this.#cleanup !== null;
  }

  /** Settles when the latest position computation has been applied. */
  get placed(): Promise<void> {
    return this.#placed;
  }

  hostUpdated(): void {
    const open = this.options.open();
    if (open && !this.active) this.start();
    else if (!open && this.active) this.stop();
  }

  hostDisconnected(): void {
    this.stop();
  }

  start(): void {
    const reference = this.options.reference();
    const floating = this.options.floating();
    if (!reference || !floating) return;
    this.stop();
    this.#floating = floating;
    this.#cleanup = autoUpdate(reference, floating, () => this.#update(reference, floating));
  }

  stop(): void {
    this.#cleanup?.();
    this.#cleanup = null;
    this.#floating?.style.removeProperty('max-block-size');
    this.#floating?.style.removeProperty('max-inline-size');
    this.#floating = null;
  }

  #update(reference: Element, floating: HTMLElement): void {
    const padding = this.options.padding ?? 8;
    this.#placed = computePosition(reference, floating, {
      placement: this.options.placement(),
      strategy: 'fixed',
      middleware: [
        offset(this.options.gap ?? 12),
        flip({ padding }),
        shift({ padding }),
        size({
          padding,
          apply: ({ availableWidth, availableHeight }) => {
            floating.style.setProperty('max-inline-size', `${Math.floor(availableWidth)}px`);
            floating.style.setProperty('max-block-size', `${Math.max(160, Math.floor(availableHeight))}px`);
          },
        }),
      ],
    }).then(({ x, y, placement }) => {
      // A computation that finishes after close must not move a hidden panel.
      if (this.#floating !== floating) return;
      Object.assign(floating.style, { left: `${x}px`, top: `${y}px` });
      floating.dataset.placement = placement;
    });
  }
}
