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
import type { Database, Queryable } from '../db/database.js';
import { BadInput, type DomainError, Invalid, RateLimited, TooLarge, UnsupportedType } from '../errors.js';
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

/** An upload made whole at once (demo data). */
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

/** How much one customer may upload per hour (GatewayOptions.uploadQuota). */
export interface UploadQuota {
  filesPerHour: number;
  bytesPerHour: number;
}

export const DEFAULT_UPLOAD_QUOTA: UploadQuota = { filesPerHour: 60, bytesPerHour: 100 * 1024 * 1024 };

/** Unattached uploads are dropped after this; housekeeping runs every 15 min, so they are gone within the hour. */
export const UNATTACHED_MINUTES = 45;

/**
 * Takes the room of one upload of at most `maxBytes` in the customer's
 * hourly quota before its bytes are read — uploads still arriving count at
 * their most — so parallel uploads cannot overrun it. 429 with Retry-After
 * (when the oldest upload of the hour leaves the window) when it is full.
 * The row stays unusable (`stored` false) until {@link completeUpload}.
 */
export async function reserveUpload(
  db: Database,
  uploadsDir: string,
  customerId: string,
  file: { id: string; name: string; contentType: string; maxBytes: number },
  quota: UploadQuota,
): Promise<void> {
  await db.transaction(async (tx) => {
    // One customer's reservations one after another, also across gateways on one server.
    if (db.kind === 'postgres')
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('uploads:' || $1))", [customerId]);
    const [used] = await tx.query<{ files: number; bytes: number; wait: number }>(
      `SELECT count(*)::int AS files, coalesce(sum(size), 0)::float8 AS bytes,
         coalesce(extract(epoch FROM min(created_at) + interval '1 hour' - now()), 60)::float8 AS wait
       FROM uploads WHERE customer_id = $1 AND created_at > now() - interval '1 hour'`,
      [customerId],
    );
    if (used!.files + 1 > quota.filesPerHour || used!.bytes + file.maxBytes > quota.bytesPerHour) {
      throw new RateLimited('You have uploaded as much as this portal takes in an hour.', Math.max(1, used!.wait));
    }
    await tx.query(
      `INSERT INTO uploads (id, customer_id, name, content_type, size, path, stored)
       VALUES ($1, $2, $3, $4, $5, $6, false)`,
      [file.id, customerId, file.name, file.contentType, file.maxBytes, uploadPath(uploadsDir, file.id)],
    );
  });
}

/** All the bytes are on disk: the upload counts with its real size and may be attached. */
export async function completeUpload(db: Queryable, id: string, size: number): Promise<Attachment> {
  const rows = await db.query<{ id: string; name: string; content_type: string; size: number }>(
    'UPDATE uploads SET stored = true, size = $2 WHERE id = $1 RETURNING id, name, content_type, size',
    [id, size],
  );
  const r = rows[0];
  if (!r) throw new Error(`upload ${id} vanished while it was received`);
  return { id: r.id, name: r.name, size: r.size, contentType: r.content_type };
}

/** An upload that failed on the way: its room in the quota is given back. */
export async function dropReservation(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM uploads WHERE id = $1 AND NOT stored', [id]);
}

export function newUploadId(): string {
  return randomUUID();
}

/**
 * Claims the staged files behind attachment ids in a ticket, reply or chat
 * message: each must be a stored upload of this customer not attached
 * elsewhere, and is marked attached by the same statement. Call it inside
 * the transaction that makes the write, so a write that fails (or a gateway
 * that dies before the commit) leaves the uploads free, and two writes never
 * claim one upload.
 */
export async function claimUploads(
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
    `UPDATE uploads SET attached_at = now()
     WHERE id = ANY($1) AND customer_id = $2 AND attached_at IS NULL AND stored
     RETURNING id, name, content_type, size, path`,
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

/** The staged copies of files the connector now holds, removed once the write has committed. */
export async function dropStagedCopies(db: Database, files: Array<{ path: string }>): Promise<void> {
  if (!files.length) return;
  await db.afterCommit(async () => {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
  });
}

/** Uploads not attached within {@link UNATTACHED_MINUTES} (or never fully received) are dropped with their bytes. */
export async function purgeStaleUploads(db: Queryable): Promise<void> {
  const rows = await db.query<{ id: string; path: string }>(
    `DELETE FROM uploads WHERE (attached_at IS NULL AND created_at < now() - make_interval(mins => $1))
       OR attached_at < now() - interval '30 days' RETURNING id, path`,
    [UNATTACHED_MINUTES],
  );
  await Promise.all(rows.map((r) => rm(r.path, { force: true })));
}
