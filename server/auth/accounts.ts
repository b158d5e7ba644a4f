import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  fieldIssue,
  matchLocale,
  normalizeEmail,
  type RegisterRequest,
  type Session,
} from '../../src/protocol/index.js';
import { Forbidden, Invalid } from '../errors.js';
import {
  createCustomer,
  findCustomerByEmail,
  findCustomerById,
  organizationForEmail,
  updateCustomer,
} from '../store/customers.js';
import { addRegistration, redeemRegistration } from '../store/registrations.js';
import { consentTextFor } from '../store/settings.js';
import { logAccess } from './access-log.js';
import { issueAuthToken, redeemAuthToken } from './auth-tokens.js';
import { hashPassword, passwordIssue, verifyPassword } from './passwords.js';
import type { Principal, SessionMode } from './sessions.js';
import { claimMailOrRefuse, countFailure, endEverythingElse, refuseWhileThrottled, startSession } from './sign-in.js';
import { mailedLink } from '../mail/links.js';
import { acceptLanguage } from '../mail/mailer.js';

export const RESET_MINUTES = 60;
const VERIFY_HOURS = 24;

export type RegisterInput = RegisterRequest;

/**
 * Self-registration. Nothing usable is made until the address is verified:
 * the registration waits, with its password, for the mailed link; the
 * answer is 202 `{sent: true}` for every address, and the lookup and the mail
 * happen after it. A known address with an account gets a "you have an
 * account" mail with a reset link instead.
 */
export async function register(app: FastifyInstance, reply: FastifyReply, input: RegisterInput): Promise<void> {
  const { db, mailer, publicUrl, settings } = app;
  const { portal } = await settings.get();
  if (!portal.registration.enabled)
    throw new Forbidden('Registration is turned off for this portal.', 'registration-closed');
  const errors = [];
  const pw = passwordIssue('password', input.password);
  if (pw) errors.push(pw);
  const consentText = consentTextFor(portal, matchLocale(input.locale) ?? acceptLanguage(reply));
  if (consentText && input.consent !== true) errors.push(fieldIssue('consent', 'consent-required'));
  if (errors.length) throw new Invalid(errors);
  const email = normalizeEmail(input.email);
  // The same work for every address before answering.
  const passwordHash = await hashPassword(input.password);
  await claimMailOrRefuse(app, email);
  mailer.afterResponse(reply, async () => {
    const known = await findCustomerByEmail(db, email);
    if (known?.portalAccess) {
      const token = await issueAuthToken(db, 'reset', known.id, RESET_MINUTES);
      await mailer.sendTemplate({
        to: known.email,
        kind: 'already-registered',
        locales: [known.locale, input.locale, acceptLanguage(reply)],
        vars: {
          name: known.name,
          signInUrl: `${publicUrl}/`,
          link: mailedLink(app, input.returnTo, 'reset', token, known.email),
        },
      });
      return;
    }
    const token = await addRegistration(
      db,
      { email, name: input.name.trim(), locale: input.locale ?? null, passwordHash },
      VERIFY_HOURS * 60,
    );
    await mailer.sendTemplate({
      to: email,
      kind: 'verify',
      locales: [input.locale, acceptLanguage(reply)],
      vars: {
        name: input.name.trim(),
        hours: VERIFY_HOURS,
        link: mailedLink(app, input.returnTo, 'verify', token),
      },
    });
  });
}

/**
 * The verification link: the address is proven, so the account is made (or
 * the existing contact gets access, with the tickets it already has), joins
 * its organisation by domain, and is signed in.
 */
export async function verifyRegistration(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  mode: SessionMode,
): Promise<Session> {
  const { db, settings } = app;
  const reg = await redeemRegistration(db, token);
  if (!reg) {
    await logAccess(db, req, { event: 'sign-in-failed', method: 'register', detail: 'bad or used verification token' });
    throw new Invalid([fieldIssue('token', 'invalid')], 'This link is not valid any more.', 'link-invalid');
  }
  const { server } = await settings.get();
  const known = await findCustomerByEmail(db, reg.email);
  let customer;
  if (!known) {
    customer = await createCustomer(
      db,
      {
        email: reg.email,
        name: reg.name,
        locale: reg.locale,
        role: 'user',
        passwordHash: reg.passwordHash,
        portalAccess: true,
        emailVerified: true,
      },
      server.autoCreateOrganizations,
    );
  } else {
    customer = await updateCustomer(db, known.id, {
      passwordHash: reg.passwordHash,
      portalAccess: true,
      emailVerified: true,
      locale: known.locale ?? reg.locale,
      organizationId:
        known.organizationId ?? (await organizationForEmail(db, reg.email, server.autoCreateOrganizations)),
    });
    // Whatever else was signed in or mailed for this address is void now.
    await endEverythingElse(app, customer);
  }
  await logAccess(db, req, {
    event: 'registered',
    method: 'register',
    email: customer.email,
    customerId: customer.id,
    detail: known ? 'verified; existing contact' : 'verified',
  });
  return startSession(app, req, reply, customer, mode, 'register');
}

/** Asks for a reset link: 202 for every address; the lookup and the mail come after the answer. */
export async function requestPasswordReset(
  app: FastifyInstance,
  reply: FastifyReply,
  rawEmail: string,
  returnTo?: string,
): Promise<void> {
  const { db, mailer } = app;
  const email = normalizeEmail(rawEmail);
  await claimMailOrRefuse(app, email);
  mailer.afterResponse(reply, async () => {
    const customer = await findCustomerByEmail(db, email);
    if (!customer?.portalAccess) return;
    const token = await issueAuthToken(db, 'reset', customer.id, RESET_MINUTES);
    await mailer.sendTemplate({
      to: customer.email,
      kind: 'reset',
      locales: [customer.locale, acceptLanguage(reply)],
      vars: {
        name: customer.name,
        link: mailedLink(app, returnTo, 'reset', token, customer.email),
      },
    });
  });
}

/** A reset (or invitation) link used: the new password, a verified address, and every other session and link ended. */
export async function confirmPasswordReset(
  app: FastifyInstance,
  req: FastifyRequest,
  token: string,
  password: string,
): Promise<void> {
  const { db, throttle } = app;
  const pw = passwordIssue('password', password);
  if (pw) throw new Invalid([pw]);
  const customerId = await redeemAuthToken(db, 'reset', token);
  const found = customerId ? await findCustomerById(db, customerId) : null;
  if (!found) {
    await logAccess(db, req, { event: 'sign-in-failed', method: 'reset', detail: 'bad or used reset token' });
    throw new Invalid([fieldIssue('token', 'invalid')], 'This link is not valid any more.', 'link-invalid');
  }
  const customer = await updateCustomer(db, found.id, {
    passwordHash: await hashPassword(password),
    portalAccess: true,
    emailVerified: true,
  });
  await endEverythingElse(app, customer);
  await throttle.clear(customer.email);
  await logAccess(db, req, {
    event: 'password-reset',
    method: 'reset',
    email: customer.email,
    customerId: customer.id,
  });
}

/** POST /me/password: throttled like sign-in; other sessions, their streams and all links end. */
export async function changePassword(
  app: FastifyInstance,
  req: FastifyRequest,
  p: Principal,
  current: string,
  next: string,
): Promise<void> {
  const { db, settings, throttle } = app;
  const { portal } = await settings.get();
  if (!portal.profile.canChangePassword)
    throw new Forbidden('This portal does not let you change your password.', 'password-locked');
  await refuseWhileThrottled(app, req, p.customer.email, 'session');
  if (!(await verifyPassword(current, p.customer.passwordHash))) {
    await countFailure(app, req, p.customer.email, 'session', 'wrong current password');
    throw Invalid.field('current', 'password-wrong');
  }
  const pw = passwordIssue('next', next);
  if (pw) throw new Invalid([pw]);
  const customer = await updateCustomer(db, p.customer.id, { passwordHash: await hashPassword(next) });
  // Other devices must sign in again with the new password; this one stays.
  await endEverythingElse(app, customer, p.sessionId);
  await throttle.clear(customer.email);
  await logAccess(db, req, {
    event: 'password-reset',
    method: 'session',
    email: customer.email,
    customerId: customer.id,
  });
}
