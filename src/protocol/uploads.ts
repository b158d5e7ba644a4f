/**
 * The upload rules, written once: how many files, how large, which names and
 * which types. `allowedTypes` holds MIME types (`image/png`, `image/*`) and
 * extensions (`.pdf`). A file passes the type rule when its extension is
 * allowed (if any extensions are listed) *and* its type is allowed (if any
 * types are listed); a browser's empty or generic type is read from the
 * extension. The browser checks a file before uploading it, the gateway
 * checks it again on `POST /uploads`, with the same function.
 */
import type { FieldCode, IssueParams } from './problems.js';
import type { UploadLimits } from './wire.js';

export interface UploadCandidate {
  name: string;
  /** The declared MIME type; may be empty. */
  type: string;
  /** Unknown while a file is still streaming in: the size rules then wait. */
  size?: number;
}

export interface UploadProblem {
  code: Extract<FieldCode, 'file-too-large' | 'file-type' | 'too-many-files' | 'file-empty' | 'file-name'>;
  params?: IssueParams;
}

export const MAX_FILE_NAME_LENGTH = 200;

/** Types known by extension, for files whose browser sent no useful type. */
export const EXTENSION_TYPES: Readonly<Record<string, string>> = {
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

const GENERIC_TYPES = new Set(['', 'application/octet-stream']);
/** Control characters (C0, DEL, C1) and bidi overrides that disguise an extension. */
const BAD_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function extensionOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 ? name.slice(i).toLowerCase() : '';
}

/** The type a file is stored and served with: the declared one, or the extension's when that is generic. */
export function contentTypeOf(file: Pick<UploadCandidate, 'name' | 'type'>): string {
  const declared = (file.type || '').split(';')[0]!.trim().toLowerCase();
  if (!GENERIC_TYPES.has(declared)) return declared;
  return EXTENSION_TYPES[extensionOf(file.name)] ?? 'application/octet-stream';
}

/** Why a file name is refused (a path, control characters, too long), or null. */
export function fileNameProblem(raw: string): string | null {
  const name = raw.normalize('NFC').trim();
  if (!name) return 'is missing';
  if (name.length > MAX_FILE_NAME_LENGTH) return `is longer than ${MAX_FILE_NAME_LENGTH} characters`;
  if (BAD_NAME_CHARS.test(name)) return 'contains control characters';
  if (/[/\\]/.test(name) || name === '.' || name.startsWith('..')) return 'contains a path';
  return null;
}

export function isAllowedType(file: Pick<UploadCandidate, 'name' | 'type'>, allowed: readonly string[]): boolean {
  const rules = allowed.map((r) => r.trim().toLowerCase()).filter(Boolean);
  const extensions = rules.filter((r) => r.startsWith('.'));
  const types = rules.filter((r) => !r.startsWith('.'));
  const ext = extensionOf(file.name);
  const type = contentTypeOf(file);
  const extOk = extensions.length === 0 || (ext !== '' && extensions.includes(ext));
  const typeOk =
    types.length === 0 || types.some((r) => (r.endsWith('/*') ? type.startsWith(r.slice(0, -1)) : type === r));
  return extOk && typeOk;
}

/**
 * The first rule a file breaks, or null when it may be uploaded.
 * `alreadyAttached` counts the files the request holds besides this one.
 */
export function checkUpload(file: UploadCandidate, limits: UploadLimits, alreadyAttached = 0): UploadProblem | null {
  if (limits.maxFiles > 0 && alreadyAttached >= limits.maxFiles) {
    return { code: 'too-many-files', params: { max: limits.maxFiles } };
  }
  const nameProblem = fileNameProblem(file.name);
  if (nameProblem) return { code: 'file-name', params: { reason: nameProblem } };
  if (file.size === 0) return { code: 'file-empty' };
  if (file.size !== undefined && limits.maxBytes > 0 && file.size > limits.maxBytes) {
    return { code: 'file-too-large', params: { max: limits.maxBytes } };
  }
  if (!isAllowedType(file, limits.allowedTypes)) {
    return { code: 'file-type', params: { type: contentTypeOf(file), extension: extensionOf(file.name) } };
  }
  return null;
}
