import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Where focus goes after the next render, for an element whose parts move it
 * (a confirmation opening, a button that disappears, a reply coming back): the
 * first of the requested selectors that matches in the element's shadow root.
 */
export class FocusController implements ReactiveController {
  #targets: readonly string[] | null = null;

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode }) {
    host.addController(this);
  }

  /** After the next render, focuses the first of these selectors that matches. */
  request(...selectors: string[]): void {
    this.#targets = selectors;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const targets = this.#targets;
    if (!targets) return;
    this.#targets = null;
    for (const selector of targets) {
      const target = this.host.renderRoot.querySelector<HTMLElement>(selector);
      if (target) {
        target.focus();
        return;
      }
    }
  }
}
