import { html, nothing } from 'lit';
import { msg } from '@lit/localize';
import {
  requesterErrorKey,
  type RequesterKey,
  type RequesterValues,
  type ResolvedRequesterField,
} from '../../core/form-model.js';
import { describedBy, domId, fieldError, fieldLabel } from './form-fields.js';
import { requesterLabels } from './form-labels.js';

const AUTOCOMPLETE: Record<RequesterKey, string> = {
  name: 'name',
  email: 'email',
  phone: 'tel',
  organization: 'organization',
};

const INPUT_TYPES: Record<RequesterKey, string> = { name: 'text', email: 'email', phone: 'tel', organization: 'text' };

/** What the block reads and calls back (the form's FormEntryController). */
export interface RequesterContext {
  requesterValues: RequesterValues;
  setRequester(key: RequesterKey, value: string): void;
  touch(key: string): void;
}

/** Who the request is from (TOPdesk's caller block), with the fields the portal shows for this person. */
export function renderRequester(
  ctx: RequesterContext,
  requester: ResolvedRequesterField[],
  shown: Record<string, string>,
  anonymous: boolean,
) {
  const visible = requester.filter((r) => r.shown);
  if (!visible.length) return nothing;
  const labels = requesterLabels();
  return html`<fieldset part="requester">
    <legend>
      ${
        anonymous
          ? msg('Your contact details', { id: 'supportForm.requester.legendAnonymous' })
          : msg('Requester', { id: 'supportForm.requester.legend' })
      }
    </legend>
    ${visible.map((r) => {
      const key = requesterErrorKey(r.key);
      const error = shown[key];
      return html`<div class="field" part="field">
        ${fieldLabel(key, labels[r.key], r.required)}
        <input
          id=${domId(key)}
          name=${key}
          type=${INPUT_TYPES[r.key]}
          autocomplete=${AUTOCOMPLETE[r.key]}
          ?readonly=${!r.editable}
          ?required=${r.required}
          aria-invalid=${error ? 'true' : 'false'}
          ?data-invalid=${!!error}
          aria-describedby=${describedBy(key, false, error)}
          .value=${ctx.requesterValues[r.key]}
          @input=${(e: Event) => ctx.setRequester(r.key, (e.target as HTMLInputElement).value)}
          @blur=${() => ctx.touch(key)}
        />
        ${fieldError(key, error)}
      </div>`;
    })}
  </fieldset>`;
}
