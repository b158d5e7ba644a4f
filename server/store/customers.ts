import { randomUUID } from 'node:crypto';
import { emailDomain, normalizeEmail, type Role, type User } from '../../src/protocol/index.js';
import type { CustomerRef } from '../connectors/connector.js';
import type { Queryable } from '../db/database.js';
import { Conflict, Invalid, NotFound } from '../errors.js';
import { createOrganization, getOrganization, isPublicMailDomain, organizationForDomain } from './organizations.js';

export interface CustomerRecord {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  locale: string | null;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  passwordHash: string | null;
  portalAccess: boolean;
  /** The address was shown to be theirs: a mailed link used, the host site's SSO, or an agent vouching. */
  emailVerified: boolean;
}

export interface CustomerInput {
  email: string;
  name?: string;
  phone?: string | null;
  locale?: string | null;
  role?: Role;
  /** undefined: match by e-mail domain; null: no organisation. */
  organizationId?: string | null;
  passwordHash?: string | null;
  portalAccess?: boolean;
  /** true marks the address verified (the first time counts); false forgets it. */
  emailVerified?: boolean;
}

type Row = {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  locale: string | null;
  role: Role;
  organization_id: string | null;
  organization_name: string | null;
  password_hash: string | null;
  portal_access: boolean;
  email_verified: boolean;
};

export const CUSTOMER_SELECT = `SELECT c.id, c.email, c.name, c.phone, c.locale, c.role, c.organization_id,
  o.name AS organization_name, c.password_hash, c.portal_access,
  c.email_verified_at IS NOT NULL AS email_verified
  FROM customers c LEFT JOIN organizations o ON o.id = c.organization_id`;

export function customerFromRow(r: Row): CustomerRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    phone: r.phone,
    locale: r.locale,
    role: r.role,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    passwordHash: r.password_hash,
    portalAccess: r.portal_access,
    emailVerified: r.email_verified,
  };
}

const changeListeners = new Set<(customerId: string) => void>();

/** Called after any change to a customer record (sessions drop what they remembered of them). */
export function onCustomerChanged(listener: (customerId: string) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

export async function findCustomerByEmail(db: Queryable, email: string): Promise<CustomerRecord | null> {
  const rows = await db.query<Row>(`${CUSTOMER_SELECT} WHERE c.email = $1`, [normalizeEmail(email)]);
  return rows[0] ? customerFromRow(rows[0]) : null;
}

/** The customers of these addresses (an import's), by normalized address. */
export async function findCustomersByEmails(db: Queryable, emails: string[]): Promise<Map<string, CustomerRecord>> {
  const rows = await db.query<Row>(`${CUSTOMER_SELECT} WHERE c.email = ANY($1)`, [emails.map(normalizeEmail)]);
  return new Map(rows.map((r) => [r.email, customerFromRow(r)]));
}

export async function findCustomerById(db: Queryable, id: string): Promise<CustomerRecord | null> {
  const rows = await db.query<Row>(`${CUSTOMER_SELECT} WHERE c.id = $1`, [id]);
  return rows[0] ? customerFromRow(rows[0]) : null;
}

/**
 * A page of customers in address order, for the console: optionally one
 * organisation's, and those whose name or address holds every word of `q`.
 * `after` is the last address of the page before.
 */
export async function listCustomers(
  db: Queryable,
  filter: { organizationId?: string; q?: string; after?: string; limit?: number } = {},
): Promise<{ items: CustomerRecord[]; next: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.organizationId) where.push(`c.organization_id = ${p(filter.organizationId)}`);
  for (const word of (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const like = p(`%${word.replace(/[\\%_]/g, '\\$&')}%`);
    where.push(`(c.email ILIKE ${like} OR c.name ILIKE ${like})`);
  }
  if (filter.after) where.push(`c.email > ${p(filter.after)}`);
  const limit = filter.limit ?? 1000;
  const rows = await db.query<Row>(
    `${CUSTOMER_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.email LIMIT ${p(limit + 1)}`,
    params,
  );
  const items = rows.slice(0, limit).map(customerFromRow);
  return { items, next: rows.length > limit ? items.at(-1)!.email : null };
}

/**
 * The organisation a new customer belongs to (OneDesk): matched by e-mail
 * domain; created for an unknown company domain when automatic creation is on.
 */
export async function organizationForEmail(db: Queryable, email: string, autoCreate: boolean): Promise<string | null> {
  const domain = emailDomain(email);
  const found = await organizationForDomain(db, domain);
  if (found) return found.id;
  if (!autoCreate || isPublicMailDomain(domain)) return null;
  const name = domain.split('.').slice(0, -1).join('.') || domain;
  const org = await createOrganization(
    db,
    { name: name.charAt(0).toUpperCase() + name.slice(1), domains: [domain] },
    true,
  );
  return org.id;
}

export async function createCustomer(
  db: Queryable,
  input: CustomerInput,
  autoCreateOrganizations: boolean,
): Promise<CustomerRecord> {
  const email = normalizeEmail(input.email);
  if (await findCustomerByEmail(db, email)) throw new Conflict('A customer with this e-mail address exists.');
  let organizationId = input.organizationId;
  if (organizationId === undefined) organizationId = await organizationForEmail(db, email, autoCreateOrganizations);
  else if (organizationId !== null && !(await getOrganization(db, organizationId))) {
    throw Invalid.field('organizationId', 'not-found');
  }
  const id = randomUUID();
  await db.query(
    `INSERT INTO customers (id, email, name, phone, locale, role, organization_id, password_hash, portal_access,
       email_verified_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $10::boolean THEN now() END)`,
    [
      id,
      email,
      input.name?.trim() || email.slice(0, email.indexOf('@')),
      input.phone ?? null,
      input.locale ?? null,
      input.role ?? 'user',
      organizationId,
      input.passwordHash ?? null,
      input.portalAccess ?? false,
      input.emailVerified ?? false,
    ],
  );
  return (await findCustomerById(db, id))!;
}

export async function updateCustomer(
  db: Queryable,
  id: string,
  changes: Partial<Omit<CustomerInput, 'email'>>,
): Promise<CustomerRecord> {
  const current = await findCustomerById(db, id);
  if (!current) throw new NotFound('No such customer.');
  if (changes.organizationId && !(await getOrganization(db, changes.organizationId))) {
    throw Invalid.field('organizationId', 'not-found');
  }
  await db.query(
    `UPDATE customers SET name = $2, phone = $3, locale = $4, role = $5, organization_id = $6,
       password_hash = $7, portal_access = $8,
       email_verified_at = CASE WHEN $9::boolean THEN coalesce(email_verified_at, now()) END,
       updated_at = now() WHERE id = $1`,
    [
      id,
      changes.name ?? current.name,
      changes.phone === undefined ? current.phone : changes.phone,
      changes.locale === undefined ? current.locale : changes.locale,
      changes.role ?? current.role,
      changes.organizationId === undefined ? current.organizationId : changes.organizationId,
      changes.passwordHash === undefined ? current.passwordHash : changes.passwordHash,
      changes.portalAccess ?? current.portalAccess,
      changes.emailVerified ?? current.emailVerified,
    ],
  );
  for (const l of changeListeners) l(id);
  return (await findCustomerById(db, id))!;
}

export function toUser(c: CustomerRecord): User {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    phone: c.phone,
    role: c.role,
    organization: c.organizationId ? { id: c.organizationId, name: c.organizationName ?? '' } : null,
    locale: c.locale,
  };
}

export function toCustomerRef(c: CustomerRecord): CustomerRef {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    organizationId: c.organizationId,
    organizationName: c.organizationName,
  };
}
