/**
 * The postMessage bridge between a framed Portico page (portal.html inside an
 * intranet's iframe) and the page around it. Outgoing: the document's height,
 * so the parent can size the iframe, and the current route. Incoming: a route
 * to show. Both directions are limited to the configured allow-list: messages
 * are posted with each allowed origin as targetOrigin (the browser drops them
 * unless the parent is that origin), and incoming ones count only when their
 * origin is listed and they come from the parent window itself.
 */

export const BRIDGE_HEIGHT = 'portico:height';
export const BRIDGE_NAVIGATE = 'portico:navigate';

export type BridgeMessage =
  { type: typeof BRIDGE_HEIGHT; height: number } | { type: typeof BRIDGE_NAVIGATE; route: string };

export interface IframeBridgeOptions {
  /** Exact origins (scheme, host, port) the parent may have. Empty: the bridge stays silent and deaf. */
  allowedOrigins: readonly string[];
  /** A route the parent asked for, already checked for origin and source. */
  onNavigate(route: string): void;
  /** The framed window; tests pass their own. */
  window?: Window;
  /** The window around it; `window.parent` by default. */
  parent?: Window;
  /** The element whose height is reported; the document element by default. */
  measure?: Element;
}

export interface IframeBridge {
  /** True when the page is framed and at least one origin is allowed. */
  readonly active: boolean;
  postRoute(route: string): void;
  stop(): void;
}

/** Longest route accepted from the parent; real routes are short. */
const MAX_ROUTE_LENGTH = 512;

export function isFramed(win: Window = window): boolean {
  try {
    return win.parent !== win;
  } catch {
    return true;
  }
}

const inactive: IframeBridge = { active: false, postRoute() {}, stop() {} };

export function startIframeBridge(options: IframeBridgeOptions): IframeBridge {
  const win = options.window ?? window;
  const parent = options.parent ?? win.parent;
  if (parent === win) return inactive;
  const origins = [...new Set(options.allowedOrigins)];
  if (origins.length === 0) {
    console.warn('[Portico] this page is framed but no allowed origins are configured; the iframe bridge is off');
    return inactive;
  }

  const post = (message: BridgeMessage) => {
    for (const origin of origins) {
      try {
        parent.postMessage(message, origin);
      } catch {
        // A malformed origin would throw; config validation should have caught it already.
      }
    }
  };

  const onMessage = (event: MessageEvent) => {
    if (event.source !== parent || !origins.includes(event.origin)) return;
    const data: unknown = event.data;
    if (!data || typeof data !== 'object') return;
    const { type, route } = data as { type?: unknown; route?: unknown };
    if (type !== BRIDGE_NAVIGATE || typeof route !== 'string' || route.length > MAX_ROUTE_LENGTH) return;
    options.onNavigate(route);
  };
  win.addEventListener('message', onMessage);

  const measured = options.measure ?? win.document.documentElement;
  let lastHeight = -1;
  const postHeight = () => {
    const height = Math.ceil(measured.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    post({ type: BRIDGE_HEIGHT, height });
  };
  const ResizeObserverCtor = (win as Window & typeof globalThis).ResizeObserver;
  const observer = ResizeObserverCtor ? new ResizeObserverCtor(() => postHeight()) : null;
  observer?.observe(measured);
  postHeight();

  return {
    active: true,
    postRoute(route: string) {
      post({ type: BRIDGE_NAVIGATE, route });
    },
    stop() {
      win.removeEventListener('message', onMessage);
      observer?.disconnect();
    },
  };
}
