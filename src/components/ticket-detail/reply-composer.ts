import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { isOpenStatus, type PortalSettings, type Ticket, type User } from '../../protocol/index.js';
import { renderUploadItem, type UploadItemView } from '../shared/upload-list.js';
import type { ReplyComposerController } from './reply-composer.controller.js';
import { renderMarkdown } from './ticket-conversation.js';

/** The reply form: text, attachments with progress, the error and Send. */
export function renderReplyForm(
  composer: ReplyComposerController,
  portal: PortalSettings | null,
  locale: string,
  root: ParentNode,
) {
  const items = composer.uploads.items;
  const uploading = composer.uploads.uploading;
  const limits = portal?.uploads;
  const view: UploadItemView = {
    uploads: composer.uploads,
    locale,
    part: 'upload',
    retry: (key) => composer.retryUpload(key),
    remove: (key) => composer.removeUpload(key),
  };
  const attachmentsAllowed = portal?.capabilities?.attachments !== false;
  const submit = (event: Event) => {
    event.preventDefault();
    void composer.send();
  };
  const chosen = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    composer.uploads.add(files);
  };
  return html`<form part="reply" novalidate @submit=${submit} aria-labelledby="reply-heading">
    <h3 id="reply-heading">${msg('Reply', { id: 'tickets.detail.reply' })}</h3>
    <label for="reply-text">${msg('Your message', { id: 'tickets.detail.replyLabel' })}</label>
    <textarea
      id="reply-text"
      name="body"
      rows="4"
      aria-invalid=${composer.invalid ? 'true' : 'false'}
      aria-describedby="reply-format reply-error"
      .value=${live(composer.text)}
      @input=${(event: Event) => composer.input((event.target as HTMLTextAreaElement).value)}
    ></textarea>
    <div class="format-row">
      <p id="reply-format" class="help">
        ${msg('Formatting: **bold**, *italic*, a line starting with - for a list, [text](https://…) for a link.', {
          id: 'tickets.detail.formatHint',
        })}
      </p>
      <button
        type="button"
        class="button"
        part="preview-toggle"
        aria-pressed=${composer.preview ? 'true' : 'false'}
        aria-controls=${composer.preview ? 'reply-preview' : nothing}
        @click=${() => composer.togglePreview()}
      >
        ${msg('Preview', { id: 'tickets.detail.preview' })}
      </button>
    </div>
    ${
      composer.preview
        ? html`<section id="reply-preview" part="reply-preview" class="reply-preview" aria-label=${msg('Preview of your reply', { id: 'tickets.detail.previewLabel' })}>
          ${
            composer.text.trim()
              ? renderMarkdown(composer.text)
              : html`<p class="help">${msg('Nothing to preview yet.', { id: 'tickets.detail.previewEmpty' })}</p>`
          }
        </section>`
        : nothing
    }
    ${
      attachmentsAllowed
        ? html`<div class="form-actions">
          <button type="button" class="button" @click=${() => root.querySelector<HTMLInputElement>('#reply-files')?.click()}>
            ${msg('Attach files', { id: 'tickets.detail.attach' })}
          </button>
          <input
            id="reply-files"
            type="file"
            multiple
            hidden
            accept=${limits?.allowedTypes.length ? limits.allowedTypes.join(',') : nothing}
            @change=${chosen}
          />
        </div>`
        : nothing
    }
    ${
      items.length > 0
        ? html`<ul class="uploads" aria-label=${msg('Files to send', { id: 'tickets.detail.filesToSend' })}>
          ${repeat(
            items,
            (u) => u.key,
            (u) => renderUploadItem(view, u),
          )}
        </ul>`
        : nothing
    }
    <div id="reply-error" class="error" role="alert">${composer.error ?? nothing}</div>
    <div class="form-actions">
      <button type="submit" class="button primary" part="send" aria-disabled=${composer.sending || uploading ? 'true' : 'false'}>
        ${composer.sending ? msg('Sending…', { id: 'tickets.detail.sending' }) : msg('Send reply', { id: 'tickets.detail.send' })}
      </button>
    </div>
  </form>`;
}

/** Instead of the reply form: why this person cannot reply here. */
export function renderReadOnly(ticket: Ticket, user: User | null) {
  let text: string;
  if (!isOpenStatus(ticket.status)) {
    text = ticket.permissions?.canReopen
      ? msg('This ticket is closed. Reopen it to add a reply.', { id: 'tickets.detail.readOnly.closedReopen' })
      : msg('This ticket is closed, so replies are no longer possible.', { id: 'tickets.detail.readOnly.closed' });
  } else if (user && ticket.requester.id !== user.id) {
    text = msg(str`You can read this ticket, but only ${ticket.requester.name}, who raised it, can reply.`, {
      id: 'tickets.detail.readOnly.colleague',
    });
  } else {
    text = msg('Replies are not possible on this ticket.', { id: 'tickets.detail.readOnly.other' });
  }
  return html`<p part="read-only" class="note">${text}</p>`;
}
