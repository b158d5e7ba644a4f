import { msg, str } from '@lit/localize';
import type { FieldValue, UploadLimits } from './protocol.js';

/**
 * Small validator classes in the manner of Lion: `execute()` answers "has an
 * error?" for a value, `getMessage()` says why in the active locale. Whether
 * the error is *shown* is the form's business (only after blur or submit).
 */

export type ValidatorType = 'error' | 'warning';

export interface MessageData {
  /** The field's visible label, for messages like "Enter a Subject". */
  fieldLabel: string;
}

export abstract class Validator<P = unknown> {
  static validatorName = 'Validator';
  type: ValidatorType = 'error';

  constructor(readonly param?: P) {}

  get name(): string {
    return (this.constructor as typeof Validator).validatorName;
  }

  /** True when `value` fails this validator. */
  abstract execute(value: FieldValue | undefined, param?: P): boolean;

  abstract getMessage(data: MessageData): string;
}

export function isEmptyValue(value: FieldValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'number' && Number.isNaN(value))
  );
}

export class Required extends Validator<void> {
  static override validatorName = 'Required';

  /** A checkbox that is required must be ticked (e.g. "I agree"), hence the checkbox flag. */
  constructor(readonly checkbox = false) {
    super();
  }

  execute(value: FieldValue | undefined): boolean {
    return isEmptyValue(value);
  }

  getMessage({ fieldLabel }: MessageData): string {
    return this.checkbox
      ? msg(str`Tick “${fieldLabel}” to continue.`, { id: 'validation.requiredCheckbox' })
      : msg(str`${fieldLabel} is required.`, { id: 'validation.required' });
  }
}

// Pragmatic check: one @, a dot in the domain, no spaces. The server decides finally.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class IsEmail extends Validator<void> {
  static override validatorName = 'IsEmail';

  execute(value: FieldValue | undefined): boolean {
    return !isEmptyValue(value) && !(typeof value === 'string' && EMAIL.test(value.trim()));
  }

  getMessage(): string {
    return msg('Enter an e-mail address like name@example.com.', { id: 'validation.email' });
  }
}

export class IsNumber extends Validator<void> {
  static override validatorName = 'IsNumber';

  execute(value: FieldValue | undefined): boolean {
    if (isEmptyValue(value)) return false;
    return typeof value === 'string'
      ? value.trim() === '' || !Number.isFinite(Number(value))
      : typeof value !== 'number';
  }

  getMessage({ fieldLabel }: MessageData): string {
    return msg(str`${fieldLabel} must be a number.`, { id: 'validation.number' });
  }
}

export class MinNumber extends Validator<number> {
  static override validatorName = 'MinNumber';

  execute(value: FieldValue | undefined): boolean {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) && n < (this.param as number);
  }

  getMessage({ fieldLabel }: MessageData): string {
    return msg(str`${fieldLabel} must be at least ${this.param}.`, { id: 'validation.min' });
  }
}

export class MaxNumber extends Validator<number> {
  static override validatorName = 'MaxNumber';

  execute(value: FieldValue | undefined): boolean {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) && n > (this.param as number);
  }

  getMessage({ fieldLabel }: MessageData): string {
    return msg(str`${fieldLabel} must be at most ${this.param}.`, { id: 'validation.max' });
  }
}

export class MaxLength extends Validator<number> {
  static override validatorName = 'MaxLength';

  execute(value: FieldValue | undefined): boolean {
    return typeof value === 'string' && value.length > (this.param as number);
  }

  getMessage({ fieldLabel }: MessageData): string {
    return msg(str`${fieldLabel} can be at most ${this.param} characters.`, { id: 'validation.maxLength' });
  }
}

export class IsDate extends Validator<void> {
  static override validatorName = 'IsDate';

  execute(value: FieldValue | undefined): boolean {
    if (isEmptyValue(value)) return false;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return true;
    return Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());
  }

  getMessage({ fieldLabel }: MessageData): string {
    return msg(str`${fieldLabel} must be a valid date.`, { id: 'validation.date' });
  }
}

/** A select's value must be one of its options (guards against stale drafts and bad prefill). */
export class IsOneOf extends Validator<readonly string[]> {
  static override validatorName = 'IsOneOf';

  execute(value: FieldValue | undefined): boolean {
    return !isEmptyValue(value) && !(typeof value === 'string' && (this.param ?? []).includes(value));
  }

  getMessage({ fieldLabel }: MessageData): string {
    return msg(str`Choose one of the options for ${fieldLabel}.`, { id: 'validation.oneOf' });
  }
}

// ---------------------------------------------------------------- files

/** Checked before any upload starts, so a file that cannot pass never leaves the browser. */
export abstract class FileValidator {
  constructor(readonly limits: UploadLimits) {}
  abstract execute(file: File, alreadyAttached: number): boolean;
  abstract getMessage(file: File, formatBytes: (n: number) => string): string;
}

export class MaxFileSize extends FileValidator {
  execute(file: File): boolean {
    return this.limits.maxBytes > 0 && file.size > this.limits.maxBytes;
  }

  getMessage(file: File, formatBytes: (n: number) => string): string {
    const max = formatBytes(this.limits.maxBytes);
    const name = file.name;
    return msg(str`“${name}” is too large. Files can be at most ${max}.`, { id: 'validation.fileTooLarge' });
  }
}

/** `allowedTypes` holds MIME types (`image/png`, `image/*`) or suffixes (`.pdf`); empty allows all. */
export function isAllowedFileType(file: { name: string; type: string }, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const name = file.name.toLowerCase();
  const type = (file.type || '').toLowerCase();
  return allowed.some((rule) => {
    const r = rule.trim().toLowerCase();
    if (r.startsWith('.')) return name.endsWith(r);
    if (r.endsWith('/*')) return type.startsWith(r.slice(0, -1));
    return type === r;
  });
}

export class AllowedFileType extends FileValidator {
  execute(file: File): boolean {
    return !isAllowedFileType(file, this.limits.allowedTypes);
  }

  getMessage(file: File): string {
    const name = file.name;
    const types = this.limits.allowedTypes.join(', ');
    return msg(str`“${name}” is not an allowed file type. Allowed: ${types}.`, { id: 'validation.fileType' });
  }
}

export class MaxFiles extends FileValidator {
  execute(_file: File, alreadyAttached: number): boolean {
    return this.limits.maxFiles > 0 && alreadyAttached >= this.limits.maxFiles;
  }

  getMessage(file: File): string {
    const name = file.name;
    const max = this.limits.maxFiles;
    return msg(str`“${name}” was not added: at most ${max} files can be attached.`, { id: 'validation.maxFiles' });
  }
}

/** The first failing file rule's message, or null when the file may be uploaded. */
export function checkFile(
  file: File,
  limits: UploadLimits,
  alreadyAttached: number,
  formatBytes: (n: number) => string,
): string | null {
  for (const v of [new MaxFiles(limits), new MaxFileSize(limits), new AllowedFileType(limits)]) {
    if (v.execute(file, alreadyAttached)) return v.getMessage(file, formatBytes);
  }
  return null;
}
