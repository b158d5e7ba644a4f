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
import { logAccess, type AccessMethod } from './access-log.js';
import { issueAuthToken, redeemAuthToken } from './auth-tokens.js';
import { verifyPassword } from './passwords.js';
import { cookieOptions } from './request-auth.js';
import { SESSION_COOKIE, toSession, type SessionMode } from './sessions.js';
import { SsoError } from './sso.js';

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
  if (mode === 'cookie') reply.setCookie(SESSION_COOKIE, token, cookieOptions(req));
  await throttle.clear(customer.email);
  await logAccess(db, req, { event: 'sign-in', method, email: customer.email, customerId: customer.id });
  return toSession(principal, token);
}

async function failSignIn(
  app: FastifyInstance,
  req: FastifyRequest,
  email: string,
  method: AccessMethod,
  detail: string,
): Promise<never> {
  const { throttle, db } = app;
  const locked = await throttle.fail(email);
  await logAccess(db, req, { event: locked ? 'locked-out' : 'sign-in-failed', method, email, detail });
  throw method === 'magic-link'
    ? new Unauthorized('This sign-in link is not valid any more.', 'link-invalid')
    : new Unauthorized('E-mail address or password is wrong.', 'invalid-credentials');
}

async function refuseWhenLocked(
  app: FastifyInstance,
  req: FastifyRequest,
  email: string,
  method: AccessMethod,
): Promise<void> {
  const wait = await app.throttle.lockedFor(email);
  if (wait > 0) {
    await logAccess(app.db, req, { event: 'sign-in-failed', method, email, detail: 'locked out' });
    throw new RateLimited('Too many failed sign-ins for this address. Try again later.', wait);
  }
}

export async function passwordSignIn(app: FastifyInstance, req: FastifyRequest, rawEmail: string, password: string) {
  const email = normalizeEmail(rawEmail);
  await refuseWhenLocked(app, req, email, 'password');
  const customer = await findCustomerByEmail(app.db, email);
  const ok = await verifyPassword(password, customer?.portalAccess ? customer.passwordHash : null);
  if (!customer || !ok) return failSignIn(app, req, email, 'password', customer ? 'wrong password' : 'unknown address');
  return customer;
}

/** Sends a magic link when the address has portal access; says nothing either way. */
export async function sendMagicLink(app: FastifyInstance, rawEmail: string): Promise<void> {
  const { db, mailer, publicUrl, settings } = app;
  const customer = await findCustomerByEmail(db, rawEmail);
  if (!customer?.portalAccess) return;
  const { portal } = await settings.get();
  const token = await issueAuthToken(db, 'magic', customer.id, MAGIC_LINK_MINUTES);
  const link = `${publicUrl}/?portico_magic=${token}&email=${encodeURIComponent(customer.email)}`;
  await mailer.send({
    to: customer.email,
    subject: `Sign in to ${portal.name}`,
    text: `Hello ${customer.name},\n\nUse this link to sign in (valid for ${MAGIC_LINK_MINUTES} minutes, once):\n\n${link}\n\nDid not ask for it? Then ignore this e-mail.\n`,
  });
}

export async function magicSignIn(app: FastifyInstance, req: FastifyRequest, rawEmail: string, token: string) {
  const email = normalizeEmail(rawEmail);
  await refuseWhenLocked(app, req, email, 'magic-link');
  const customerId = await redeemAuthToken(app.db, 'magic', token);
  const customer = customerId ? await findCustomerById(app.db, customerId) : null;
  if (!customer || customer.email !== email || !customer.portalAccess) {
    return failSignIn(app, req, email, 'magic-link', 'bad or used token');
  }
  return customer;
}

/** SSO: the host site vouches for the person; a customer record is made on first sign-in. */
export async function ssoSignIn(app: FastifyInstance, req: FastifyRequest, jwt: string): Promise<CustomerRecord> {
  const { sso, db, settings } = app;
  if (!sso.enabled) throw new Forbidden('Single sign-on is not configured.', 'method-disabled');
  let identity;
  try {
    identity = await sso.verify(jwt);
  } catch (err) {
    const detail = err instanceof SsoError ? err.message : 'token rejected';
    await logAccess(db, req, { event: 'sign-in-failed', method: 'sso', detail });
    throw new Unauthorized(`Single sign-on failed: ${detail}.`, 'sso-failed');
  }
  const { server } = await settings.get();
  let customer = await findCustomerByEmail(db, identity.email);
  if (!customer) {
    customer = await createCustomer(
      db,
      { email: identity.email, name: identity.name ?? undefined, phone: identity.phone, portalAccess: true },
      server.autoCreateOrganizations,
    );
  } else if (!customer.portalAccess || (identity.name && identity.name !== customer.name)) {
    customer = await updateCustomer(db, customer.id, { portalAccess: true, name: identity.name ?? customer.name });
  }
  return customer;
}
