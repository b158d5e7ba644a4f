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
