import type { FastifyRequest } from 'fastify';
import type { Principal } from './sessions.js';

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function cookieOptions(req: FastifyRequest) {
  return {
    path: '/portico/v1',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure everywhere except plain http on loopback (the demo), where browsers would drop it.
    secure: !(req.protocol === 'http' && isLoopback(req.hostname.replace(/:\d+$/, ''))),
  };
}

/** Where the bearer-mode refresh cookie is sent: POST /session/refresh only. */
export const REFRESH_COOKIE_PATH = '/portico/v1/session/refresh';

let warnedUntrustedProxy = false;

/**
 * The options of the customer's cookies (the cookie-mode session, the
 * bearer-mode refresh cookie). Over HTTPS — as the gateway sees it, so
 * behind a TLS proxy with `trustProxy` too — they work when the host page is
 * another site: `SameSite=None; Secure; Partitioned` (CHIPS: kept per
 * top-level site, still sent where third-party cookies are blocked). On
 * plain http (loopback, the demo) they stay `SameSite=Lax`: page and gateway
 * on the same host name, whatever the ports.
 */
export function customerCookieOptions(req: FastifyRequest, path = '/portico/v1') {
  if (!warnedUntrustedProxy && req.protocol === 'http' && req.headers['x-forwarded-proto'] === 'https') {
    // Behind a TLS proxy the gateway does not trust: the browser is on HTTPS, the cookies are first-party ones.
    warnedUntrustedProxy = true;
    console.warn(
      '[portico] X-Forwarded-Proto: https from a proxy that is not trusted: session cookies stay SameSite=Lax, ' +
        'so pages of other sites cannot keep a session. Set PORTICO_TRUST_PROXY=1 (trustProxy) behind your TLS proxy.',
    );
  }
  if (req.protocol === 'https')
    return { path, httpOnly: true, secure: true, sameSite: 'none' as const, partitioned: true };
  return { ...cookieOptions(req), path };
}

/** The console's cookie: the admin API only, never sent with a customer's requests nor cross-site. */
export function adminCookieOptions(req: FastifyRequest) {
  return { ...cookieOptions(req), path: '/admin', sameSite: 'strict' as const };
}

/**
 * The customer of a request on a customer route. The portico-auth hook has
 * refused anonymous callers already, so a missing principal here is a route
 * that declared itself public and still asked for one: a bug, not a 401.
 */
export function signedIn(req: FastifyRequest): Principal {
  if (!req.principal)
    throw new Error(`${req.method} ${req.routeOptions.url} reads the customer but is not auth: 'customer'`);
  return req.principal;
}
