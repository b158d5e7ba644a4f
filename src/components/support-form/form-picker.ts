import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import { localized, type FormSummary } from '../../protocol/index.js';

/**
 * "What is your request about?": the portal's forms with their names and
 * short descriptions, shown wherever a new ticket starts when the portal
 * offers more than one (only those the gateway offers this person's organisation).
 */
export function renderFormPicker(forms: FormSummary[], locale: string, pick: (formId: string) => void) {
  return html`<div part="base form-picker">
    <h2 part="heading" tabindex="-1" id="picker-heading">
      ${msg('What is your request about?', { id: 'supportForm.picker.heading' })}
    </h2>
    <ul class="form-choices" aria-labelledby="picker-heading">
      ${forms.map((f) => {
        const description = localized(f.description, locale);
        return html`<li>
          <button
            type="button"
            class="form-choice"
            part="form-choice"
            data-form-id=${f.id}
            aria-describedby=${description ? `choice-${f.id}-text` : nothing}
            @click=${() => pick(f.id)}
          >
            <span class="choice-name">${localized(f.name, locale)}</span>
            ${description ? html`<span class="choice-text" id="choice-${f.id}-text">${description}</span>` : nothing}
          </button>
        </li>`;
      })}
    </ul>
  </div>`;
}

/** Back from a chosen form to the list of forms. */
export function renderChangeForm(change: () => void) {
  return html`<button type="button" class="link-button" part="change-form" id="change-form" @click=${change}>
    <span aria-hidden="true" class="back-arrow">←</span> ${msg('Choose another kind of request', { id: 'supportForm.picker.change' })}
  </button>`;
}
