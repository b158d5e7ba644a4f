import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Attachment, UploadLimits } from '../../src/core/protocol.js';
import type { StagedFile } from '../connectors/connector.js';
import type { Queryable } from '../db/database.js';
import { problem } from '../http/problem.js';
import { isWellFormedText } from '../http/text.js';

/** Control characters (C0, DEL, C1) and bidi overrides that disguise an extension. */
const BAD_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Checks a client's file name. The name is only ever shown and sent back in
 * Content-Disposition — never used as a path — but a name with path parts or
 * control characters is refused outright rather than silently changed.
 */
export function checkFileName(raw: string | undefined): string {
  const name = (raw ?? '').normalize('NFC').trim();
  const bad = (message: string) =>
    problem.badRequest(`File name ${message}.`, [{ field: 'file', message: `name ${message}` }]);
  if (!name) throw bad('is missing');
  if (name.length > 200) throw bad('is longer than 200 characters');
  if (!isWellFormedText(name)) throw bad('is not valid Unicode');
  if (BAD_NAME_CHARS.test(name)) throw bad('contains control characters');
  if (/[/\\]/.test(name) || name === '.' || name === '..' || name.startsWith('..')) throw bad('contains a path');
  return name;
}

export function extensionOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i).toLowerCase() : '';
}

/**
 * A file is accepted when its extension is allowed and its declared type is
 * allowed (or a generic octet-stream, then typed from the extension).
 */
export function checkFileType(name: string, declared: string, limits: UploadLimits): string {
  const allowed = limits.allowedTypes.map((t) => t.toLowerCase());
  const ext = extensionOf(name);
  const mime = declared.split(';')[0]!.trim().toLowerCase();
  const extOk = ext !== '' && allowed.includes(ext);
  const byExt = EXTENSION_TYPES[ext];
  const mimeOk = allowed.includes(mime) || (mime === 'application/octet-stream' && !!byExt && allowed.includes(byExt));
  if (!extOk || !mimeOk)
    throw problem.unsupportedType(`Files of type ${mime || 'unknown'} (${ext || 'no extension'}) are not accepted.`);
  return mime === 'application/octet-stream' ? byExt! : mime;
}

const EXTENSION_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.csv': 'text/csv',
  '.zip': 'application/zip',
};

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
  if (ids.length > maxFiles) throw problem.invalid([{ field, message: `at most ${maxFiles} files` }]);
  if (new Set(ids).size !== ids.length) throw problem.invalid([{ field, message: 'the same file twice' }]);
  const rows = await db.query<{ id: string; name: string; content_type: string; size: number; path: string }>(
    `SELECT id, name, content_type, size, path FROM uploads WHERE id = ANY($1) AND customer_id = $2 AND attached_at IS NULL`,
    [ids, customerId],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw problem.invalid([{ field, message: `unknown upload ${missing[0]}` }]);
  return ids.map((id) => {
    const r = byId.get(id)!;
    return { id, name: r.name, contentType: r.content_type, size: r.size, path: r.path };
  });
}

/** After the connector has the bytes, the staged copies go. */
export async function markAttached(db: Queryable, files: Array<{ id: string; path: string }>): Promise<void> {
  if (!files.length) return;
  await db.query('UPDATE uploads SET attached_at = now() WHERE id = ANY($1)', [files.map((f) => f.id)]);
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
