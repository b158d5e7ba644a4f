import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  checkUpload,
  contentTypeOf,
  type Attachment,
  type UploadLimits,
  type UploadProblem,
} from '../../src/protocol/index.js';
import type { StagedFile } from '../connectors/connector.js';
import type { Queryable } from '../db/database.js';
import { BadInput, type DomainError, Invalid, TooLarge, UnsupportedType } from '../errors.js';
import { fieldIssue } from '../../src/protocol/index.js';
import { isWellFormedText } from '../http/text.js';

/**
 * A broken upload rule of the protocol as a domain error: too large, wrong
 * type, too many files, or a bad name or an empty file (bad input).
 */
export function uploadRuleProblem(p: UploadProblem): DomainError {
  const issues = [fieldIssue('file', p.code, p.params)];
  const detail = `file ${issues[0]!.message}.`;
  if (p.code === 'file-too-large') return new TooLarge(detail, issues);
  if (p.code === 'file-type') return new UnsupportedType(detail, issues);
  if (p.code === 'too-many-files') return new Invalid(issues, detail);
  return new BadInput(detail, issues);
}

/**
 * Checks a client's file before its bytes are read: the protocol's rules,
 * plus well-formed Unicode (which only a hand-made request can break). The
 * name is only ever shown and sent back in Content-Disposition, never used
 * as a path. Returns the name and the type the file is kept with.
 */
export function checkIncomingFile(
  rawName: string | undefined,
  declaredType: string,
  limits: UploadLimits,
): { name: string; contentType: string } {
  const name = (rawName ?? '').normalize('NFC').trim();
  if (!isWellFormedText(name))
    throw uploadRuleProblem({ code: 'file-name', params: { reason: 'is not valid Unicode' } });
  const file = { name, type: declaredType };
  const broken = checkUpload(file, limits);
  if (broken) throw uploadRuleProblem(broken);
  return { name, contentType: contentTypeOf(file) };
}

export function uploadPath(uploadsDir: string, id: string): string {
  // Ids are UUIDs we made; the client's file name never reaches the file system.
  return path.join(uploadsDir, id);
}

export async function recordUpload(
  db: Queryable,
  uploadsDir: string,
  customerId: string,
  file: { id: string; name: string; contentType: string; size: number },
): Promise<Attachment> {
  await db.query(
    'INSERT INTO uploads (id, customer_id, name, content_type, size, path) VALUES ($1, $2, $3, $4, $5, $6)',
    [file.id, customerId, file.name, file.contentType, file.size, uploadPath(uploadsDir, file.id)],
  );
  return { id: file.id, name: file.name, size: file.size, contentType: file.contentType };
}

export function newUploadId(): string {
  return randomUUID();
}

/**
 * The staged files behind attachment ids in a ticket or reply: each must be an
 * upload of this customer not yet attached elsewhere.
 */
export async function stagedUploads(
  db: Queryable,
  customerId: string,
  ids: string[],
  maxFiles: number,
  field = 'attachments',
): Promise<Array<StagedFile & { id: string }>> {
  if (!ids.length) return [];
  if (ids.length > maxFiles) throw new Invalid([fieldIssue(field, 'too-many-files', { max: maxFiles })]);
  if (new Set(ids).size !== ids.length) throw new Invalid([fieldIssue(field, 'duplicate')]);
  const rows = await db.query<{ id: string; name: string; content_type: string; size: number; path: string }>(
    `SELECT id, name, content_type, size, path FROM uploads WHERE id = ANY($1) AND customer_id = $2 AND attached_at IS NULL`,
    [ids, customerId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw new Invalid([fieldIssue(field, 'not-found', { id: missing[0]! })]);
  return ids.map((id) => {
    const r = byId.get(id)!;
    return { id, name: r.name, contentType: r.content_type, size: r.size, path: r.path };
  });
}

/** Staged files now belong to a message; the gateway keeps their bytes (chat). */
export async function keepAttached(db: Queryable, files: Array<{ id: string }>): Promise<void> {
  if (!files.length) return;
  await db.query('UPDATE uploads SET attached_at = now() WHERE id = ANY($1)', [files.map((f) => f.id)]);
}

/** After the connector has the bytes, the staged copies go. */
export async function markAttached(db: Queryable, files: Array<{ id: string; path: string }>): Promise<void> {
  await keepAttached(db, files);
  await Promise.all(files.map((f) => rm(f.path, { force: true })));
}

/** Uploads never attached within a day are dropped. */
export async function purgeStaleUploads(db: Queryable): Promise<void> {
  const rows = await db.query<{ id: string; path: string }>(
    `DELETE FROM uploads WHERE (attached_at IS NULL AND created_at < now() - interval '1 day')
       OR attached_at < now() - interval '30 days' RETURNING id, path`,
  );
  await Promise.all(rows.map((r) => rm(r.path, { force: true })));
}
