import { createHash } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { isEmailAddress, normalizeEmail } from '../../src/protocol/index.js';
import type { SsoOptions } from '../config.js';
import { isPlainLine } from '../http/text.js';

export interface SsoIdentity {
  email: string;
  name: string | null;
  phone: string | null;
  /**
   * What makes this token single-use: its `jti`, else its `iat` for this
   * person (one sign-in per issued-at second), else the token itself.
   */
  replayKey: string;
  /** Until when (`exp`, epoch seconds, plus the clock tolerance) the key must be remembered. */
  rememberUntil: number;
}

export class SsoError extends Error {}

/**
 * Verifies a JWT signed by the host site, the way Zendesk and Intercom do it:
 * HS256 with a shared secret or RS256 against the site's JWKS; `exp` is
 * required, clock skew is bounded and long-lived tokens are refused.
 */
export class SsoVerifier {
  readonly #hsKey: Uint8Array | null;
  readonly #jwks: ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet> | null;
  readonly #tolerance: number;
  readonly #maxLifetime: number;

  constructor(private readonly opts: SsoOptions) {
    this.#hsKey = opts.hs256Secret ? new TextEncoder().encode(opts.hs256Secret) : null;
    this.#jwks = opts.jwks
      ? createLocalJWKSet(opts.jwks)
      : opts.jwksUrl
        ? createRemoteJWKSet(new URL(opts.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 })
        : null;
    this.#tolerance = Math.min(Math.max(opts.clockToleranceSeconds ?? 30, 0), 300);
    this.#maxLifetime = opts.maxLifetimeSeconds ?? 3600;
  }

  get enabled(): boolean {
    return !!(this.#hsKey || this.#jwks);
  }

  async verify(jwt: string): Promise<SsoIdentity> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(jwt).alg;
    } catch {
      throw new SsoError('not a JWT');
    }
    const common = {
      issuer: this.opts.issuer,
      audience: this.opts.audience,
      clockTolerance: this.#tolerance,
      requiredClaims: ['exp'],
    };
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && this.#hsKey) {
        payload = (await jwtVerify(jwt, this.#hsKey, { ...common, algorithms: ['HS256'] })).payload;
      } else if (alg === 'RS256' && this.#jwks) {
        payload = (await jwtVerify(jwt, this.#jwks, { ...common, algorithms: ['RS256'] })).payload;
      } else {
        throw new SsoError(`algorithm ${alg ?? 'none'} is not accepted`);
      }
    } catch (err) {
      if (err instanceof SsoError) throw err;
      if (err instanceof errors.JWTExpired) throw new SsoError('token expired');
      if (err instanceof errors.JOSEError) throw new SsoError(`token rejected (${err.code})`);
      throw new SsoError('token rejected');
    }
    const now = Math.floor(Date.now() / 1000);
    const start = typeof payload.iat === 'number' ? payload.iat : now;
    if (payload.exp! - start > this.#maxLifetime) throw new SsoError('token lives too long');
    if (typeof payload.iat === 'number' && payload.iat > now + this.#tolerance)
      throw new SsoError('token issued in the future');
    // The host site's claims are stored and shown: text with control characters (a NUL) is refused whole.
    for (const claim of ['email', 'name', 'phone', 'iss', 'jti'] as const) {
      const v = payload[claim];
      if (typeof v === 'string' && !isPlainLine(v)) throw new SsoError(`token has a malformed ${claim} claim`);
    }
    const email = typeof payload.email === 'string' ? normalizeEmail(payload.email) : '';
    if (!isEmailAddress(email)) throw new SsoError('token has no valid email claim');
    const name = typeof payload.name === 'string' && payload.name.trim() ? payload.name.trim().slice(0, 200) : null;
    const phone = typeof payload.phone === 'string' ? payload.phone.slice(0, 50) : null;
    const iss = typeof payload.iss === 'string' ? payload.iss : '';
    const replayKey =
      typeof payload.jti === 'string' && payload.jti
        ? `jti:${iss}:${payload.jti.slice(0, 200)}`
        : typeof payload.iat === 'number'
          ? `iat:${iss}:${email}:${payload.iat}`
          : `jwt:${createHash('sha256').update(jwt).digest('hex')}`;
    return { email, name, phone, replayKey, rememberUntil: payload.exp! + this.#tolerance };
  }
}
