/**
 * The query parameters of the links the gateway mails: it writes them
 * (server/mail/links.ts), the script tag reads them (src/core/auth-link.ts).
 */
export type AuthLinkKind = 'magic' | 'reset' | 'verify' | 'confirm';

export const AUTH_LINK_PARAMS: Readonly<Record<AuthLinkKind, string>> = {
  magic: 'portico_magic',
  reset: 'portico_reset',
  verify: 'portico_verify',
  confirm: 'portico_confirm',
};

/** The address the link is for, next to a magic or reset token. */
export const AUTH_LINK_EMAIL_PARAM = 'email';

/** Every parameter a mailed link adds to a page's address. */
export const AUTH_LINK_ALL_PARAMS: readonly string[] = [...Object.values(AUTH_LINK_PARAMS), AUTH_LINK_EMAIL_PARAM];
