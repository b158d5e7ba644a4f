import {
  fieldIdOf,
  localized,
  resolveFields,
  SUBJECT_FIELD,
  bodyFieldId,
  validateRequester,
  validateTicketRequest,
  wireValue,
  type FieldIssue,
  type FieldOverrides,
  type FieldValue,
  type FormSchema,
  type FormValues,
  type NewTicketRequest,
  type RequesterKey,
  type RequesterValues,
  type ResolvedRequesterField,
  type UploadLimits,
  type User,
} from '../protocol/index.js';
import { issueText } from './problem-text.js';

/**
 * The support form's model in the browser: the request it sends and the
 * verdict on it. The verdict is the gateway's own (`validateTicketRequest`
 * from the protocol module) run before sending, with each issue put on the
 * field the user can fix and worded in the user's language.
 */

export {
  coerceValue,
  defaultValues,
  localized,
  pickFieldValues,
  REQUESTER_KEYS,
  resolveFields,
  resolveRequester,
  type FieldOverrides,
  type FormValues,
  type RequesterKey,
  type RequesterValues,
  type ResolvedField,
  type ResolvedRequesterField,
} from '../protocol/index.js';

export function requesterFromUser(user: User | null | undefined): RequesterValues {
  return {
    name: user?.name ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
    organization: user?.organization?.name ?? '',
  };
}

export interface RequestExtras {
  /** Upload ids attached to the request (a `file` field's files included). */
  attachments: string[];
  requester: ResolvedRequesterField[];
  requesterValues: RequesterValues;
}

/**
 * The request to send: subject and body from their fields, every other
 * active field in `fields` (inactive conditional fields are left out; hidden
 * but active ones — a host's prefilled context — go along), and the editable
 * part of the requester block. Files travel in `attachments`.
 */
export function buildTicketRequest(
  schema: FormSchema,
  values: FormValues,
  overrides: FieldOverrides,
  extras: RequestExtras,
): NewTicketRequest {
  const bodyId = bodyFieldId(schema);
  const fields: Record<string, FieldValue> = {};
  let subject = '';
  let body = '';
  for (const r of resolveFields(schema, values, overrides)) {
    if (!r.active || r.field.type === 'file') continue;
    const value = wireValue(r.field, values[r.field.id]);
    if (r.field.id === SUBJECT_FIELD) subject = String(value ?? '');
    else if (r.field.id === bodyId) body = String(value ?? '');
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

/** Error keys: a field id, or `requester.<key>` for the requester block. */
export const requesterErrorKey = (key: RequesterKey) => `requester.${key}`;

export interface IssueLabels {
  requester: Record<RequesterKey, string>;
  /** The label for an issue on no field of the form (a ticket's subject or body the form does not name). */
  request: Record<'subject' | 'body' | 'attachments', string>;
  locale: string;
  uploads?: UploadLimits;
}

export interface MappedIssues {
  /** Localized messages for fields the user can see and change, by error key. */
  byKey: Record<string, string>;
  /** Localized messages for anything else: reported for the whole form, never lost. */
  other: string[];
}

/**
 * Puts issues (the client's verdict, or a 422 from the gateway) on the keys of
 * fields the user can see and change; an unknown path, a hidden or a locked
 * field goes to `other`, so it is never silently lost nor blocks.
 */
export function mapIssues(
  issues: readonly FieldIssue[],
  schema: FormSchema,
  values: FormValues,
  overrides: FieldOverrides,
  requester: ResolvedRequesterField[],
  labels: IssueLabels,
): MappedIssues {
  const byKey: Record<string, string> = {};
  const other: string[] = [];
  const resolved = new Map(resolveFields(schema, values, overrides).map((r) => [r.field.id, r]));
  const fileField = schema.fields.find((f) => f.type === 'file');
  for (const issue of issues) {
    const requesterKey = /^requester\.(name|email|phone|organization)$/.exec(issue.field)?.[1] as
      RequesterKey | undefined;
    if (requesterKey) {
      const r = requester.find((x) => x.key === requesterKey);
      const text = issueText(issue, { label: labels.requester[requesterKey] });
      if (r?.shown && r.editable) byKey[requesterErrorKey(requesterKey)] ??= text;
      else other.push(text);
      continue;
    }
    const id =
      fieldIdOf(schema, issue.field) ?? (issue.field.startsWith('attachments') && fileField ? fileField.id : null);
    const r = id ? resolved.get(id) : undefined;
    const label = r
      ? localized(r.field.label, labels.locale)
      : (labels.request[issue.field.split('.')[0] as 'subject' | 'body' | 'attachments'] ?? issue.field);
    const text = issueText(issue, {
      label,
      checkbox: r?.field.type === 'checkbox',
      allowedTypes: labels.uploads?.allowedTypes,
    });
    if (r && id && r.shown && r.editable) byKey[id] ??= text;
    else other.push(text);
  }
  return { byKey, other };
}

/**
 * The issues with what the form holds now: the gateway's own rules on the
 * request the form would send, and the requester block's rules.
 */
export function formIssues(
  schema: FormSchema,
  values: FormValues,
  overrides: FieldOverrides,
  extras: RequestExtras,
): FieldIssue[] {
  const request = buildTicketRequest(schema, values, overrides, extras);
  return [
    ...validateTicketRequest(schema, request).issues,
    ...validateRequester(extras.requester, extras.requesterValues),
  ];
}

/** formIssues, put on the fields and worded for the user. */
export function formVerdict(
  schema: FormSchema,
  values: FormValues,
  overrides: FieldOverrides,
  extras: RequestExtras,
  labels: IssueLabels,
): MappedIssues {
  const issues = formIssues(schema, values, overrides, extras);
  return mapIssues(issues, schema, values, overrides, extras.requester, labels);
}
