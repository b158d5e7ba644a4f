import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { chatStyles } from './chat.styles.js';
import { ChatConversationController, type ChatEntry } from './chat-conversation.controller.js';
import { ChatVisibilityController } from './chat-visibility.controller.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';
import { UploadController } from '../shared/upload.controller.js';
import { findPorticoScriptNonce } from '../../core/consent.js';
import { isUnauthorized } from '../../core/errors.js';
import { formatBytes, formatDateTime } from '../../core/format.js';
import { renderLoadError } from '../shared/load-error.js';
import { renderLoading, renderNotConfigured, renderSignedOut, stateViewStyles } from '../shared/state-views.js';
import { ChatDraftController } from './chat-draft.controller.js';
import { availabilityReason, chatMode, isMisconfiguredProvider, type ChatSetup } from './chat-mode.js';

/**
 * Live chat with the support team. Built in over the Portico protocol, with a
 * "leave a message" form (which becomes a ticket) when nobody is available, or
 * a "Start chat" button for an external provider (Chatwoot, SnapEngage) whose
 * script loads only when pressed. Where the portal does not offer chat to this
 * person, the element hides itself.
 *
 * @event portico-chat-availability - `{available, reason}` once known; the launcher hides its Chat tab for `disabled`/`not-eligible`.
 * @event portico-chat-unread - `{count}` of agent messages that arrived while the chat was out of sight; `0` once seen.
 * @event portico-ticket-created - `{ticket}` from the leave-a-message form.
 * @event portico-auth-required - the chat needs a signed-in person.
 *
 * @csspart base - the wrapper.
 * @csspart state - the loading, load error and signed-out views.
 * @csspart log - the transcript (a live region).
 * @csspart message - one message; also `message-customer` / `message-agent`.
 * @csspart composer - the message box and its buttons.
 * @csspart send-button - the Send button.
 *
 * @cssproperty --portico-chat-customer-bg, --portico-chat-customer-text - the customer's bubbles.
 * @cssproperty --portico-chat-agent-bg, --portico-chat-agent-text - the agents' bubbles.
 * @cssproperty --portico-chat-log-height - the transcript's maximum height.
 */
export class PorticoChat extends PorticoElement {
  static override styles = [tokens, stateViewStyles, chatStyles];

  /** Agent messages received while the chat was out of sight. */
  @state() unread = 0;
  @state() private composerError = '';

  @query('textarea') private textarea?: HTMLTextAreaElement;
  @query('.log') private log?: HTMLElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;

  #hiddenByAvailability = false;
  #sessionWatch = new SessionWatchController(this, () => this.services?.session);
  #lastEntryCount = 0;

  #conversation = new ChatConversationController(
    this,
    () => this.services,
    () => this.#onAgentMessage(),
  );

  #draft = new ChatDraftController(this, () => this.services?.backend.baseUrl);

  #uploads = new UploadController(this, {
    backend: () => this.services?.backend,
    limits: () => this.#setup.value?.portal.uploads,
  });

  #visibility = new ChatVisibilityController(this, (visible) => {
    if (visible) this.#markSeen();
  });

  #setup = new Task(this, {
    task: async ([backend], { signal }): Promise<ChatSetup | null> => {
      const services = this.services;
      if (!backend || !services) return null;
      const session = await services.session.load(signal).catch(() => null);
      const [portal, availability] = await Promise.all([
        backend.getPortal({ signal }),
        backend.getChatAvailability({ signal }),
      ]);
      return { portal, availability, signedIn: !!session };
    },
    // Signing in or out changes who may chat.
    args: () => [this.services?.backend, this.#sessionWatch.version] as const,
    onComplete: (setup) => this.#applySetup(setup),
    onError: (error) => {
      if (isUnauthorized(error)) this.emit('portico-auth-required', {});
    },
  });

  /** Moves focus to the message box (or the first control of the current view). */
  override focus(options?: FocusOptions): void {
    const target =
      this.textarea ??
      this.renderRoot.querySelector<HTMLElement>('portico-chat-offline, portico-chat-external, button');
    if (target) target.focus(options);
    else super.focus(options);
  }

  // ---------------------------------------------------------- availability

  #applySetup(setup: ChatSetup | null): void {
    if (!setup) return;
    const mode = chatMode(setup);
    if (mode === 'hidden' && isMisconfiguredProvider(setup)) {
      console.error('[Portico] chat provider is set but providerId (and, for Chatwoot, providerBaseUrl) is missing');
    }
    const reason = availabilityReason(mode, setup);
    if (mode === 'hidden') {
      this.#hiddenByAvailability = true;
      this.hidden = true;
    } else if (this.#hiddenByAvailability) {
      this.#hiddenByAvailability = false;
      this.hidden = false;
    }
    this.emit('portico-chat-availability', { available: mode === 'builtin' || mode === 'external', reason });
    if (mode === 'builtin') {
      this.#draft.load();
      void this.#conversation.resume();
    }
  }

  // ---------------------------------------------------------- unread

  #onAgentMessage(): void {
    if (this.#visibility.visible) return;
    this.unread += 1;
    this.emit('portico-chat-unread', { count: this.unread });
  }

  #markSeen(): void {
    if (this.unread === 0) return;
    this.unread = 0;
    this.emit('portico-chat-unread', { count: 0 });
  }

  // ---------------------------------------------------------- composer

  #onInput(e: Event): void {
    this.#draft.text = (e.target as HTMLTextAreaElement).value;
    this.composerError = '';
  }

  #onKeydown(e: KeyboardEvent): void {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    this.#send();
  }

  #send(): void {
    const text = this.#draft.text.trim();
    if (this.#uploads.uploading) {
      this.composerError = msg('Wait until your files have been uploaded.', { id: 'chat.waitForUploads' });
      return;
    }
    const attachments = this.#uploads.uploaded;
    if (!text && attachments.length === 0) {
      this.composerError = msg('Type a message first.', { id: 'chat.emptyMessage' });
      this.textarea?.focus();
      return;
    }
    this.#draft.text = '';
    this.#uploads.clear();
    this.composerError = '';
    this.#conversation.send(text, attachments);
    this.textarea?.focus();
  }

  #chooseFiles(): void {
    this.fileInput?.click();
  }

  #onFiles(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    this.#uploads.add(files);
  }

  #removeUpload(key: string): void {
    this.#uploads.remove(key);
    this.textarea?.focus();
  }

  // ---------------------------------------------------------- rendering

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const count = this.#conversation.entries.length;
    if (count !== this.#lastEntryCount && this.log) {
      this.#lastEntryCount = count;
      this.log.scrollTop = this.log.scrollHeight;
    }
  }

  override render() {
    if (!this.services) return renderNotConfigured();
    return this.#setup.render({
      pending: () => renderLoading(),
      error: (error) => this.#renderError(error),
      complete: (setup) => {
        if (!setup) return nothing;
        switch (chatMode(setup)) {
          case 'hidden':
            return nothing;
          case 'external':
            return html`<div part="base" class="base">
              <portico-chat-external
                .chat=${setup.portal.chat}
                .scriptNonce=${this.services?.config.nonce ?? findPorticoScriptNonce()}
              ></portico-chat-external>
            </div>`;
          case 'offline':
            // The message becomes a ticket: a visitor who is not signed in may leave one only where the portal takes anonymous tickets.
            if (!setup.signedIn && !setup.portal.anonymousTickets) {
              return renderSignedOut(
                msg('Nobody is available right now. Sign in to leave us a message.', {
                  id: 'chat.offline.signInFirst',
                }),
                { signIn: true },
              );
            }
            return html`<div part="base" class="base">
              <portico-chat-offline ?signed-in=${setup.signedIn}></portico-chat-offline>
            </div>`;
          case 'builtin':
            return this.#renderChat();
        }
      },
    });
  }

  #renderError(error: unknown): TemplateResult {
    if (isUnauthorized(error)) return renderSignedOut(msg('Sign in to chat with us.', { id: 'chat.signInToChat' }));
    return renderLoadError(msg('The chat could not be loaded.', { id: 'chat.loadFailed' }), error, () =>
      this.#setup.run(),
    );
  }

  #renderChat(): TemplateResult {
    const conversation = this.#conversation;
    const entries = conversation.entries;
    return html`<div part="base" class="base">
      <div
        part="log"
        class="log"
        role="log"
        aria-live="polite"
        aria-label=${msg('Chat messages', { id: 'chat.logLabel' })}
        tabindex="0"
      >
        ${
          entries.length === 0
            ? html`<p class="empty">
              ${msg('Ask your question here; one of our team will answer in this chat.', { id: 'chat.empty' })}
            </p>`
            : html`<ol>
              ${repeat(
                entries,
                (e) => e.key,
                (e) => this.#renderEntry(e),
              )}
            </ol>`
        }
        ${
          conversation.ended
            ? html`<p class="notice">
              ${msg('This chat has ended. Send a message to start a new one.', { id: 'chat.ended' })}
            </p>`
            : nothing
        }
      </div>
      ${this.#renderComposer()}
    </div>`;
  }

  #renderEntry(e: ChatEntry): TemplateResult {
    const backend = this.services?.backend;
    const author =
      e.role === 'customer'
        ? msg('You', { id: 'chat.you' })
        : e.authorName || msg('Support', { id: 'chat.agentFallback' });
    return html`<li class="message ${e.role} ${e.state}" part="message message-${e.role}">
      <div class="meta">
        <span>${author}</span>
        ${e.state === 'sent' ? html`<time datetime=${e.createdAt}>${formatDateTime(e.createdAt, this.locale)}</time>` : nothing}
      </div>
      ${e.text ? html`<p class="text">${e.text}</p>` : nothing}
      ${
        e.attachments.length && backend
          ? html`<ul class="attachments">
            ${e.attachments.map(
              (a) => html`<li>
                <a href=${backend.attachmentUrl(a.id)} download=${a.name} rel="noopener noreferrer"
                  >${a.name}</a
                >
                (${formatBytes(a.size, this.locale)})
              </li>`,
            )}
          </ul>`
          : nothing
      }
      ${
        e.state === 'pending'
          ? html`<div class="delivery">${msg('Sending…', { id: 'chat.sending' })}</div>`
          : e.state === 'failed' || e.state === 'waiting'
            ? html`<div class="delivery">
              <span
                >${
                  e.state === 'waiting'
                    ? msg('Not sent yet. It goes by itself as soon as the connection is back.', {
                        id: 'chat.waiting',
                      })
                    : msg('Not sent.', { id: 'chat.notSent' })
                }</span
              >
              <button
                class="button"
                @click=${() => this.#conversation.retry(e.key)}
                aria-label=${msg(str`Retry sending: ${e.text.slice(0, 40)}`, { id: 'chat.retryLabel' })}
              >
                ${msg('Retry', { id: 'common.retry' })}
              </button>
            </div>`
            : nothing
      }
    </li>`;
  }

  #renderComposer(): TemplateResult {
    const canAttach =
      !!this.#conversation.conversationId &&
      !this.#conversation.ended &&
      this.#setup.value?.portal.capabilities.attachments !== false;
    const errorId = 'composer-error';
    return html`<div part="composer" class="composer">
      <label for="composer-text">${msg('Message', { id: 'chat.messageLabel' })}</label>
      <textarea
        id="composer-text"
        rows="2"
        .value=${this.#draft.text}
        aria-describedby="composer-hint ${this.composerError ? errorId : ''}"
        aria-invalid=${this.composerError ? 'true' : 'false'}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      ></textarea>
      <p id="composer-hint" class="hint">
        ${msg('Enter sends, Shift+Enter starts a new line.', { id: 'chat.enterHint' })}
      </p>
      ${
        this.#uploads.items.length
          ? html`<ul class="chips" aria-label=${msg('Files to send', { id: 'chat.filesLabel' })}>
            ${this.#uploads.items.map(
              (u) => html`<li>
                <span>
                  ${u.name}
                  ${
                    u.error
                      ? html`<span class="error">— ${u.error}</span>`
                      : u.status === 'uploading'
                        ? html`— ${msg('uploading…', { id: 'chat.uploading' })}`
                        : nothing
                  }
                </span>
                <button
                  @click=${() => this.#removeUpload(u.key)}
                  aria-label=${msg(str`Remove ${u.name}`, { id: 'chat.removeFile' })}
                >
                  ✕
                </button>
              </li>`,
            )}
          </ul>`
          : nothing
      }
      ${this.composerError ? html`<p id=${errorId} class="error" role="alert">${this.composerError}</p>` : nothing}
      <div class="actions">
        ${
          canAttach
            ? html`<input
                type="file"
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
                multiple
                @change=${this.#onFiles}
              />
              <button class="button" @click=${this.#chooseFiles}>
                ${msg('Attach file', { id: 'chat.attach' })}
              </button>`
            : nothing
        }
        <button part="send-button" class="button primary" @click=${this.#send}>
          ${msg('Send', { id: 'chat.send' })}
        </button>
      </div>
    </div>`;
  }
}
