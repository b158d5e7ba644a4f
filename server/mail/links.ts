import {
  AUTH_LINK_ALL_PARAMS,
  AUTH_LINK_EMAIL_PARAM,
  AUTH_LINK_PARAMS,
  type AuthLinkKind,
} from '../../src/protocol/index.js';

/**
 * The address a mailed link (reset, magic link, verification) opens: the page
 * the person asked from when it is the gateway's own or an allowed origin —
 * the script tag there finishes the flow —, otherwise the gateway's portal
 * page, with the link's token (and the address it is for).
 */
export function mailedLink(
  where: { publicUrl: string; allowedOrigins: readonly string[] },
  returnTo: string | null | undefined,
  kind: AuthLinkKind,
  token: string,
  email?: string,
): string {
  let url = new URL(`${where.publicUrl}/`);
  if (returnTo) {
    try {
      const asked = new URL(returnTo);
      const own = new URL(where.publicUrl).origin;
      if (
        (asked.protocol === 'https:' || asked.protocol === 'http:') &&
        (asked.origin === own || where.allowedOrigins.includes(asked.origin))
      )
        url = asked;
    } catch {
      // Not a URL: the portal page.
    }
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const key of AUTH_LINK_ALL_PARAMS) url.searchParams.delete(key);
  url.searchParams.set(AUTH_LINK_PARAMS[kind], token);
  if (email) url.searchParams.set(AUTH_LINK_EMAIL_PARAM, email);
  return url.toString();
}
