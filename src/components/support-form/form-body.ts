import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import {
  localized,
  requesterErrorKey,
  type ResolvedField,
  type ResolvedRequesterField,
} from '../../core/form-model.js';
import type { FormSchema, PortalSettings } from '../../protocol/index.js';
import { renderAttachmentsField, type AttachmentsContext } from './attachments-field.js';
import { domId, renderField, type FieldContext } from './form-fields.js';
import { requesterLabels } from './form-labels.js';
import { renderErrorSummary } from './form-views.js';
import { renderSuggestions, type SuggestionsView } from './form-suggestions.js';
import { renderRequester, type RequesterContext } from './requester-block.js';

/** Everything the editing view shows and calls back, computed by the element for one render. */
export interface FormBodyView {
  /** "Choose another kind of request" above the heading, where the person picked the form. */
  changeForm: TemplateResult | typeof nothing;
  schema: FormSchema;
  portal: PortalSettings;
  locale: string;
  anonymous: boolean;
  requester: ResolvedRequesterField[];
  /** The schema's fields with visibility, required and editable resolved. */
  fields: ResolvedField[];
  /** The errors on screen, by key. */
  shown: Record<string, string>;
  submitted: boolean;
  submitting: boolean;
  formError: string | null;
  announcement: string;
  /** Knowledge suggestions for the subject, and the one opened in place. */
  suggestions: SuggestionsView;
  /** The entry: values and the callbacks for edits. */
  entry: FieldContext & RequesterContext;
  attachments: AttachmentsContext;
  onSubmit(event: Event): void;
  onPaste(event: ClipboardEvent): void;
}

function renderOne(view: FormBodyView, r: ResolvedField) {
  const error = view.shown[r.field.id];
  if (r.field.type === 'file') {
    if (view.portal.capabilities.attachments === false) return html``;
    const label = localized(r.field.label, view.locale);
    const help = localized(r.field.help, view.locale);
    return renderAttachmentsField(view.attachments, r, label, help, error);
  }
  const suggestions =
    r.field.id === 'subject' && view.portal.capabilities.articles !== false
      ? renderSuggestions(view.suggestions, view.locale)
      : nothing;
  return renderField(view.entry, view.locale, r, error, suggestions);
}

/** The editing view: heading, error summary, form-level error, requester block, fields, submit. */
export function renderFormBody(view: FormBodyView) {
  const { schema, locale, shown, submitting } = view;
  const shownFields = view.fields.filter((r) => r.shown);

  // The summary lists problems in the order the fields appear.
  const labels = requesterLabels();
  const order: Array<{ key: string; label: string }> = [
    ...view.requester.filter((r) => r.shown).map((r) => ({ key: requesterErrorKey(r.key), label: labels[r.key] })),
    ...shownFields.map((r) => ({ key: r.field.id, label: localized(r.field.label, locale) })),
  ];
  const problems = view.submitted ? order.filter((o) => shown[o.key]) : [];
  const focusField = (event: Event, key: string) => {
    event.preventDefault();
    view.attachments.root.querySelector<HTMLElement>(`#${domId(key)}`)?.focus();
  };

  return html`<div part="base">
    ${view.changeForm}
    <div>
      <h2 part="heading" tabindex="-1">${localized(schema.name, locale)}</h2>
      ${schema.description ? html`<p class="note">${localized(schema.description, locale)}</p>` : nothing}
    </div>
    ${renderErrorSummary(problems, shown, focusField)}
    ${view.formError ? html`<div part="form-error" role="alert" tabindex="-1"><p>${view.formError}</p></div>` : nothing}
    <form
      part="form"
      novalidate
      aria-busy=${submitting ? 'true' : 'false'}
      @submit=${(e: Event) => view.onSubmit(e)}
      @paste=${(e: ClipboardEvent) => view.onPaste(e)}
    >
      <p class="note">${msg('Fields marked with * are required.', { id: 'supportForm.requiredNote' })}</p>
      ${renderRequester(view.entry, view.requester, shown, view.anonymous)}
      ${shownFields.map((r) => renderOne(view, r))}
      <div class="actions">
        <button part="submit" class="button primary" type="submit" aria-disabled=${submitting ? 'true' : 'false'}>
          ${
            submitting
              ? html`<span class="spinner" aria-hidden="true"></span>${msg('Sending…', { id: 'supportForm.sending' })}`
              : msg('Send request', { id: 'supportForm.submit' })
          }
        </button>
      </div>
    </form>
    <div role="status" class="visually-hidden">${view.announcement}</div>
  </div>`;
}
