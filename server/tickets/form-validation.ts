import type { FieldValue, FormField, FormSchema, NewTicketRequest } from '../../src/core/protocol.js';
import type { FieldError } from '../http/problem.js';

export interface ValidatedTicketForm {
  fields: Record<string, FieldValue>;
  /** Upload ids from `file` fields, to attach with the request's own `attachments`. */
  fileIds: string[];
  errors: FieldError[];
}

/** Field ids that stand for the request's top-level subject and body. */
const SUBJECT_IDS = new Set(['subject']);
const BODY_IDS = new Set(['description', 'body']);

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const SINGLE_LINE_BAD = /[\u0000-\u001f\u007f-\u009f]/;

function isEmpty(v: FieldValue | undefined): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function conditionHolds(field: FormField, values: Record<string, FieldValue | undefined>): boolean {
  if (!field.condition) return true;
  const actual = values[field.condition.field];
  const expected = Array.isArray(field.condition.equals) ? field.condition.equals : [field.condition.equals];
  return expected.some((e) => e === actual);
}

function checkValue(f: FormField, v: FieldValue): string | null {
  switch (f.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'date': {
      if (typeof v !== 'string') return 'must be text';
      const max = f.maxLength ?? (f.type === 'textarea' ? 20000 : 500);
      if (v.length > max) return `must be at most ${max} characters`;
      if (f.type !== 'textarea' && SINGLE_LINE_BAD.test(v)) return 'contains control characters';
      if (f.type === 'email' && !EMAIL.test(v)) return 'must be an e-mail address';
      if (
        f.type === 'date' &&
        (!/^\d{4}-\d{2}-\d{2}$/.test(v) ||
          Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
          new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v)
      ) {
        return 'must be a date (YYYY-MM-DD)';
      }
      return null;
    }
    case 'select':
      if (typeof v !== 'string') return 'must be one of the options';
      return f.options?.some((o) => o.value === v) ? null : 'must be one of the options';
    case 'checkbox':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
      if (f.min !== undefined && v < f.min) return `must be at least ${f.min}`;
      if (f.max !== undefined && v > f.max) return `must be at most ${f.max}`;
      return null;
    case 'file':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length <= 100)
        ? null
        : 'must be a list of upload ids';
  }
}

/**
 * Server-side check of a new ticket against its form: unknown fields, types,
 * options, required-when-visible (conditions), and non-editable defaults.
 */
export function validateTicketForm(form: FormSchema, req: NewTicketRequest): ValidatedTicketForm {
  const submitted = req.fields ?? {};
  const errors: FieldError[] = [];
  const known = new Map(form.fields.map((f) => [f.id, f]));
  for (const key of Object.keys(submitted)) {
    if (!known.has(key)) errors.push({ field: `fields.${key}`, message: 'unknown field' });
  }

  // Values conditions are evaluated against: what was sent, else the default.
  const values: Record<string, FieldValue | undefined> = {};
  for (const f of form.fields) {
    if (SUBJECT_IDS.has(f.id)) values[f.id] = submitted[f.id] ?? req.subject;
    else if (BODY_IDS.has(f.id)) values[f.id] = submitted[f.id] ?? req.body?.content;
    else values[f.id] = f.editable === false ? f.default : (submitted[f.id] ?? f.default);
  }

  const fields: Record<string, FieldValue> = {};
  const fileIds: string[] = [];
  for (const f of form.fields) {
    const name = SUBJECT_IDS.has(f.id) ? 'subject' : BODY_IDS.has(f.id) ? 'body' : `fields.${f.id}`;
    const visible = f.visible !== false && conditionHolds(f, values);
    const value = values[f.id];
    if (f.editable === false && submitted[f.id] !== undefined && submitted[f.id] !== f.default) {
      errors.push({ field: name, message: 'cannot be changed' });
      continue;
    }
    if (!visible) continue; // hidden fields keep nothing a client sent
    if (isEmpty(value)) {
      if (f.required) errors.push({ field: name, message: 'is required' });
      continue;
    }
    const problem = checkValue(f, value!);
    if (problem) {
      errors.push({ field: name, message: problem });
      continue;
    }
    if (SUBJECT_IDS.has(f.id) || BODY_IDS.has(f.id)) continue;
    if (f.type === 'file') fileIds.push(...(value as string[]));
    else fields[f.id] = value!;
  }
  return { fields, fileIds, errors };
}
