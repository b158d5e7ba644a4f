import type { FieldIssue } from './problems.js';

/**
 * The admin customer import's row verdicts, as the gateway answers them
 * (server/admin/customer-import.ts) and the console shows them
 * (src/console/console-customer-import.ts).
 */
export const IMPORT_COLUMNS = ['email', 'name', 'phone', 'organization', 'language', 'role', 'portalAccess'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** What the import does (or, dry, would do) with one row of the file. */
export interface CustomerImportRow {
  row: number;
  email: string;
  name: string;
  action: 'create' | 'update' | 'unchanged' | 'error';
  /** The columns an update changes. */
  changes: ImportColumn[];
  /** The organisation the customer is in afterwards (for a new one, also one matched by domain). */
  organization: { id: string; name: string } | null;
  /** That organisation is made by this import. */
  organizationCreated: boolean;
  portalAccess: boolean;
  invited: boolean;
  /** `field` is the column. */
  errors: FieldIssue[];
}

/** The counts of an import (or, dry, of what it would do). */
export interface CustomerImportTotals {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  error: number;
  invited: number;
  /** Names of the organisations the import makes. */
  organizationsCreated: string[];
}
