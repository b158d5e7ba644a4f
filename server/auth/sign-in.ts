import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeEmail, type Session } from '../../src/protocol/index.js';
import { Forbidden, RateLimited, Unauthorized } from '../errors.js';
import {
  createCustomer,
  findCustomerByEmail,
  findCustomerById,
  updateCustomer,
  type CustomerRecord,
} from '../store/customers.js';
import { dropRegistrations } from '../store/registrations.js';
import { logAccess, type AccessMethod } from './access-log.js';
import { issueAuthToken, redeemAuthToken, revokeAuthTokens } from './auth-tokens.js';
import { verifyPassword } from './passwords.js';
import { customerCookieOptions, REFRESH_COOKIE_PATH } from './request-auth.js';
import { REFRESH_COOKIE, SESSION_COOKIE, toSession, type SessionMode } from './sessions.js';
import { claimSsoToken } from './sso-replay.js';
import { SsoError } from './sso.js';
import { mailedLink } from '../mail/links.js';
import type { GatewayServices } from '../gateway-context.js';
import { acceptLanguage } from '../mail/mailer.js';

const MAGIC_LINK_MINUTES = 15;

/** Starts a session: sets the cookie (cookie mode) or returns the token (bearer mode). */
export async function startSession(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  customer: CustomerRecord,
  mode: SessionMode,
  method: AccessMethod,
): Promise<Session> {
  const { sessions, throttle, db } = app;
  const { token, principal } = await sessions.create(customer, mode, method);
  if (mode === 'cookie') reply.setCookie(SESSION_COOKIE, token, customerCookieOptions(req));
  else reply.setCookie(REFRESH_COOKIE, token, customerCookieOptions(req, REFRESH_COOKIE_PATH));
  await throttle.clear(customer.email);
  await logAccess(db, req, { event: 'sign-in', method, email: customer.email, customerId: customer.id });
  return toSession(principal, token);
}

/**
 * After a password change or reset: every other session ends (their live
 * streams close), and every link still in the mailbox — reset, magic link,
 * a pending registration — stops working.
 */
export async function endEverythingElse(
  app: Pick<GatewayServices, 'db' | 'sessions'>,
  customer: CustomerRecord,
  keepSessionId?: string,
): Promise<void> {
  const { db, sessions } = app;
  await sessions.revokeAll(customer.id, keepSessionId);
  await revokeAuthTokens(db, customer.id);
  await dropRegistrations(db, customer.email);
}

/** 429 with the true wait, for mailed links asked for too often for one address. */
export function mailThrottled(wait: number): RateLimited {
  return new RateLimited(
    'A link was sent to this address a moment ago. Check the mailbox, or ask again later.',
    wait,
    'mail-throttled',
  );
}

/** Refuses (429) when this address had its share of mailed links; counts this one otherwise. */
export async function claimMailOrRefuse(app: FastifyInstance, email: string): Promise<void> {
  const wait = await app.throttle.claimMail(email);
  if (wait > 0) throw mailThrottled(wait);
}

/** Refuses (429, with the true wait) while this account or this client must wait after failures. */
export async function refuseWhileThrottled(
  app: FastifyInstance,
  req: FastifyRequest,
  email: string,
  method: AccessMethod,
): Promise<void> {
  const wait = await app.throttle.waitFor(email, req.ip);
  if (wait > 0) {
    await logAccess(app.db, req, { event: 'sign-in-failed', method, email, detail: 'throttled' });
    throw new RateLimited('Too many failed attempts. Try again in a moment, or ask for a sign-in link.', wait);
  }
}

/** Counts a failed password for the account and the client, and logs it. */
export async function countFailure(
  app: FastifyInstance,
  req: FastifyRequest,
  email: string,
  method: AccessMethod,
  detail: string,
): Promise<void> {
  const wait = await app.throttle.fail(email, req.ip);
  await logAccess(app.db, req, {
    event: wait > 0 ? 'locked-out' : 'sign-in-failed',
    method,
    email,
    detail: wait > 0 ? `${detail}; next try in ${Math.ceil(wait)} s` : detail,
  });
}

export async function passwordSignIn(app: FastifyInstance, req: FastifyRequest, rawEmail: string, password: string) {
  const email = normalizeEmail(rawEmail);
  await refuseWhileThrottled(app, req, email, 'password');
  const customer = await findCustomerByEmail(app.db, email);
  // A password counts only on an account with access whose address was verified or vouched for.
  const usable = customer?.portalAccess && customer.emailVerified;
  const ok = await verifyPassword(password, usable ? customer.passwordHash : null);
  if (!customer || !ok) {
    await countFailure(app, req, email, 'password', customer ? 'wrong password' : 'unknown address');
    throw new Unauthorized('E-mail address or password is wrong.', 'invalid-credentials');
  }
  return customer;
}

/**
 * Asks for a magic link: the answer (202) goes out first, and only then is the
 * address looked up and the mail sent, so neither the answer nor its timing
 * says whether the address has an account.
 */
export async function requestMagicLink(
  app: FastifyInstance,
  reply: FastifyReply,
  rawEmail: string,
  returnTo?: string,
): Promise<void> {
  const email = normalizeEmail(rawEmail);
  await claimMailOrRefuse(app, email);
  app.mailer.afterResponse(reply, () => sendMagicLink(app, email, acceptLanguage(reply), returnTo));
}

/** Sends a magic link when the address has portal access; says nothing either way. */
export async function sendMagicLink(
  app: FastifyInstance,
  rawEmail: string,
  requestLocale?: string | null,
  returnTo?: string,
): Promise<void> {
  const { db, mailer } = app;
  const customer = await findCustomerByEmail(db, rawEmail);
  if (!customer?.portalAccess) return;
  const token = await issueAuthToken(db, 'magic', customer.id, MAGIC_LINK_MINUTES);
  await mailer.sendTemplate({
    to: customer.email,
    kind: 'magic',
    locales: [customer.locale, requestLocale],
    vars: {
      name: customer.name,
      minutes: MAGIC_LINK_MINUTES,
      link: mailedLink(app, returnTo, 'magic', token, customer.email),
    },
  });
}

/**
 * A magic link is the way out when passwords are throttled: it is never
 * refused for the account's failures, and a wrong token counts against
 * nobody's account (tokens cannot be guessed; the IP rate limit bounds tries).
 */
export async function magicSignIn(app: FastifyInstance, req: FastifyRequest, rawEmail: string, token: string) {
  const email = normalizeEmail(rawEmail);
  const { db } = app;
  const customerId = await redeemAuthToken(db, 'magic', token);
  const customer = customerId ? await findCustomerById(db, customerId) : null;
  if (!customer || customer.email !== email || !customer.portalAccess) {
    await logAccess(db, req, { event: 'sign-in-failed', method: 'magic-link', email, detail: 'bad or used token' });
    throw new Unauthorized('This sign-in link is not valid any more.', 'link-invalid');
  }
  // Using the link proved the mailbox.
  return customer.emailVerified ? customer : updateCustomer(db, customer.id, { emailVerified: true });
}

/** SSO: the host site vouches for the person; a customer record is made on first sign-in. */
export async function ssoSignIn(app: FastifyInstance, req: FastifyRequest, jwt: string): Promise<CustomerRecord> {
  const { sso, db, settings } = app;
  if (!sso.enabled) throw new Forbidden('Single sign-on is not configured.', 'method-disabled');
  let identity;
  try {
    identity = await sso.verify(jwt);
    if (!(await claimSsoToken(db, identity.replayKey, identity.rememberUntil)))
      throw new SsoError('token used already');
  } catch (err) {
    const detail = err instanceof SsoError ? err.message : 'token rejected';
    await logAccess(db, req, { event: 'sign-in-failed', method: 'sso', email: identity?.email, detail });
    throw new Unauthorized(`Single sign-on failed: ${detail}.`, 'sso-failed');
  }
  const { server } = await settings.get();
  // Nobody's pending registration for this address may later set a password on it.
  await dropRegistrations(db, identity.email);
  let customer = await findCustomerByEmail(db, identity.email);
  if (!customer) {
    return createCustomer(
      db,
      {
        email: identity.email,
        name: identity.name ?? undefined,
        phone: identity.phone,
        portalAccess: true,
        emailVerified: true,
      },
      server.autoCreateOrganizations,
    );
  }
  if (customer.passwordHash && !customer.emailVerified) {
    // A password chosen by someone who never proved the address is not the owner's: drop it,
    // and whatever was signed in or mailed with it.
    customer = await updateCustomer(db, customer.id, { passwordHash: null });
    await endEverythingElse(app, customer);
    await logAccess(db, req, {
      event: 'password-reset',
      method: 'sso',
      email: customer.email,
      customerId: customer.id,
      detail: 'dropped the password of an unverified account',
    });
  }
  if (!customer.portalAccess || !customer.emailVerified || (identity.name && identity.name !== customer.name)) {
    customer = await updateCustomer(db, customer.id, {
      portalAccess: true,
      emailVerified: true,
      name: identity.name ?? customer.name,
    });
  }
  return customer;
}
