import { PorticoError } from '../core/errors.js';
import { issueText } from '../core/problem-text.js';

/**
 * A refused save as the console shows it: each field the gateway named, with
 * its localized message under the field's own label. Empty when the refusal
 * named no field (the caller then shows problemText).
 */
export function fieldErrors(err: unknown, labelOf: (field: string) => string): Map<string, string> {
  const issues = err instanceof PorticoError ? Object.values(err.fieldIssues) : [];
  return new Map(issues.map((i) => [i.field, issueText(i, { label: labelOf(i.field) })]));
}
