import { css, html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { formatBytes } from '../../core/format.js';
import { fieldErrorStyles } from './styles.js';
import type { UploadController, UploadItem } from './upload.controller.js';

/** How one attached file shows, wherever files are attached (the support form, the reply box). */
export interface UploadItemView {
  uploads: UploadController;
  locale: string;
  /** The row's part name (its status is added as a second part). */
  part: string;
  retry(key: string): void;
  /** Removes the file; the host moves focus somewhere sensible. */
  remove(key: string): void;
}

/** One file: its name, size and state in words, Retry where a failed upload may be tried again, Remove, progress, and why it is not attached. */
export function renderUploadItem(view: UploadItemView, item: UploadItem) {
  const state =
    item.status === 'uploading'
      ? msg('uploading', { id: 'supportForm.attach.uploading' })
      : item.status === 'done'
        ? msg('uploaded', { id: 'supportForm.attach.done' })
        : item.status === 'waiting'
          ? msg('will be sent with your request', { id: 'supportForm.attach.waiting' })
          : msg('not attached', { id: 'supportForm.attach.notAttached' });
  return html`<li part="${view.part} ${item.status}" class="upload-item" data-status=${item.status}>
    <span class="name"><span class="file-name">${item.name}</span> <span class="help">(${formatBytes(item.size, view.locale)}, ${state})</span></span>
    <span class="row-actions">
      ${
        (item.status === 'failed' || item.status === 'waiting') && item.file
          ? html`<button class="link" type="button" @click=${() => view.retry(item.key)}>
            ${msg('Retry', { id: 'common.retry' })}<span class="visually-hidden"> ${item.name}</span>
          </button>`
          : nothing
      }
      <button
        class="link"
        type="button"
        aria-label=${msg(str`Remove ${item.name}`, { id: 'supportForm.attach.remove' })}
        @click=${() => view.remove(item.key)}
      >
        ${msg('Remove', { id: 'supportForm.attach.removeShort' })}
      </button>
    </span>
    ${
      item.status === 'uploading'
        ? html`<progress
          max="1"
          .value=${item.progress}
          aria-label=${msg(str`Uploading ${item.name}`, { id: 'supportForm.attach.progress' })}
        ></progress>`
        : nothing
    }
    ${item.error ? html`<p class="field-error" role="alert">${item.error}</p>` : nothing}
  </li>`;
}

/** Why a request is held back while a file is not attached: it is never sent without one the person chose. */
export function notAttachedText(items: UploadItem[]): string {
  const name = items[0]?.name ?? '';
  return items.length > 1
    ? msg(str`${items.length} files are not attached. Retry or remove them, then send again.`, {
        id: 'common.upload.notAttachedMany',
      })
    : msg(str`“${name}” is not attached. Retry or remove it, then send again.`, { id: 'common.upload.notAttached' });
}

export const uploadListStyles = [
  fieldErrorStyles,
  css`
  .upload-item {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: var(--_space-1) var(--_space-2);
    align-items: center;
    padding: var(--_space-2);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
  }
  .upload-item .name {
    overflow-wrap: anywhere;
  }
  .upload-item .help {
    color: var(--_color-muted);
    font-size: calc(0.9 * var(--_rem));
  }
  .upload-item progress,
  .upload-item .field-error {
    margin: 0;
  }
`,
];
