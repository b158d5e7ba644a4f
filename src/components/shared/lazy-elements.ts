/**
 * Elements a view needs only once it is opened: a ticket, the support form,
 * chat, the portal, the account menu and profile. Their code is fetched the
 * first time one is about to show (in the bundle each is a chunk of its own),
 * so the first click fetches the launcher, the sign-in and the list alone.
 * Each entry module defines its element(s) once, even if loaded twice.
 */
const LOADERS: Readonly<Record<string, () => Promise<unknown>>> = {
  'portico-ticket-detail': () => import('../ticket-detail/ticket-detail.js'),
  'portico-support-form': () => import('../support-form/support-form.js'),
  'portico-knowledge': () => import('../knowledge/knowledge.js'),
  'portico-chat': () => import('../chat/chat.js'),
  'portico-chat-offline': () => import('../chat/chat.js'),
  'portico-chat-external': () => import('../chat/chat.js'),
  'portico-portal': () => import('../portal/portal.js'),
  'portico-portal-profile': () => import('../portal/portal-profile.js'),
  'portico-account-menu': () => import('../account-menu/account-menu.js'),
  // Part of the app's first click; listed so that an element a developer loads on its own
  // (a support form, a chat) can still show the sign-in it asks for.
  'portico-sign-in': () => import('../sign-in/sign-in.js'),
};

/** The names loaded on demand. */
export const LAZY_ELEMENT_NAMES: readonly string[] = Object.keys(LOADERS);

const loading = new Map<string, Promise<void>>();
/** Fetches that failed (offline, gateway down): not tried again until someone asks (retryElement). */
const failed = new Map<string, unknown>();
/** Elements drawing a loading state, redrawn when the fetch ends. */
const waiting = new Map<string, Set<{ requestUpdate(): void }>>();

/** Whether `name` is defined or can be fetched. */
export function elementAvailable(name: string): boolean {
  return !!customElements.get(name) || name in LOADERS;
}

/**
 * Defines `name` by fetching its code (once; after a failed fetch the next
 * call tries again). Resolves at once when it is defined already.
 */
export function loadElement(name: string): Promise<void> {
  if (customElements.get(name)) return Promise.resolve();
  const load = LOADERS[name];
  if (!load) return Promise.reject(new Error(`[Portico] no element <${name}>`));
  let pending = loading.get(name);
  if (!pending) {
    failed.delete(name);
    pending = load().then(
      () => {
        loading.delete(name);
        settle(name);
      },
      (err: unknown) => {
        loading.delete(name);
        failed.set(name, err);
        settle(name);
        throw err;
      },
    );
    loading.set(name, pending);
  }
  return pending;
}

function settle(name: string): void {
  const hosts = waiting.get(name);
  waiting.delete(name);
  for (const host of hosts ?? []) host.requestUpdate();
}

/** Fetches every on-demand element found under `root` that is not defined yet. */
export function loadElementsIn(root: ParentNode): Promise<void> {
  const wanted = LAZY_ELEMENT_NAMES.filter((name) => !customElements.get(name) && root.querySelector(name));
  return Promise.all(wanted.map(loadElement)).then(() => undefined);
}

export type ElementState = { ready: true } | { ready: false; error?: unknown };

/**
 * For a render: whether `name` is defined. If not, its fetch starts (unless
 * the last one failed: then the error, until retryElement) and `host` is
 * asked to draw again when it ends; the host shows a loading state meanwhile.
 */
export function elementState(name: string, host: { requestUpdate(): void }): ElementState {
  if (customElements.get(name)) return { ready: true };
  if (failed.has(name)) return { ready: false, error: failed.get(name) };
  let hosts = waiting.get(name);
  if (!hosts) waiting.set(name, (hosts = new Set()));
  hosts.add(host);
  loadElement(name).catch(() => undefined);
  return { ready: false };
}

/** Forgets a failed fetch, so the next render fetches again (a Retry button). */
export function retryElement(name: string): void {
  failed.delete(name);
}
