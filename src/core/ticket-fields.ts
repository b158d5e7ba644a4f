import { bodyFieldId, localized, SUBJECT_FIELD, type FieldValue, type FormSchema } from '../protocol/index.js';
import { formatDate } from './format.js';

/** One of a ticket's own fields as the detail shows it: the form's label and the value in words. */
export interface ShownField {
  id: string;
  label: string;
  value: string;
}

/** The words for a checkbox's two values, in the element's language. */
export interface YesNo {
  yes: string;
  no: string;
}

function words(value: FieldValue, field: FormSchema['fields'][number] | undefined, locale: string, yesNo: YesNo) {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
  const option = (v: string) => localized(field?.options?.find((o) => o.value === v)?.label, locale) || v;
  if (Array.isArray(value)) return value.map(option).join(', ');
  if (field?.type === 'date' && typeof value === 'string') return formatDate(`${value}T12:00:00Z`, locale) || value;
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  return option(value);
}

/**
 * A ticket's fields in the order of its form, with the form's labels and
 * option names in this locale; fields the form does not know (a form changed
 * since, or a helpdesk's own) follow under their id. The subject and the
 * body are shown elsewhere, files are attachments, and empty values are left out.
 */
export function ticketFields(
  fields: Record<string, FieldValue>,
  form: FormSchema | null,
  locale: string,
  yesNo: YesNo,
): ShownField[] {
  const skip = new Set([SUBJECT_FIELD, form ? bodyFieldId(form) : null]);
  const known = (form?.fields ?? []).filter((f) => f.type !== 'file' && !skip.has(f.id) && f.id in fields);
  const rest = Object.keys(fields).filter((id) => !skip.has(id) && !form?.fields.some((f) => f.id === id));
  const rows = [
    ...known.map((f) => ({ id: f.id, label: localized(f.label, locale) || f.id, field: f })),
    ...rest.map((id) => ({ id, label: id, field: undefined })),
  ];
  return rows
    .map(({ id, label, field }) => ({ id, label, value: words(fields[id] ?? null, field, locale, yesNo) }))
    .filter((r) => r.value !== '');
}
