import type {
  FieldCondition,
  FieldMode,
  FieldValue,
  FormField,
  FormSchema,
  LocalizedText,
  NewTicketRequest,
  RequesterSettings,
  User,
} from './protocol.js';
import {
  IsDate,
  IsEmail,
  IsNumber,
  IsOneOf,
  MaxLength,
  MaxNumber,
  MinNumber,
  Required,
  type Validator,
} from './validators.js';

/**
 * The support form's model without any rendering: which fields are shown,
 * required and editable for given values, what the user must fix, and the
 * request that is finally sent. The element keeps the values; this decides.
 */

export type FormValues = Record<string, FieldValue>;

/** The field whose value becomes the ticket subject. */
export const SUBJECT_FIELD = 'subject';
/** Field ids whose value becomes the ticket body, in order of preference. */
export const BODY_FIELDS = ['description', 'body', 'message'] as const;

/** Text in the active locale, else its base language, else English, else any. */
export function localized(text: LocalizedText | undefined, locale: string): string {
  if (!text) return '';
  const base = locale.split('-')[0];
  return text[locale] ?? text[base] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** Host choices that come on top of the schema (attributes of the element). */
export interface FieldOverrides {
  hiddenFields?: ReadonlySet<string>;
  readonlyFields?: ReadonlySet<string>;
}

export interface ResolvedField {
  field: FormField;
  /** Its condition holds (or it has none): it is validated (when rendered) and sent. */
  active: boolean;
  /** Rendered for the user: active, not `visible: false`, not hidden by the host. */
  shown: boolean;
  editable: boolean;
  required: boolean;
}

function sameValue(a: FieldValue | undefined, b: FieldValue): boolean {
  if (Array.isArray(a)) return a.some((x) => sameValue(x, b));
  if (a === undefined || a === null || b === null) return a === b || (a == null && b == null);
  return String(a) === String(b);
}

export function conditionHolds(condition: FieldCondition, value: FieldValue | undefined): boolean {
  const wanted = Array.isArray(condition.equals) ? condition.equals : [condition.equals];
  return wanted.some((w) => sameValue(value, w));
}

/** A field is active when its condition holds and the field it depends on is active too. */
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

export function resolveFields(schema: FormSchema, values: FormValues, overrides: FieldOverrides = {}): ResolvedField[] {
  return schema.fields.map((field) => {
    const active = isActive(schema, field.id, values);
    const shown = active && field.visible !== false && !overrides.hiddenFields?.has(field.id);
    const editable = field.editable !== false && !overrides.readonlyFields?.has(field.id);
    return { field, active, shown, editable, required: !!field.required };
  });
}

/** The validators for one field, in the order their messages should win. */
export function validatorsFor(field: FormField): Validator[] {
  const list: Validator[] = [];
  if (field.required) list.push(new Required(field.type === 'checkbox'));
  switch (field.type) {
    case 'email':
      list.push(new IsEmail());
      break;
    case 'number':
      list.push(new IsNumber());
      if (typeof field.min === 'number') list.push(new MinNumber(field.min));
      if (typeof field.max === 'number') list.push(new MaxNumber(field.max));
      break;
    case 'date':
      list.push(new IsDate());
      break;
    case 'select':
      list.push(new IsOneOf((field.options ?? []).map((o) => o.value)));
      break;
  }
  if (typeof field.maxLength === 'number' && (field.type === 'text' || field.type === 'textarea')) {
    list.push(new MaxLength(field.maxLength));
  }
  return list;
}

export function firstError(validators: Validator[], value: FieldValue | undefined, fieldLabel: string): string | null {
  for (const v of validators) {
    if (v.type === 'error' && v.execute(value, v.param)) return v.getMessage({ fieldLabel });
  }
  return null;
}

/**
 * Errors by field id for what the user can see and change. Inactive
 * (conditional) fields are never validated; neither are fields the host hid
 * or locked, because the user could not fix them.
 */
export function validateFields(
  schema: FormSchema,
  values: FormValues,
  overrides: FieldOverrides,
  locale: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const r of resolveFields(schema, values, overrides)) {
    if (!r.shown || !r.editable || r.field.type === 'file') continue;
    const message = firstError(validatorsFor(r.field), values[r.field.id], localized(r.field.label, locale));
    if (message) errors[r.field.id] = message;
  }
  return errors;
}

/** Coerces a value (from the schema default, a prefill or a draft) to what the field's input holds. */
export function coerceValue(field: FormField, value: unknown): FieldValue {
  switch (field.type) {
    case 'checkbox':
      return value === true || value === 'true' || value === 'on' || value === 1 || value === '1';
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
      return null;
    case 'file':
      return null;
    default:
      if (value === null || value === undefined) return '';
      return Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
}

export function defaultValues(schema: FormSchema): FormValues {
  const values: FormValues = {};
  for (const f of schema.fields) values[f.id] = coerceValue(f, f.default ?? null);
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

export function requesterFromUser(user: User | null | undefined): RequesterValues {
  return {
    name: user?.name ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
    organization: user?.organization?.name ?? '',
  };
}

export function validateRequester(
  resolved: ResolvedRequesterField[],
  values: RequesterValues,
  labels: Record<RequesterKey, string>,
): Partial<Record<RequesterKey, string>> {
  const errors: Partial<Record<RequesterKey, string>> = {};
  for (const r of resolved) {
    if (!r.shown || !r.editable) continue;
    const validators: Validator[] = [];
    if (r.required) validators.push(new Required());
    if (r.key === 'email') validators.push(new IsEmail());
    const message = firstError(validators, values[r.key], labels[r.key]);
    if (message) errors[r.key] = message;
  }
  return errors;
}

// ---------------------------------------------------------------- request

function wireValue(field: FormField, value: FieldValue | undefined): FieldValue | undefined {
  if (value === undefined) return undefined;
  if (field.type === 'number') {
    if (value === null || value === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === 'string') return value.trim();
  return value;
}

export interface RequestExtras {
  attachments: string[];
  requester: ResolvedRequesterField[];
  requesterValues: RequesterValues;
}

/**
 * The request to send: subject and body from their fields, every other
 * active field in `fields` (inactive conditional fields are left out, hidden
 * but active ones — a host's prefilled context — go along), and the editable
 * part of the requester block.
 */
export function buildTicketRequest(
  schema: FormSchema,
  values: FormValues,
  overrides: FieldOverrides,
  extras: RequestExtras,
): NewTicketRequest {
  const resolved = resolveFields(schema, values, overrides);
  const bodyField = BODY_FIELDS.find((id) => resolved.some((r) => r.field.id === id && r.active));
  const fields: Record<string, FieldValue> = {};
  let subject = '';
  let body = '';
  for (const r of resolved) {
    if (!r.active || r.field.type === 'file') continue;
    const value = wireValue(r.field, values[r.field.id]);
    if (r.field.id === SUBJECT_FIELD) subject = typeof value === 'string' ? value : String(value ?? '');
    else if (r.field.id === bodyField) body = typeof value === 'string' ? value : String(value ?? '');
    else if (value !== undefined) fields[r.field.id] = value;
  }
  const request: NewTicketRequest = {
    formId: schema.id,
    subject,
    body: { format: 'text', content: body },
    fields,
    attachments: [...extras.attachments],
  };
  const requester: NonNullable<NewTicketRequest['requester']> = {};
  for (const r of extras.requester) {
    const value = extras.requesterValues[r.key]?.trim();
    if (r.shown && r.editable && value) requester[r.key] = value;
  }
  if (Object.keys(requester).length > 0) request.requester = requester;
  return request;
}
