/**
 * The rules of a ticket form, written once: which fields are active for given
 * values (conditions, chained), what a valid value is for each field type,
 * and the verdict on a whole `POST /tickets` request. The gateway enforces
 * `validateTicketRequest`; the browser runs the same function on the request
 * it is about to send, so the user sees the server's verdict before sending.
 */
import { isEmailAddress } from './email.js';
import { fieldIssue, type FieldCode, type FieldIssue, type IssueParams } from './problems.js';
import type {
  FieldCondition,
  FieldMode,
  FieldValue,
  FormField,
  FormSchema,
  LocalizedText,
  NewTicketRequest,
  RequesterSettings,
} from './wire.js';

export type FormValues = Record<string, FieldValue>;

/** The field whose value becomes the ticket subject. */
export const SUBJECT_FIELD = 'subject';
/** Field ids whose value becomes the ticket body; the first one a form has wins. */
export const BODY_FIELDS = ['description', 'body', 'message'] as const;

/** The form chat's "leave a message" becomes a ticket of, unless the portal names another. */
export const CHAT_MESSAGE_FORM_ID = 'chat-message';

/** Longest value per field type when the form sets no `maxLength`. */
export const DEFAULT_MAX_LENGTH: Record<'text' | 'textarea' | 'email' | 'date', number> = {
  text: 500,
  textarea: 20_000,
  email: 254,
  date: 10,
};

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Text in the active locale, else its base language, else English, else any. */
export function localized(text: LocalizedText | undefined, locale: string): string {
  if (!text) return '';
  const base = locale.split('-')[0]!;
  return text[locale] ?? text[base] ?? text.en ?? Object.values(text)[0] ?? '';
}

/**
 * A setting's text, given per locale or as one string for every language: the
 * one for `locale` when there is one, else as `localized` finds it for the
 * portal's `defaultLocale` (then English). Empty when there is none.
 */
export function textInLocale(
  text: LocalizedText | string | null | undefined,
  locale: string | null,
  defaultLocale: string,
): string {
  if (!text || typeof text === 'string') return text ?? '';
  return (locale ? text[locale] : undefined) || localized(text, defaultLocale);
}

/** Whether a form is offered to a customer of this organisation (null: no organisation, or signed out). */
export function formAvailableTo(form: Pick<FormSchema, 'organizations'>, organizationId: string | null): boolean {
  const only = form.organizations ?? [];
  return only.length === 0 || (organizationId !== null && only.includes(organizationId));
}

/** The id of the field that becomes the ticket body, if the form has one. */
export function bodyFieldId(schema: FormSchema): string | null {
  return BODY_FIELDS.find((id) => schema.fields.some((f) => f.id === id)) ?? null;
}

/** Where a field's value travels in the request: `subject`, `body` or `fields.<id>`. */
export function requestPath(schema: FormSchema, fieldId: string): string {
  if (fieldId === SUBJECT_FIELD) return 'subject';
  if (fieldId === bodyFieldId(schema)) return 'body';
  return `fields.${fieldId}`;
}

/** The field a request path names (the inverse of requestPath), or null. */
export function fieldIdOf(schema: FormSchema, path: string): string | null {
  const id =
    path === 'subject' || path.startsWith('subject.')
      ? SUBJECT_FIELD
      : path === 'body' || path.startsWith('body.')
        ? bodyFieldId(schema)
        : path.startsWith('fields.')
          ? path.slice('fields.'.length)
          : null;
  return id && schema.fields.some((f) => f.id === id) ? id : null;
}

// ---------------------------------------------------------------- conditions

function sameValue(a: FieldValue | undefined, b: FieldValue): boolean {
  if (Array.isArray(a)) return a.some((x) => sameValue(x, b));
  if (a === undefined || a === null || b === null) return a == null && b == null;
  return String(a) === String(b);
}

export function conditionHolds(condition: FieldCondition, value: FieldValue | undefined): boolean {
  const wanted = Array.isArray(condition.equals) ? condition.equals : [condition.equals];
  return wanted.some((w) => sameValue(value, w));
}

/**
 * A field is active when its condition holds and the field it depends on is
 * active too. Only active fields are validated and kept; an inactive field's
 * value is dropped, whatever was sent for it.
 */
export function isActive(schema: FormSchema, id: string, values: FormValues, seen = new Set<string>()): boolean {
  const field = schema.fields.find((f) => f.id === id);
  if (!field) return false;
  if (!field.condition) return true;
  // A cycle in a (bad) schema must not hang the form: treat it as inactive.
  if (seen.has(id)) return false;
  seen.add(id);
  const controller = field.condition.field;
  if (!isActive(schema, controller, values, seen)) return false;
  return conditionHolds(field.condition, values[controller]);
}

/** Host choices that come on top of the schema (attributes of the element). */
export interface FieldOverrides {
  hiddenFields?: ReadonlySet<string>;
  readonlyFields?: ReadonlySet<string>;
}

export interface ResolvedField {
  field: FormField;
  /** Its condition chain holds (or it has none): it is validated and sent. */
  active: boolean;
  /** Rendered for the user: active, not `visible: false`, not hidden by the host. */
  shown: boolean;
  /** The user may change it: not `editable: false`, not locked by the host. */
  editable: boolean;
  required: boolean;
}

export function resolveFields(schema: FormSchema, values: FormValues, overrides: FieldOverrides = {}): ResolvedField[] {
  return schema.fields.map((field) => {
    const active = isActive(schema, field.id, values);
    const shown = active && field.visible !== false && !overrides.hiddenFields?.has(field.id);
    const editable = field.editable !== false && !overrides.readonlyFields?.has(field.id);
    return { field, active, shown, editable, required: !!field.required };
  });
}

// ---------------------------------------------------------------- values

/** Nothing entered: also an unticked checkbox, so a required checkbox must be ticked. */
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

export function maxLengthOf(field: FormField): number | null {
  if (field.type === 'text' || field.type === 'textarea' || field.type === 'email' || field.type === 'date') {
    return field.maxLength ?? DEFAULT_MAX_LENGTH[field.type];
  }
  return null;
}

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export interface ValueProblem {
  code: FieldCode;
  params?: IssueParams;
}

/**
 * What is wrong with a non-empty value as it travels on the wire (a number as
 * a number, a checkbox as a boolean, a date as `YYYY-MM-DD`), or null.
 */
export function checkFieldValue(field: FormField, value: FieldValue): ValueProblem | null {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'date': {
      if (typeof value !== 'string') return { code: 'type', params: { expected: 'text' } };
      const max = maxLengthOf(field)!;
      if (value.length > max) return { code: 'max-length', params: { max } };
      if (field.type !== 'textarea' && CONTROL_CHARACTERS.test(value)) return { code: 'control-characters' };
      if (field.type === 'email' && !isEmailAddress(value.trim())) return { code: 'email' };
      if (field.type === 'date' && !isIsoDate(value)) return { code: 'date' };
      return null;
    }
    case 'select':
      return typeof value === 'string' && (field.options ?? []).some((o) => o.value === value)
        ? null
        : { code: 'one-of' };
    case 'checkbox':
      return typeof value === 'boolean' ? null : { code: 'type', params: { expected: 'true or false' } };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'number' };
      if (typeof field.min === 'number' && value < field.min) return { code: 'min', params: { min: field.min } };
      if (typeof field.max === 'number' && value > field.max) return { code: 'max', params: { max: field.max } };
      return null;
    case 'file':
      return Array.isArray(value) && value.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 100)
        ? null
        : { code: 'type', params: { expected: 'a list of upload ids' } };
  }
}

/** Coerces a value (a schema default, a prefill, a draft, an input) to what the field holds. */
export function coerceValue(field: FormField, value: unknown): FieldValue {
  switch (field.type) {
    case 'checkbox':
      return value === true || value === 'true' || value === 'on' || value === 1 || value === '1';
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return null;
    case 'file':
      return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
    default:
      if (value === null || value === undefined) return '';
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
}

/** The value a field sends: text trimmed, numbers as numbers (an unparsable one as null). */
export function wireValue(field: FormField, value: FieldValue | undefined): FieldValue | undefined {
  if (value === undefined) return undefined;
  if (field.type === 'number') {
    if (value === null || value === '') return null;
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : typeof value === 'string' ? value : null;
  }
  if (typeof value === 'string') return value.trim();
  return value;
}

export function defaultValue(field: FormField): FieldValue {
  return coerceValue(field, field.default ?? null);
}

export function defaultValues(schema: FormSchema): FormValues {
  const values: FormValues = {};
  for (const f of schema.fields) values[f.id] = defaultValue(f);
  return values;
}

/** Known field ids from `source`, coerced; unknown keys are ignored. */
export function pickFieldValues(schema: FormSchema, source: Record<string, unknown> | null | undefined): FormValues {
  const values: FormValues = {};
  if (!source) return values;
  for (const f of schema.fields) {
    if (f.type !== 'file' && Object.prototype.hasOwnProperty.call(source, f.id)) {
      values[f.id] = coerceValue(f, source[f.id]);
    }
  }
  return values;
}

function sameAsDefault(field: FormField, value: FieldValue): boolean {
  return JSON.stringify(coerceValue(field, value)) === JSON.stringify(defaultValue(field));
}

// ---------------------------------------------------------------- the request

export interface TicketFormVerdict {
  /** Values of the active fields other than subject, body and files. */
  fields: Record<string, FieldValue>;
  /** Upload ids from `file` fields, attached together with the request's `attachments`. */
  fileIds: string[];
  /** Empty when the request may be accepted. */
  issues: FieldIssue[];
}

/**
 * The verdict on a new ticket against its form: unknown fields, read-only
 * fields changed, required active fields left empty, wrong values. Subject
 * and body travel at the top of the request and are checked as the form's
 * `subject` and body field.
 */
export function validateTicketRequest(form: FormSchema, req: NewTicketRequest): TicketFormVerdict {
  const submitted = req.fields ?? {};
  const issues: FieldIssue[] = [];
  const known = new Set(form.fields.map((f) => f.id));
  for (const key of Object.keys(submitted)) {
    if (!known.has(key)) issues.push(fieldIssue(`fields.${key}`, 'unknown'));
  }
  const bodyId = bodyFieldId(form);

  // The values conditions are evaluated against: what was sent, else the default.
  const values: FormValues = {};
  for (const f of form.fields) {
    if (f.id === SUBJECT_FIELD) values[f.id] = req.subject ?? '';
    else if (f.id === bodyId) values[f.id] = req.body?.content ?? '';
    else if (f.editable === false) values[f.id] = defaultValue(f);
    else if (submitted[f.id] !== undefined) values[f.id] = submitted[f.id]!;
    else values[f.id] = defaultValue(f);
  }

  const fields: Record<string, FieldValue> = {};
  const fileIds: string[] = [];
  for (const f of form.fields) {
    const path = requestPath(form, f.id);
    const sent = f.id === SUBJECT_FIELD || f.id === bodyId ? undefined : submitted[f.id];
    if (f.editable === false && sent !== undefined && !sameAsDefault(f, sent)) {
      issues.push(fieldIssue(path, 'read-only'));
      continue;
    }
    if (!isActive(form, f.id, values)) continue;
    const value = values[f.id];
    // A file field's uploads may travel in the request's `attachments` instead.
    const filesElsewhere = f.type === 'file' && submitted[f.id] === undefined && !!req.attachments?.length;
    if (filesElsewhere) continue;
    if (isEmptyValue(value)) {
      if (f.required) issues.push(fieldIssue(path, 'required'));
      else if (f.type === 'checkbox' && value === false) fields[f.id] = false;
      continue;
    }
    const problem = checkFieldValue(f, value!);
    if (problem) {
      issues.push(fieldIssue(path, problem.code, problem.params));
      continue;
    }
    if (f.id === SUBJECT_FIELD || f.id === bodyId) continue;
    if (f.type === 'file') fileIds.push(...(value as string[]));
    else fields[f.id] = value!;
  }
  // A ticket always has a subject, whether or not its form names the field; a body only where its field is required.
  if (!form.fields.some((f) => f.id === SUBJECT_FIELD) && !req.subject?.trim()) {
    issues.push(fieldIssue('subject', 'required'));
  }
  return { fields, fileIds, issues: firstIssuePerField(issues) };
}

/** One issue per field: the first rule a field breaks is the one to fix. */
export function firstIssuePerField(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((e) => !seen.has(e.field) && seen.add(e.field));
}

// ---------------------------------------------------------------- requester block

export const REQUESTER_KEYS = ['name', 'email', 'phone', 'organization'] as const;
export type RequesterKey = (typeof REQUESTER_KEYS)[number];
export type RequesterValues = Record<RequesterKey, string>;

export interface ResolvedRequesterField {
  key: RequesterKey;
  shown: boolean;
  editable: boolean;
  required: boolean;
}

/**
 * TOPdesk's caller block. Signed in, each mode applies as configured and the
 * values come from the session. Anonymous, there is no session to show, so
 * "visible" becomes editable and the e-mail address is always asked for and
 * required: it is the only way back to the requester.
 */
export function resolveRequester(settings: RequesterSettings, anonymous: boolean): ResolvedRequesterField[] {
  return REQUESTER_KEYS.map((key) => {
    let mode: FieldMode = settings[key];
    if (anonymous) {
      if (key === 'email') mode = 'required';
      else if (mode === 'visible') mode = 'editable';
    }
    return {
      key,
      shown: mode !== 'hidden',
      editable: mode === 'editable' || mode === 'required',
      required: mode === 'required',
    };
  });
}

/** Issues (`requester.<key>`) for the editable part of the requester block. */
export function validateRequester(
  resolved: ResolvedRequesterField[],
  values: Partial<RequesterValues> | undefined,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const r of resolved) {
    if (!r.shown || !r.editable) continue;
    const value = values?.[r.key]?.trim() ?? '';
    const path = `requester.${r.key}`;
    if (!value) {
      if (r.required) issues.push(fieldIssue(path, 'required'));
    } else if (r.key === 'email' && !isEmailAddress(value)) {
      issues.push(fieldIssue(path, 'email'));
    } else if (CONTROL_CHARACTERS.test(value)) {
      issues.push(fieldIssue(path, 'control-characters'));
    }
  }
  return issues;
}
