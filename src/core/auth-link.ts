/**
 * The links the gateway mails (server/auth/sign-in.ts, server/auth/accounts.ts,
 * the CLI's enable-access invitation, server/tickets/held-tickets.ts):
 * `?portico_magic=<token>&email=<address>` signs in,
 * `?portico_reset=<token>[&email=<address>]` chooses a new password,
 * `?portico_verify=<token>` confirms a registration (and signs in),
 * `?portico_confirm=<token>` confirms an anonymous ticket.
 * The facade reads them as soon as the script runs and takes the token out of
 * the address bar at once (history, referrers and screenshots never keep it);
 * the app finishes the flow in <portico-sign-in>. Renders nothing, imports
 * only the protocol's parameter names: the facade bundles it.
 */

import {
  AUTH_LINK_ALL_PARAMS,
  AUTH_LINK_EMAIL_PARAM,
  AUTH_LINK_PARAMS as PARAMS,
  type AuthLinkKind,
} from '../protocol/links.js';

export type { AuthLinkKind };
export interface AuthLink {
  /** magic: sign in; reset: choose a password; verify: confirm a registration; confirm: an anonymous ticket. */
  kind: AuthLinkKind;
  token: string;
  email: string;
}

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
  const kind = (Object.keys(PARAMS) as AuthLinkKind[]).find((k) => url.searchParams.get(PARAMS[k]));
  if (!kind) return null;
  const token = url.searchParams.get(PARAMS[kind])!;
  const email = url.searchParams.get(AUTH_LINK_EMAIL_PARAM) ?? '';
  for (const name of AUTH_LINK_ALL_PARAMS) url.searchParams.delete(name);
  try {
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
  } catch {
    /* a sandboxed frame may refuse; the flow still works */
  }
  return { kind, token, email };
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
