import { randomUUID } from 'node:crypto';
import type { Organization } from '../../src/protocol/index.js';
import type { Queryable } from '../db/database.js';
import { Conflict, Invalid, NotFound } from '../errors.js';

export interface OrganizationRecord extends Organization {
  /** OneDesk routing rule: agent or team that new tickets of this organisation go to. */
  routingAssignee: string | null;
  autoCreated: boolean;
}

export interface OrganizationInput {
  /**
   * Stable key, e.g. `org-acme`. It is what an upstream helpdesk stores on
   * tickets (RT's `Organization` custom field), so it never changes; without
   * one the gateway derives it from the name (`Acme Corp` → `org-acme-corp`).
   */
  id?: string;
  name: string;
  domains?: string[];
  routingAssignee?: string | null;
  address?: string | null;
  phone?: string | null;
  accountManager?: { name: string; email?: string | null } | null;
}

/** Free-mail domains never make or match an organisation. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
  'mail.com',
  'ziggo.nl',
  'kpnmail.nl',
  'libero.it',
  'online.no',
]);

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain);
}

function normalizeDomain(d: string): string {
  const domain = d.trim().toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)) {
    throw Invalid.field('domains', 'invalid', { value: d });
  }
  return domain;
}

type Row = {
  id: string;
  name: string;
  auto_created: boolean;
  address: string | null;
  phone: string | null;
  account_manager_name: string | null;
  account_manager_email: string | null;
  routing_assignee: string | null;
  domains: string[] | null;
};

const SELECT = `SELECT o.*, ARRAY(SELECT domain FROM organization_domains d WHERE d.organization_id = o.id ORDER BY domain) AS domains
  FROM organizations o`;

function fromRow(r: Row): OrganizationRecord {
  return {
    id: r.id,
    name: r.name,
    domains: r.domains ?? [],
    address: r.address,
    phone: r.phone,
    accountManager: r.account_manager_name ? { name: r.account_manager_name, email: r.account_manager_email } : null,
    routingAssignee: r.routing_assignee,
    autoCreated: r.auto_created,
  };
}

export async function getOrganization(db: Queryable, id: string): Promise<OrganizationRecord | null> {
  const rows = await db.query<Row>(`${SELECT} WHERE o.id = $1`, [id]);
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function listOrganizations(db: Queryable): Promise<OrganizationRecord[]> {
  return (await db.query<Row>(`${SELECT} ORDER BY o.name`)).map(fromRow);
}

export async function organizationForDomain(db: Queryable, domain: string): Promise<OrganizationRecord | null> {
  const rows = await db.query<Row>(
    `${SELECT} WHERE o.id = (SELECT organization_id FROM organization_domains WHERE domain = $1)`,
    [domain.toLowerCase()],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

async function setDomains(db: Queryable, id: string, domains: string[]): Promise<void> {
  const clean = [...new Set(domains.map(normalizeDomain))];
  const taken = await db.query<{ domain: string }>(
    'SELECT domain FROM organization_domains WHERE domain = ANY($1) AND organization_id <> $2',
    [clean, id],
  );
  if (taken.length) throw new Conflict(`Domain ${taken[0]!.domain} already belongs to another organisation.`);
  await db.query('DELETE FROM organization_domains WHERE organization_id = $1', [id]);
  for (const d of clean)
    await db.query('INSERT INTO organization_domains (domain, organization_id) VALUES ($1, $2)', [d, id]);
}

export async function createOrganization(
  db: Queryable,
  input: OrganizationInput,
  autoCreated = false,
): Promise<OrganizationRecord> {
  if (input.id !== undefined && !ORGANIZATION_ID.test(input.id)) {
    throw Invalid.field('id', 'invalid');
  }
  const values = [
    input.name,
    autoCreated,
    input.address ?? null,
    input.phone ?? null,
    input.accountManager?.name ?? null,
    input.accountManager?.email ?? null,
    input.routingAssignee ?? null,
  ];
  const base = input.id ?? organizationIdFor(input.name);
  let id: string | null = null;
  // A derived id takes the first free suffix (org-acme, org-acme-2, …); a chosen one must be free.
  for (let n = 1; !id && n <= 50; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const rows = await db.query<{ id: string }>(
      `INSERT INTO organizations (id, name, auto_created, address, phone, account_manager_name, account_manager_email, routing_assignee)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [candidate, ...values],
    );
    if (rows[0]) id = rows[0].id;
    else if (input.id !== undefined) throw new Conflict(`Organisation id ${input.id} is taken.`);
  }
  if (!id) throw new Conflict('No free organisation id for this name; choose one.');
  await setDomains(db, id, input.domains ?? []);
  return (await getOrganization(db, id))!;
}

const ORGANIZATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `Acme Corp` → `org-acme-corp`; a name without Latin letters or digits gets a random key. */
export function organizationIdFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `org-${slug || randomUUID().slice(0, 8)}`;
}

export async function updateOrganization(
  db: Queryable,
  id: string,
  input: Partial<OrganizationInput>,
): Promise<OrganizationRecord> {
  const current = await getOrganization(db, id);
  if (!current) throw new NotFound('No such organisation.');
  const manager = input.accountManager === undefined ? current.accountManager : input.accountManager;
  await db.query(
    `UPDATE organizations SET name = $2, address = $3, phone = $4, account_manager_name = $5,
       account_manager_email = $6, routing_assignee = $7 WHERE id = $1`,
    [
      id,
      input.name ?? current.name,
      input.address === undefined ? current.address : input.address,
      input.phone === undefined ? current.phone : input.phone,
      manager?.name ?? null,
      manager?.email ?? null,
      input.routingAssignee === undefined ? current.routingAssignee : input.routingAssignee,
    ],
  );
  if (input.domains) await setDomains(db, id, input.domains);
  return (await getOrganization(db, id))!;
}

/** Public shape for GET /me (no routing internals). */
export function toOrganization(o: OrganizationRecord, showAccountManager: boolean): Organization {
  return {
    id: o.id,
    name: o.name,
    domains: o.domains,
    address: o.address ?? null,
    phone: o.phone ?? null,
    accountManager: showAccountManager ? (o.accountManager ?? null) : null,
  };
}
