import type { FastifyRequest } from 'fastify';
import { hashPassword, passwordIssue, randomPassword, verifyPassword } from '../auth/passwords.js';
import type { GatewayServices } from '../gateway-context.js';
import { Invalid, RateLimited, Unauthorized } from '../errors.js';
import {
  countAdminAccounts,
  createAdminAccount,
  createAdminSession,
  findAdminByEmail,
  recordAudit,
  type AdminAccount,
  type AdminRole,
} from '../store/admin-accounts.js';

/** Who makes an admin request: a console session's account, or the bearer token (automation, a site owner). */
export interface AdminCaller {
  actor: string;
  role: AdminRole;
  /** The console session's account, its id, CSRF token and end; null for the token. */
  account: AdminAccount | null;
  sessionId: string | null;
  csrfToken: string | null;
  expiresAt: Date | null;
}

export const ADMIN_COOKIE = 'portico_admin';
/** The site owner made on first start, when there is no admin account yet. */
export const FIRST_ADMIN_EMAIL = 'owner@portico.local';

type Ctx = Pick<GatewayServices, 'db' | 'throttle' | 'settings'>;

/**
 * An admin account, with a password the caller gave (checked against the
 * protocol's password rule) or one chosen here and returned once.
 */
export async function createAdmin(
  ctx: Pick<GatewayServices, 'db'>,
  input: { email: string; name?: string; role: AdminRole; password?: string },
): Promise<AdminAccount & { password?: string }> {
  const chosen = input.password === undefined;
  const password = input.password ?? randomPassword();
  const issue = passwordIssue('password', password);
  if (issue) throw new Invalid([issue]);
  const account = await createAdminAccount(ctx.db, {
    email: input.email,
    name: input.name ?? input.email.split('@')[0]!,
    role: input.role,
    passwordHash: await hashPassword(password),
  });
  return chosen ? { ...account, password } : account;
}

/** On first start: a site owner with a chosen password, to print once. Null when any admin account exists. */
export async function ensureFirstAdmin(
  ctx: Pick<GatewayServices, 'db'>,
): Promise<(AdminAccount & { password: string }) | null> {
  if ((await countAdminAccounts(ctx.db)) > 0) return null;
  const made = await createAdmin(ctx, { email: FIRST_ADMIN_EMAIL, name: 'Site owner', role: 'owner' });
  return made.password ? { ...made, password: made.password } : null;
}

/**
 * Console sign-in: the same slow-down on guessing as customers' (per account
 * and per client), and every try in the audit log.
 */
export async function signInAdmin(
  ctx: Ctx,
  req: FastifyRequest,
  email: string,
  password: string,
): Promise<{ account: AdminAccount; token: string; csrfToken: string; expiresAt: Date }> {
  const { db, throttle, settings } = ctx;
  const key = `admin:${email.toLowerCase()}`;
  const wait = await throttle.waitFor(key, req.ip);
  if (wait > 0) throw new RateLimited('Too many failed sign-ins; wait a little.', wait);
  const found = await findAdminByEmail(db, email);
  const ok = await verifyPassword(password, found?.passwordHash ?? null);
  const audit = (action: string, status: number, role: AdminRole = found?.role ?? 'agent') =>
    recordAudit(db, { actor: email.toLowerCase(), role, action, target: null, status, ip: req.ip });
  if (!found || !ok) {
    await throttle.fail(key, req.ip);
    await audit('sign-in failed', 401);
    throw new Unauthorized('The e-mail address or the password is not right.', 'invalid-credentials');
  }
  await throttle.clear(key);
  const { server } = await settings.get();
  const session = await createAdminSession(db, found.id, server.sessionMaxHours);
  await audit('sign-in', 200, found.role);
  const { passwordHash: _hash, ...account } = found;
  return { account, ...session };
}
