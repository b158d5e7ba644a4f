import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type PortalView = 'tickets' | 'mine' | 'new' | 'kb' | 'profile' | 'ticket';
export type ListView = 'tickets' | 'mine';

/** `new` may name the form (`#/new/access-request`), `kb` an article (`#/kb/<id>`). */
export type PortalRoute =
  | { view: 'tickets' | 'mine' | 'profile' }
  | { view: 'new'; formId?: string }
  | { view: 'kb'; articleId?: string }
  | { view: 'ticket'; ticketId: string };

const SIMPLE_VIEWS = ['tickets', 'mine', 'new', 'kb', 'profile'] as const;

/** `#/mine`, `/mine` or `mine` → a route; anything else → null. */
export function parseRoute(text: string | null | undefined): PortalRoute | null {
  if (!text) return null;
  const path = text.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if ((SIMPLE_VIEWS as readonly string[]).includes(path)) return { view: path as (typeof SIMPLE_VIEWS)[number] };
  const match = /^(ticket|new|kb)\/([^/?#]{1,128})$/.exec(path);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[2]!);
  } catch {
    return null;
  }
  if (match[1] === 'new') return { view: 'new', formId: id };
  if (match[1] === 'kb') return { view: 'kb', articleId: id };
  return { view: 'ticket', ticketId: id };
}

/** The route as a path, e.g. `/ticket/t-1`; the hash is `#` + this. */
export function formatRoute(route: PortalRoute): string {
  const id =
    route.view === 'ticket'
      ? route.ticketId
      : route.view === 'new'
        ? route.formId
        : route.view === 'kb'
          ? route.articleId
          : undefined;
  return id ? `/${route.view}/${encodeURIComponent(id)}` : `/${route.view}`;
}

export function sameRoute(a: PortalRoute | null, b: PortalRoute | null): boolean {
  return !!a && !!b && formatRoute(a) === formatRoute(b);
}

export type RoutingMode = 'hash' | 'memory';

/**
 * The portal's current route: in `hash` mode it lives in the URL hash, so
 * deep links, reloads and the browser's back/forward work; in `memory` mode
 * (a portal inside a page that uses its hash itself) it lives here only.
 * `onChange` hears every change, whoever made it.
 */
export class PortalRouteController implements ReactiveController {
  #memory: PortalRoute | null = null;
  /** The route last reported, so popstate and hashchange for one step report it once. */
  #reported: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getMode: () => RoutingMode,
    private readonly onChange: (route: PortalRoute | null) => void,
  ) {
    host.addController(this);
  }

  /** The requested route, or null when the URL names none (the portal then picks its home). */
  get route(): PortalRoute | null {
    return this.getMode() === 'hash' ? parseRoute(globalThis.location?.hash) : this.#memory;
  }

  #report(): void {
    const route = this.route;
    const key = route ? formatRoute(route) : '';
    this.host.requestUpdate();
    if (key === this.#reported) return;
    this.#reported = key;
    this.onChange(route);
  }

  // Back/forward fires popstate, and hashchange too when the hash differs; either one reports.
  #onLocationChange = () => {
    if (this.getMode() === 'hash') this.#report();
  };

  hostConnected(): void {
    const route = this.route;
    this.#reported = route ? formatRoute(route) : '';
    globalThis.addEventListener('hashchange', this.#onLocationChange);
    globalThis.addEventListener('popstate', this.#onLocationChange);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener('hashchange', this.#onLocationChange);
    globalThis.removeEventListener('popstate', this.#onLocationChange);
  }

  /** Goes to a route; `replace` swaps the current history entry instead of adding one. */
  navigate(route: PortalRoute, { replace = false } = {}): void {
    if (sameRoute(route, this.route)) return;
    if (this.getMode() === 'hash') {
      const hash = `#${formatRoute(route)}`;
      if (replace) {
        history.replaceState(history.state, '', hash);
      } else {
        history.pushState(history.state, '', hash);
      }
      // pushState/replaceState fire no hashchange; report it ourselves.
    } else {
      this.#memory = route;
    }
    this.#report();
  }
}
