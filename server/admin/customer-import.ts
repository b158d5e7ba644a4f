/**
 * Customers from a spreadsheet (OneDesk's import): a CSV file with a header
 * row, one customer a row, matched to the stored ones by e-mail address.
 * Every row is planned first — create, update (which columns), unchanged, or
 * an error naming the column — and then carried out in one transaction, with
 * the same create and update a site owner's form uses. A dry run carries it
 * out too and rolls it back, so what it shows (the organisation each customer
 * ends up in, organisations made on the way) is what the import would do. A
 * file with any error row is refused as a whole: nothing is imported. Empty
 * cells leave a stored customer's value as it is; the import gives portal
 * access but never takes it away (that ends sessions: the customer's page
 * does it), and sends invitations only when asked, after the commit.
 */
import {
  ALL_LOCALES,
  fieldIssue,
  isEmailAddress,
  matchLocale,
  normalizeEmail,
  type CustomerImportRow,
  type CustomerImportTotals,
  type FieldIssue,
  type ImportColumn,
  type Role,
} from '../../src/protocol/index.js';
import { BadInput, Invalid } from '../errors.js';
import type { GatewayServices } from '../gateway-context.js';
import { isPlainLine } from '../http/text.js';
import { findCustomersByEmails, type CustomerRecord } from '../store/customers.js';
import { createOrganization, listOrganizations, type OrganizationRecord } from '../store/organizations.js';
import type { AdminService } from './admin-service.js';
import { CsvSyntaxError, parseCsv, type CsvSeparator } from './csv-table.js';

/** At most this many customers a file: one transaction holds them all (and, on PGlite, the store meanwhile). */
export const IMPORT_MAX_ROWS = 1000;

/** Header names, compared without case, spaces, dashes, dots and underscores. */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  name: 'name',
  fullname: 'name',
  phone: 'phone',
  phonenumber: 'phone',
  telephone: 'phone',
  organisation: 'organization',
  organization: 'organization',
  organisationid: 'organization',
  organizationid: 'organization',
  org: 'organization',
  company: 'organization',
  language: 'language',
  locale: 'language',
  lang: 'language',
  role: 'role',
  portalrole: 'role',
  portalaccess: 'portalAccess',
  access: 'portalAccess',
  portal: 'portalAccess',
};

export function importColumnOf(header: string): ImportColumn | null {
  return HEADER_ALIASES[header.toLowerCase().replace(/[\s._-]+/g, '')] ?? null;
}

const ROLES: Record<string, Role> = { user: 'user', company: 'company', companyuser: 'company' };
const YES = new Set(['yes', 'y', 'true', '1', 'x', 'ja', 'oui', 'si', 'sì', 'כן']);
const NO = new Set(['no', 'n', 'false', '0', 'nee', 'nein', 'non', 'nei', 'לא']);

export interface ImportOptions {
  dryRun: boolean;
  /** Organisations named in the file that do not exist are made (else such a row is an error). */
  createOrganizations: boolean;
  /** Customers given portal access by the import get the invitation mail. */
  invite: boolean;
}

export type ImportRowResult = CustomerImportRow;

export interface ImportResult {
  dryRun: boolean;
  separator: CsvSeparator;
  columns: Array<{ header: string; column: ImportColumn | null }>;
  rows: ImportRowResult[];
  totals: CustomerImportTotals;
}

/** What a row asks for, checked; `undefined`: the cell is empty (or the column absent). */
interface RowWish {
  row: number;
  email: string;
  name?: string;
  phone?: string;
  organization?: string;
  locale?: string;
  role?: Role;
  portalAccess?: boolean;
  errors: FieldIssue[];
}

const fileIssue = (message: string, code: Parameters<typeof fieldIssue>[1], params?: Record<string, string | number>) =>
  new BadInput(message, [fieldIssue('csv', code, params)]);

function readColumns(header: string[]): Array<{ header: string; column: ImportColumn | null }> {
  const columns = header.map((h) => ({ header: h.trim(), column: importColumnOf(h.trim()) }));
  const seen = new Map<ImportColumn, string>();
  for (const c of columns) {
    if (!c.column) continue;
    const first = seen.get(c.column);
    if (first !== undefined)
      throw fileIssue(`The columns “${first}” and “${c.header}” both mean ${c.column}.`, 'duplicate', {
        column: c.column,
        header: c.header,
      });
    seen.set(c.column, c.header);
  }
  if (!seen.has('email'))
    throw fileIssue(
      'The file has no e-mail column: its first row must name the columns (email, name, …).',
      'required',
      {
        column: 'email',
      },
    );
  return columns;
}

/** One row's cells, each checked on its own (and its address against the rows above it). */
function readRow(
  row: number,
  cells: string[],
  columns: ReadonlyArray<{ column: ImportColumn | null }>,
  firstRowOf: Map<string, number>,
): RowWish {
  const cell = (col: ImportColumn) => {
    const i = columns.findIndex((c) => c.column === col);
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
  const errors: FieldIssue[] = [];
  const wish: RowWish = { row, email: '', errors };
  const text = (col: 'name' | 'phone', max: number) => {
    const v = cell(col);
    if (!v) return undefined;
    if (!isPlainLine(v)) errors.push(fieldIssue(col, 'control-characters'));
    else if (v.length > max) errors.push(fieldIssue(col, 'max-length', { max }));
    return v;
  };

  const email = cell('email');
  const shown = email.slice(0, 254);
  if (!email) errors.push(fieldIssue('email', 'required'));
  else if (!isEmailAddress(email)) errors.push(fieldIssue('email', 'email', { value: shown }));
  else {
    wish.email = normalizeEmail(email);
    const first = firstRowOf.get(wish.email);
    if (first !== undefined) errors.push(fieldIssue('email', 'duplicate', { row: first }));
    else firstRowOf.set(wish.email, row);
  }
  if (!wish.email) wish.email = shown;
  wish.name = text('name', 200);
  wish.phone = text('phone', 50);
  const org = cell('organization');
  if (org) {
    if (!isPlainLine(org)) errors.push(fieldIssue('organization', 'control-characters'));
    else if (org.length > 200) errors.push(fieldIssue('organization', 'max-length', { max: 200 }));
    else wish.organization = org;
  }
  const language = cell('language');
  if (language) {
    const locale = matchLocale(language);
    if (locale) wish.locale = locale;
    else
      errors.push(fieldIssue('language', 'one-of', { value: language.slice(0, 20), options: ALL_LOCALES.join(', ') }));
  }
  const role = cell('role');
  if (role) {
    wish.role = ROLES[role.toLowerCase().replace(/[\s_-]+/g, '')];
    if (!wish.role) errors.push(fieldIssue('role', 'one-of', { value: role.slice(0, 50), options: 'user, company' }));
  }
  const access = cell('portalAccess').toLowerCase();
  if (access) {
    if (YES.has(access)) wish.portalAccess = true;
    else if (NO.has(access)) wish.portalAccess = false;
    else errors.push(fieldIssue('portalAccess', 'one-of', { value: access.slice(0, 50), options: 'yes, no' }));
  }
  return wish;
}

/** An organisation cell: an id, else a name (any case); two of that name is a question only an id answers. */
function findOrganization<O extends Pick<OrganizationRecord, 'id' | 'name'>>(
  orgs: readonly O[],
  value: string,
): O | 'ambiguous' | null {
  const byId = orgs.find((o) => o.id === value);
  if (byId) return byId;
  const key = value.toLowerCase().replace(/\s+/g, ' ');
  const named = orgs.filter((o) => o.name.trim().toLowerCase().replace(/\s+/g, ' ') === key);
  return named.length > 1 ? 'ambiguous' : (named[0] ?? null);
}

/** Rolls back a dry run's transaction, carrying its result out. */
class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

export async function importCustomers(
  ctx: Pick<GatewayServices, 'db' | 'settings'>,
  admin: AdminService,
  csv: string,
  options: ImportOptions,
): Promise<ImportResult> {
  let table;
  try {
    table = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvSyntaxError)
      throw fileIssue(err.message, 'invalid', { reason: 'unclosed-quote', row: err.row });
    throw err;
  }
  if (!table.header.length) throw fileIssue('The file is empty.', 'file-empty');
  const columns = readColumns(table.header);
  if (!table.rows.length) throw fileIssue('The file has a header row and no customers under it.', 'file-empty');
  if (table.rows.length > IMPORT_MAX_ROWS)
    throw fileIssue(`At most ${IMPORT_MAX_ROWS} customers a file.`, 'max', { max: IMPORT_MAX_ROWS });

  const firstRowOf = new Map<string, number>();
  const wishes = table.rows.map((r) => readRow(r.row, r.cells, columns, firstRowOf));
  const { db } = ctx;

  const run = async () => {
    // Those stored, then those this run makes (named in the file, or by an address's domain), for the rows below.
    const orgs: Array<Pick<OrganizationRecord, 'id' | 'name'>> = await listOrganizations(db);
    const before = new Set(orgs.map((o) => o.id));
    const stored = await findCustomersByEmails(
      db,
      wishes.filter((w) => !w.errors.length).map((w) => w.email),
    );
    const results: ImportRowResult[] = [];
    /** Customers the import gives portal access, with their row: the ones an invitation goes to. */
    const granted: Array<{ customer: CustomerRecord; result: ImportRowResult }> = [];

    for (const w of wishes) {
      const existing = stored.get(w.email) ?? null;
      let organizationId: string | undefined;
      if (w.portalAccess === false && existing?.portalAccess)
        w.errors.push(fieldIssue('portalAccess', 'read-only', { value: 'no' }));
      if (w.organization !== undefined) {
        const found = findOrganization(orgs, w.organization);
        if (found === 'ambiguous') w.errors.push(fieldIssue('organization', 'duplicate', { value: w.organization }));
        else if (found) organizationId = found.id;
        else if (!options.createOrganizations)
          w.errors.push(fieldIssue('organization', 'not-found', { value: w.organization }));
        else if (!w.errors.length) {
          // Under the name as first written; the rows below that name it find it.
          const org = await createOrganization(db, { name: w.organization });
          orgs.push(org);
          organizationId = org.id;
        }
      }
      if (w.errors.length) {
        results.push({
          row: w.row,
          email: w.email,
          name: w.name ?? existing?.name ?? '',
          action: 'error',
          changes: [],
          organization: null,
          organizationCreated: false,
          portalAccess: existing?.portalAccess ?? false,
          invited: false,
          errors: w.errors,
        });
        continue;
      }

      let customer: CustomerRecord;
      let changes: ImportColumn[] = [];
      if (!existing) {
        customer = await admin.createUser({
          email: w.email,
          name: w.name,
          phone: w.phone ?? null,
          locale: w.locale ?? null,
          role: w.role,
          // No organisation named: matched by the address's domain, as the console's form does.
          ...(organizationId !== undefined ? { organizationId } : {}),
        });
      } else {
        const patch = {
          ...(w.name !== undefined && w.name !== existing.name ? { name: w.name } : {}),
          ...(w.phone !== undefined && w.phone !== existing.phone ? { phone: w.phone } : {}),
          ...(w.locale !== undefined && w.locale !== existing.locale ? { locale: w.locale } : {}),
          ...(w.role !== undefined && w.role !== existing.role ? { role: w.role } : {}),
          ...(organizationId !== undefined && organizationId !== existing.organizationId ? { organizationId } : {}),
        };
        const names: Record<string, ImportColumn> = { locale: 'language', organizationId: 'organization' };
        changes = Object.keys(patch).map((k) => names[k] ?? (k as ImportColumn));
        customer = changes.length ? await admin.updateCustomer(existing.id, patch) : existing;
      }
      const grant = w.portalAccess === true && !customer.portalAccess;
      if (grant) {
        customer = await admin.grantPortalAccess(customer);
        if (existing) changes.push('portalAccess');
      }
      const org = customer.organizationId
        ? { id: customer.organizationId, name: customer.organizationName ?? '' }
        : null;
      if (org && !orgs.some((o) => o.id === org.id)) orgs.push(org);
      const done: ImportRowResult = {
        row: w.row,
        email: customer.email,
        name: customer.name,
        action: !existing ? 'create' : changes.length ? 'update' : 'unchanged',
        changes,
        organization: org,
        organizationCreated: !!org && !before.has(org.id),
        portalAccess: customer.portalAccess,
        // A dry run says who would be invited.
        invited: grant && options.invite && options.dryRun,
        errors: [],
      };
      results.push(done);
      if (grant) granted.push({ customer, result: done });
    }

    const count = (a: ImportRowResult['action']) => results.filter((r) => r.action === a).length;
    const createdOrgs = new Map(
      results
        .filter((r) => r.organizationCreated && r.organization)
        .map((r) => [r.organization!.id, r.organization!.name]),
    );
    const result: ImportResult = {
      dryRun: options.dryRun,
      separator: table.separator,
      columns,
      rows: results,
      totals: {
        rows: results.length,
        create: count('create'),
        update: count('update'),
        unchanged: count('unchanged'),
        error: count('error'),
        invited: results.filter((r) => r.invited).length,
        organizationsCreated: [...createdOrgs.values()],
      },
    };
    if (options.dryRun) throw new DryRunDone(result);
    if (result.totals.error) {
      throw new Invalid(
        results.flatMap((r) => r.errors.map((e) => ({ ...e, field: `rows.${r.row}.${e.field}` }))),
        `${result.totals.error} of ${results.length} rows have errors: nothing was imported. A dry run shows them.`,
      );
    }
    return { result, granted };
  };

  let outcome: Awaited<ReturnType<typeof run>>;
  try {
    outcome = await db.transaction(run);
  } catch (err) {
    if (err instanceof DryRunDone) return err.result;
    throw err;
  }
  const { result, granted } = outcome;
  if (options.invite) {
    // After the commit: a mail is never sent for an import that did not happen.
    for (const { customer, result: row } of granted) {
      try {
        await admin.sendInvitation(customer);
        row.invited = true;
        result.totals.invited++;
      } catch (err) {
        // The customers are imported; the row says who got no invitation (the customer's page sends one).
        console.error(`portico: the invitation to ${customer.email} could not be sent:`, err);
      }
    }
  }
  return result;
}
