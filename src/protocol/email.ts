/**
 * The one e-mail address rule. Deliberately pragmatic (RFC 5321 lengths, one
 * `@`, a dotted domain, none of the characters that break a mail header or a
 * helpdesk query), and the same in the browser, the gateway and connectors.
 */

export const EMAIL_MAX_LENGTH = 254;

const EMAIL = /^[^\s@<>,;"'()\\]{1,64}@[^\s@<>,;"'()\\]+\.[^\s@<>,;"'()\\.]{2,}$/;

export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value) && !value.includes('..');
}

/** How addresses are compared and stored: trimmed, lower case. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** The part after the `@`, lower case (organisations are matched by it). */
export function emailDomain(value: string): string {
  return normalizeEmail(value).split('@')[1] ?? '';
}
