/**
 * The first click fetches in parallel, not in a row: as soon as a visitor
 * shows intent (hover, focus, touch on the facade's button) the facade starts
 * GET /portal and GET /session next to the app chunk, and the first list page
 * as soon as the session says someone is signed in. The app's protocol client
 * then takes each answer once, instead of asking again (takePrefetched).
 *
 * Only GETs the app would send itself, with the same headers and credentials
 * (cookie mode; in bearer mode the token lives in the app, so only /portal is
 * fetched early), and only for a short while: an answer older than
 * PREFETCH_TTL_MS is dropped and the app asks afresh.
 */
import type { PorticoConfig } from './config.js';

/** What the app asks for a JSON answer; the prefetch sends the same (no preflight either way). */
export const ACCEPT_JSON = 'application/json, application/problem+json';

/** The first page every ticket list asks for (its property defaults): my open tickets, newest update first. */
export const FIRST_TICKET_PAGE = { scope: 'mine', status: 'open', sort: '-updated', limit: 25 } as const;

const PREFETCH_TTL_MS = 30_000;

interface Prefetch {
  at: number;
  response: Promise<Response>;
}

/** Shared through the page (the facade and the app are two bundles): keyed by URL, params sorted. */
type PrefetchStore = Map<string, Prefetch>;
const KEY = '__porticoPrefetch';

function store(): PrefetchStore {
  const g = globalThis as { [KEY]?: PrefetchStore };
  return (g[KEY] ??= new Map());
}

function keyOf(url: string): string {
  const u = new URL(url, globalThis.location?.href);
  u.searchParams.sort();
  return u.href;
}

/** The gateway's protocol URL, as the client builds it (no trailing slash). */
function baseOf(config: Pick<PorticoConfig, 'backend'>): string {
  return new URL(config.backend, globalThis.location?.href).href.replace(/\/+$/, '');
}

/**
 * Starts the first click's requests, once per page; nothing when there is no gateway configured.
 * `list: false` leaves the list page out: a mailed link in the address may sign the person out
 * before any list shows (src/portico-app.ts), and a list fetched meanwhile would only answer 401.
 */
export function prefetchFirstViews(
  config: Pick<PorticoConfig, 'backend' | 'authMode'>,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  { list = true }: { list?: boolean } = {},
): void {
  if (!config.backend) return;
  const prefetched = store();
  const base = baseOf(config);
  const bearer = config.authMode === 'bearer';
  const get = (path: string): Promise<Response> | null => {
    const key = keyOf(base + path);
    const known = prefetched.get(key);
    if (known && Date.now() - known.at < PREFETCH_TTL_MS) return null;
    const response = fetchImpl(base + path, {
      method: 'GET',
      headers: { Accept: ACCEPT_JSON },
      credentials: bearer ? 'same-origin' : 'include',
    });
    // A failed prefetch costs nothing: the app asks again.
    response.catch(() => prefetched.delete(key));
    prefetched.set(key, { at: Date.now(), response });
    return response;
  };
  get('/portal');
  if (bearer) return;
  const session = get('/session');
  if (!list) return;
  const q = FIRST_TICKET_PAGE;
  session
    ?.then((r) => (r.ok ? r.clone().json() : null))
    .then((s: { user?: unknown } | null) => {
      if (s?.user) get(`/tickets?scope=${q.scope}&status=${q.status}&sort=${q.sort}&limit=${q.limit}`);
    })
    .catch(() => undefined);
}

/**
 * Forgets every early answer: they were asked for whoever was signed in then
 * (a 401 fetched just before a sign-in, or the previous person's list).
 */
export function dropPrefetched(): void {
  (globalThis as { [KEY]?: PrefetchStore })[KEY]?.clear();
}

/** The prefetched answer to this request, once, if it is a GET made early and still fresh; else null. */
export function takePrefetched(url: string, init: RequestInit | undefined): Promise<Response> | null {
  const prefetched = (globalThis as { [KEY]?: PrefetchStore })[KEY];
  if (!prefetched?.size || (init?.method ?? 'GET') !== 'GET') return null;
  const key = keyOf(url);
  const hit = prefetched.get(key);
  if (!hit) return null;
  prefetched.delete(key);
  return Date.now() - hit.at < PREFETCH_TTL_MS ? hit.response : null;
}
