import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { until } from 'lit/directives/until.js';
import { msg, str } from '@lit/localize';
import type { HelpdeskBackend } from '../../core/backend.js';
import { formatBytes, formatDateTime } from '../../core/format.js';
import { sanitizedHtml } from '../shared/sanitized-html.js';
import { markdownToHtml, renderedMarkdown } from '../../core/markdown.js';
import type { Attachment, Message, PortalSettings, User } from '../../protocol/index.js';
import type { PendingReply } from './pending-replies.controller.js';

/** What the conversation shows: the public messages (oldest first), then the replies waiting in the outbox. */
export interface ConversationView {
  messages: Message[];
  /** Where the older messages continue (the gateway's cursor), null when the thread starts on screen. */
  olderCursor: string | null;
  /** Older messages are being fetched / could not be fetched. */
  older: 'idle' | 'loading' | 'failed';
  loadOlder(): void;
  pending: PendingReply[];
  portal: PortalSettings | null;
  user: User | null;
  backend: HelpdeskBackend;
  locale: string;
  cancelPending(id: string): void;
}

/** The conversation as the widget shows it (oldest first) and where its older part continues. */
export interface ConversationPart {
  messages: Message[];
  olderCursor: string | null;
}

/**
 * One page of the conversation, newest first on the wire: the first call (no
 * cursor) is the newest messages, each cursor the page before. Only one page
 * is fetched, so a long thread shows as fast as a short one.
 */
export async function loadConversationPage(
  backend: HelpdeskBackend,
  ticketId: string,
  signal: AbortSignal | undefined,
  cursor?: string,
): Promise<ConversationPart> {
  const result = await backend.listMessages(ticketId, { signal, cursor, sort: '-created' });
  return { messages: [...result.items].reverse(), olderCursor: result.nextCursor };
}

/** An older page in front of what is shown; a message already shown is not shown twice. */
export function prependOlder(shown: Message[], older: Message[]): Message[] {
  const known = new Set(shown.map((m) => m.id));
  return [...older.filter((m) => !known.has(m.id)), ...shown];
}

/** The name shown for a message's author: agents stay anonymous unless the portal shows them. */
export function authorName(message: Message, portal: PortalSettings | null): string {
  if (message.author.role === 'agent' && !portal?.showAgentNames) {
    return msg('Support team', { id: 'tickets.detail.supportTeam' });
  }
  return message.author.name;
}

export function renderTime(iso: string, locale: string) {
  return html`<time datetime=${iso}>${formatDateTime(iso, locale)}</time>`;
}

export function renderConversation(view: ConversationView) {
  const { messages, pending } = view;
  return html`<section part="conversation" aria-labelledby="conversation-heading">
    <h3 id="conversation-heading" tabindex="-1">${msg('Conversation', { id: 'tickets.detail.conversation' })}</h3>
    ${view.olderCursor ? renderEarlier(view) : nothing}
    ${
      messages.length === 0 && pending.length === 0
        ? html`<p class="muted">${msg('No messages yet.', { id: 'tickets.detail.noMessages' })}</p>`
        : html`<ol class="messages">
          ${repeat(
            messages,
            (m) => m.id,
            (m) => renderMessage(view, m),
          )}
          ${repeat(
            pending,
            (r) => r.id,
            (r) => renderPendingReply(view, r),
          )}
        </ol>`
    }
  </section>`;
}

/** "Show earlier messages" above the oldest message shown: each press fetches one older page. */
function renderEarlier(view: ConversationView) {
  const loading = view.older === 'loading';
  return html`<div class="earlier">
    <button type="button" class="button" part="earlier" aria-disabled=${loading ? 'true' : 'false'}
      @click=${() => !loading && view.loadOlder()}>
      ${
        loading
          ? msg('Loading earlier messages…', { id: 'tickets.detail.earlier.loading' })
          : msg('Show earlier messages', { id: 'tickets.detail.earlier' })
      }
    </button>
    ${
      view.older === 'failed'
        ? html`<p class="muted" role="alert">${msg('The earlier messages could not be loaded.', { id: 'tickets.detail.earlier.error' })}</p>`
        : nothing
    }
  </div>`;
}

function renderMessage(view: ConversationView, message: Message) {
  const agent = message.author.role === 'agent';
  const name = authorName(message, view.portal);
  // The tag says who wrote it in words, so the difference is not carried by colour and position alone.
  const tag = agent
    ? view.portal?.showAgentNames
      ? msg('Support', { id: 'tickets.detail.role.agent' })
      : null
    : msg('Customer', { id: 'tickets.detail.role.customer' });
  return html`<li part=${agent ? 'message agent-message' : 'message customer-message'} class="message ${agent ? 'agent' : 'customer'}">
    <p class="message-meta">
      <span class="author">${name}</span>
      ${tag ? html`<span class="role-tag">${tag}</span>` : nothing}
      ${renderTime(message.createdAt, view.locale)}
    </p>
    ${renderBody(message)}
    ${
      message.attachments.length > 0
        ? html`<ul class="attachments" aria-label=${msg(str`Attachments from ${name}`, { id: 'tickets.detail.attachments' })}>
          ${message.attachments.map((a) => html`<li>${renderAttachment(view, a)}</li>`)}
        </ul>`
        : nothing
    }
  </li>`;
}

function renderPendingReply(view: ConversationView, reply: PendingReply) {
  const noteId = `pending-${reply.id}`;
  return html`<li part="message customer-message pending-message" class="message customer pending" data-pending-id=${reply.id}>
    <p class="message-meta">
      <span class="author">${view.user?.name ?? nothing}</span>
      <span class="role-tag">${msg('Customer', { id: 'tickets.detail.role.customer' })}</span>
      ${renderTime(new Date(reply.createdAt).toISOString(), view.locale)}
    </p>
    <div class="body text" dir="auto">${reply.text}</div>
    ${
      reply.attachments.length > 0
        ? html`<ul class="attachments" aria-label=${msg('Attachments waiting to be sent', { id: 'tickets.detail.pending.attachments' })}>
          ${reply.attachments.map(
            (a) => html`<li>
              ${a.name || msg('Attached file', { id: 'tickets.detail.pending.attachment' })}
              ${a.size ? html`<span class="muted">(${formatBytes(a.size, view.locale)})</span>` : nothing}
            </li>`,
          )}
        </ul>`
        : nothing
    }
    <div part="pending-note" class="pending-note">
      <p id=${noteId}>
        ${msg('Waiting to send — will be sent when you are back online', { id: 'tickets.detail.pending' })}
      </p>
      <button type="button" class="button" aria-describedby=${noteId} @click=${() => view.cancelPending(reply.id)}>
        ${msg('Cancel sending', { id: 'tickets.detail.pending.cancel' })}
      </button>
    </div>
  </li>`;
}

/** A message body: text as is, HTML and Markdown through the one sanitizer. */
export function renderBody(message: Message) {
  const { format, content } = message.body;
  if (format === 'html') {
    return html`<div class="body html" dir="auto">${sanitizedHtml(content)}</div>`;
  }
  if (format === 'markdown') return renderMarkdown(content);
  // Text keeps its line breaks (white-space: pre-wrap).
  return html`<div class="body text" dir="auto">${content}</div>`;
}

/** Markdown through the sanitizer; its source text shows while the renderer loads (first use on the page). */
export function renderMarkdown(content: string) {
  const shown = (safe: string) =>
    html`<div class="body html" dir="auto" data-format="markdown">${sanitizedHtml(safe)}</div>`;
  const ready = renderedMarkdown(content);
  if (ready !== undefined) return shown(ready);
  const source = html`<div class="body text" dir="auto">${content}</div>`;
  return until(
    markdownToHtml(content).then(shown, () => source),
    source,
  );
}

/** Raster images the browser shows inline; anything else (SVG included) stays a download. */
const PREVIEWABLE = /^image\/(?:png|jpeg|gif|webp|avif)$/i;

function renderAttachment(view: ConversationView, attachment: Attachment) {
  // Only through the gateway's authorized attachment route, never a remote address.
  const href = view.backend.attachmentUrl(attachment.id);
  const size = formatBytes(attachment.size, view.locale);
  return html`${
    PREVIEWABLE.test(attachment.contentType)
      ? html`<a class="preview" href=${href} download=${attachment.name} rel="noopener" tabindex="-1" aria-hidden="true"
          ><img part="attachment-preview" src=${href} alt="" loading="lazy" decoding="async"
        /></a>`
      : nothing
  }<a part="attachment" href=${href} download=${attachment.name} rel="noopener"
      >${attachment.name} <span class="muted">(${size})</span></a
    >`;
}
