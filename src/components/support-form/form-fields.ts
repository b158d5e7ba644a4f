import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { localized, type FormValues, type ResolvedField } from '../../core/form-model.js';
import type { FormField } from '../../protocol/index.js';

/** What a field renderer reads and calls back (the form's FormEntryController). */
export interface FieldContext {
  values: FormValues;
  setValue(field: FormField, raw: unknown): void;
  /** The field was left: its errors show from now on. */
  touch(key: string): void;
}

/** A DOM id for an error key; schema ids may hold characters an id reference cannot. */
export const domId = (key: string) => `f-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function describedBy(key: string, hasHelp: boolean, error: string | undefined): string | typeof nothing {
  const ids = [hasHelp ? `${domId(key)}-help` : '', error ? `${domId(key)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

export function requiredMark(required: boolean) {
  return required ? html`<span class="required-mark" aria-hidden="true">*</span>` : nothing;
}

export function fieldLabel(key: string, text: string, required: boolean) {
  return html`<label for=${domId(key)}>${text}${requiredMark(required)}</label>`;
}

export function fieldError(key: string, error: string | undefined) {
  return error ? html`<p part="field-error" class="field-error" id="${domId(key)}-error">${error}</p>` : nothing;
}

/**
 * One schema field (not the file field, which is the attachments block):
 * label, help, control and error, wired for screen readers. `after` follows
 * a text field (the knowledge suggestions after the subject).
 */
export function renderField(
  ctx: FieldContext,
  locale: string,
  r: ResolvedField,
  error: string | undefined,
  after: unknown = nothing,
): TemplateResult {
  const { field } = r;
  const key = field.id;
  const id = domId(key);
  const label = localized(field.label, locale);
  const help = localized(field.help, locale);
  const value = ctx.values[key];
  const described = describedBy(key, !!help, error);
  const helpText = help ? html`<p class="help" id="${id}-help">${help}</p>` : nothing;
  const onInput = (e: Event) => ctx.setValue(field, (e.target as HTMLInputElement).value);
  const onBlur = () => ctx.touch(key);
  const readonly = !r.editable;

  switch (field.type) {
    case 'textarea':
      return html`<div class="field" part="field">
        ${fieldLabel(key, label, r.required)} ${helpText}
        <textarea
          id=${id}
          name=${key}
          rows="5"
          ?readonly=${readonly}
          ?required=${r.required}
          maxlength=${field.maxLength ?? nothing}
          aria-invalid=${error ? 'true' : 'false'}
          ?data-invalid=${!!error}
          aria-describedby=${described}
          .value=${String(value ?? '')}
          @input=${onInput}
          @blur=${onBlur}
        ></textarea>
        ${fieldError(key, error)}
      </div>`;
    case 'select':
      return html`<div class="field" part="field">
        ${fieldLabel(key, label, r.required)} ${helpText}
        <select
          id=${id}
          name=${key}
          ?disabled=${readonly}
          ?required=${r.required}
          aria-invalid=${error ? 'true' : 'false'}
          ?data-invalid=${!!error}
          aria-describedby=${described}
          @change=${onInput}
          @blur=${onBlur}
        >
          <option value="" ?selected=${!value}>${msg('Choose…', { id: 'supportForm.choose' })}</option>
          ${(field.options ?? []).map(
            (o) => html`<option value=${o.value} ?selected=${value === o.value}>${localized(o.label, locale)}</option>`,
          )}
        </select>
        ${fieldError(key, error)}
      </div>`;
    case 'checkbox':
      return html`<div class="field checkbox" part="field">
        <input
          id=${id}
          name=${key}
          type="checkbox"
          ?disabled=${readonly}
          ?required=${r.required}
          aria-invalid=${error ? 'true' : 'false'}
          ?data-invalid=${!!error}
          aria-describedby=${described}
          .checked=${value === true}
          @change=${(e: Event) => ctx.setValue(field, (e.target as HTMLInputElement).checked)}
          @blur=${onBlur}
        />
        ${fieldLabel(key, label, r.required)} ${helpText} ${fieldError(key, error)}
      </div>`;
    default: {
      const type = field.type === 'number' || field.type === 'email' || field.type === 'date' ? field.type : 'text';
      return html`<div class="field" part="field">
          ${fieldLabel(key, label, r.required)} ${helpText}
          <input
            id=${id}
            name=${key}
            type=${type}
            ?readonly=${readonly}
            ?required=${r.required}
            min=${field.type === 'number' && typeof field.min === 'number' ? field.min : nothing}
            max=${field.type === 'number' && typeof field.max === 'number' ? field.max : nothing}
            maxlength=${field.type === 'text' && field.maxLength ? field.maxLength : nothing}
            inputmode=${field.type === 'email' ? 'email' : nothing}
            autocomplete=${field.type === 'email' ? 'email' : 'off'}
            aria-invalid=${error ? 'true' : 'false'}
            ?data-invalid=${!!error}
            aria-describedby=${described}
            .value=${value === null || value === undefined ? '' : String(value)}
            @input=${onInput}
            @blur=${onBlur}
          />
          ${fieldError(key, error)}
        </div>
        ${after}`;
    }
  }
}
