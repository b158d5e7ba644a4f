import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { ResolvedField } from '../../core/form-model.js';
import { formatBytes } from '../../core/format.js';
import type { PortalSettings, UploadLimits } from '../../protocol/index.js';
import type { UploadController } from '../shared/upload.controller.js';
import { renderUploadItem, type UploadItemView } from '../shared/upload-list.js';
import { domId, fieldError, requiredMark } from './form-fields.js';

export interface AttachmentsContext {
  locale: string;
  uploads: UploadController;
  limits: UploadLimits;
  dragging: boolean;
  setDragging(on: boolean): void;
  /** Files picked or dropped: uploaded, and the field counts as edited. */
  add(files: File[]): void;
  touch(key: string): void;
  /** The element's shadow root, to reach the file input and move focus. */
  root: HTMLElement | DocumentFragment;
}

function limitText(limits: UploadLimits, locale: string): string {
  const maxSize = formatBytes(limits.maxBytes, locale);
  return [
    limits.maxFiles > 0
      ? msg(str`Up to ${limits.maxFiles} files of at most ${maxSize} each.`, { id: 'supportForm.attach.limits' })
      : msg(str`Files of at most ${maxSize} each.`, { id: 'supportForm.attach.limitSize' }),
    limits.allowedTypes.length
      ? msg(str`Allowed: ${limits.allowedTypes.join(', ')}.`, { id: 'supportForm.attach.types' })
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Whether the form takes files now: the portal allows them and its file field is shown and editable. */
export function canAttach(portal: PortalSettings, fields: readonly ResolvedField[]): boolean {
  if (portal.capabilities.attachments === false) return false;
  return fields.some((r) => r.field.type === 'file' && r.shown && r.editable);
}

/**
 * Files pasted into the form, when it can take them. A pasted screenshot
 * becomes an attachment; pasted text still goes where it was pasted.
 */
export function takePastedFiles(event: ClipboardEvent, canAttach: () => boolean): File[] {
  const files = Array.from(event.clipboardData?.files ?? []);
  if (!files.length || !canAttach()) return [];
  if (!event.clipboardData?.types.includes('text/plain')) event.preventDefault();
  return files;
}

/** The schema's file field: an "Add files" button, a drop zone, the limits in words, and each file's state. */
export function renderAttachmentsField(
  ctx: AttachmentsContext,
  r: ResolvedField,
  label: string,
  help: string,
  error: string | undefined,
) {
  const key = r.field.id;
  const id = domId(key);
  const { limits } = ctx;
  const described = [`${id}-help`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const readonly = !r.editable;
  const items = ctx.uploads.items;
  const view: UploadItemView = {
    uploads: ctx.uploads,
    locale: ctx.locale,
    part: 'attachment',
    retry: (key) => ctx.uploads.retry(key),
    remove: (key) => {
      ctx.uploads.remove(key);
      ctx.root.querySelector<HTMLElement>(`#${id}`)?.focus();
    },
  };
  return html`<div class="field" part="field" role="group" aria-labelledby="${id}-label">
    <span class="label" id="${id}-label">${label}${requiredMark(r.required)}</span>
    <div
      part="dropzone"
      class=${ctx.dragging ? 'dragging' : ''}
      @dragover=${(e: DragEvent) => {
        if (readonly) return;
        e.preventDefault();
        ctx.setDragging(true);
      }}
      @dragleave=${() => ctx.setDragging(false)}
      @drop=${(e: DragEvent) => {
        if (readonly) return;
        e.preventDefault();
        ctx.setDragging(false);
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length) ctx.add(files);
      }}
    >
      <button
        id=${id}
        class="button"
        type="button"
        ?disabled=${readonly}
        ?data-invalid=${!!error}
        aria-describedby=${described}
        @click=${() => ctx.root.querySelector<HTMLInputElement>('input[type="file"]')?.click()}
        @blur=${() => ctx.touch(key)}
      >
        ${msg('Add files', { id: 'supportForm.attach.add' })}
      </button>
      <span class="help">${msg('or drop or paste them here', { id: 'supportForm.attach.dropHint' })}</span>
      <input
        type="file"
        multiple
        hidden
        tabindex="-1"
        accept=${limits.allowedTypes.length ? limits.allowedTypes.join(',') : nothing}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          ctx.add(Array.from(input.files ?? []));
          input.value = '';
        }}
      />
    </div>
    <p class="help" id="${id}-help">${[help, limitText(limits, ctx.locale)].filter(Boolean).join(' ')}</p>
    ${fieldError(key, error)}
    ${
      items.length
        ? html`<ul part="attachment-list">
          ${items.map((item) => renderUploadItem(view, item))}
        </ul>`
        : nothing
    }
  </div>`;
}
