import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepActiveElement, isWithin } from '../shared/dom.js';

/**
 * Keeps Tab and Shift+Tab inside a container while it is active (the dialog
 * pattern). The views inside the panel are other Portico elements with their
 * own shadow roots, so tabbable elements are collected through shadow roots
 * and slots, in the order the user tabs through them.
 */
export class FocusTrapController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: { active: () => boolean; container: () => HTMLElement | null | undefined },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.#onKeydown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.#onKeydown);
  }

  /** Tabbable elements inside the container, in tab order. */
  tabbables(): HTMLElement[] {
    const container = this.options.container();
    return container ? collectTabbables(container) : [];
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab' || event.defaultPrevented || !this.options.active()) return;
    const container = this.options.container();
    if (!container) return;
    const items = collectTabbables(container);
    if (items.length === 0) {
      event.preventDefault();
      container.focus();
      return;
    }
    const current = deepActiveElement();
    const index = current ? items.indexOf(current as HTMLElement) : -1;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && index <= 0) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (index === -1 ? !isWithin(container, current) : index === items.length - 1)) {
      event.preventDefault();
      first.focus();
    }
  };
}

function isTabbable(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || el.hasAttribute('disabled') || el.closest('[inert]')) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  // Only elements that are focusable by nature or by an explicit tabindex.
  const natural =
    el instanceof HTMLButtonElement ||
    el instanceof HTMLInputElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLAnchorElement && el.hasAttribute('href')) ||
    el.isContentEditable ||
    el.hasAttribute('tabindex');
  if (!natural) return false;
  return el.checkVisibility ? el.checkVisibility({ checkVisibilityCSS: true }) : el.getClientRects().length > 0;
}

function collectTabbables(root: Element | ShadowRoot): HTMLElement[] {
  const out: HTMLElement[] = [];
  const visit = (node: Element) => {
    if (node instanceof HTMLElement) {
      if (node.hidden || node.inert) return;
      if (isTabbable(node)) out.push(node);
    }
    if (node.shadowRoot) {
      for (const child of Array.from(node.shadowRoot.children)) visit(child);
      return;
    }
    if (node instanceof HTMLSlotElement) {
      for (const child of node.assignedElements({ flatten: true })) visit(child);
      return;
    }
    for (const child of Array.from(node.children)) visit(child);
  };
  for (const child of Array.from(root instanceof ShadowRoot ? root.children : [root])) visit(child);
  return out;
}
