/**
 * The links the gateway mails (server/auth/sign-in.ts, server/routes/account.ts,
 * the CLI's enable-access invitation): `?portico_magic=<token>&email=<address>`
 * signs in, `?portico_reset=<token>[&email=<address>]` chooses a new password.
 * The facade reads them as soon as the script runs and takes the token out of
 * the address bar at once (history, referrers and screenshots never keep it);
 * the app finishes the flow in <portico-sign-in>. Renders nothing, imports
 * nothing: the facade bundles it.
 */

export type AuthLink =
  { kind: 'magic'; token: string; email: string } | { kind: 'reset'; token: string; email: string };

const PARAMS = { magic: 'portico_magic', reset: 'portico_reset' } as const;

/**
 * Reads a mailed link from the page's address and removes its parameters
 * (token and e-mail) with `history.replaceState`. Null when there is none.
 */
export function takeAuthLinkFromUrl(win: Window = window): AuthLink | null {
  let url: URL;
  try {
    url = new URL(win.location.href);
  } catch {
    return null;
  }
  const magic = url.searchParams.get(PARAMS.magic);
  const reset = url.searchParams.get(PARAMS.reset);
  if (!magic && !reset) return null;
  const email = url.searchParams.get('email') ?? '';
  for (const name of [PARAMS.magic, PARAMS.reset, 'email']) url.searchParams.delete(name);
  try {
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
  } catch {
    /* a sandboxed frame may refuse; the flow still works */
  }
  return magic ? { kind: 'magic', token: magic, email } : { kind: 'reset', token: reset!, email };
}

// The link waits here until a <portico-sign-in> takes it (the launcher's or the portal's).
const KEY = Symbol.for('portico.pending-auth-link');
type Holder = { [KEY]?: AuthLink | null };

export function setPendingAuthLink(link: AuthLink | null): void {
  (globalThis as Holder)[KEY] = link;
}

export function hasPendingAuthLink(): boolean {
  return !!(globalThis as Holder)[KEY];
}

/** The link, once: the first sign-in form to ask finishes it. */
export function takePendingAuthLink(): AuthLink | null {
  const link = (globalThis as Holder)[KEY] ?? null;
  (globalThis as Holder)[KEY] = null;
  return link;
}
