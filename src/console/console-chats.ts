import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import { problemText } from '../core/problem-text.js';
import { formatDateTime, formatRelative } from '../core/format.js';
import type { ChatMessage } from '../protocol/index.js';
import { PorticoElement } from '../components/shared/portico-element.js';
import { renderLoading } from '../components/shared/state-views.js';
import { renderLoadError } from '../components/shared/load-error.js';
import type { AgentConversation, ConsoleApi } from './console-api.js';
import { consoleBase } from './console.styles.js';

/** How often an open conversation is read again for the visitor's new messages. */
const POLL_MS = 3000;

/**
 * The built-in chat's inbox for agents: open conversations with who and what
 * was said last; one opened to read it as it goes on, answer and end it.
 */
export class PorticoConsoleChats extends PorticoElement {
  static override styles = [
    ...consoleBase,
    css`
      :host {
        display: block;
      }
      ul,
      ol {
        list-style: none;
        margin: 0 0 var(--_space-4);
        padding: 0;
        display: grid;
        gap: var(--_space-2);
      }
      .conversation {
        inline-size: 100%;
        text-align: start;
        display: grid;
        gap: var(--_space-1);
      }
      .muted {
        color: var(--_color-muted);
      }
      li.message {
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
        padding: var(--_space-2) var(--_space-3);
        background: var(--_color-surface);
      }
      li.agent {
        border-inline-start: 4px solid var(--_color-primary);
      }
      .who {
        font-weight: 600;
        margin: 0;
      }
      .text {
        margin: var(--_space-1) 0 0;
        white-space: pre-wrap;
      }
      form {
        display: grid;
        gap: var(--_space-2);
      }
    `,
  ];

  @property({ attribute: false }) api?: ConsoleApi;
  @property({ attribute: false }) agentName = '';
  @state() private open: AgentConversation | null = null;
  @state() private messages: ChatMessage[] = [];
  @state() private notice: { text: string; error?: boolean } | null = null;
  #poll = 0;

  #list = new Task(this, {
    task: async ([api, open]) => (api && !open ? (await api.conversations('open')).items : null),
    args: () => [this.api, this.open] as const,
  });

  override disconnectedCallback(): void {
    clearInterval(this.#poll);
    super.disconnectedCallback();
  }

  override render(): TemplateResult {
    return html`<h2>${msg('Chats', { id: 'console.chats' })}</h2>
      ${
        this.open
          ? this.#renderConversation(this.open)
          : this.#list.render({
              pending: () => renderLoading(),
              error: (err) =>
                renderLoadError(msg('The chats could not be loaded.', { id: 'console.chats.loadFailed' }), err, () =>
                  this.#list.run(),
                ),
              complete: (items) => (items ? this.#renderList(items) : nothing),
            })
      }`;
  }

  #renderList(items: AgentConversation[]): TemplateResult {
    const refresh = html`<button class="button" type="button" @click=${() => this.#list.run()}>
      ${msg('Refresh', { id: 'console.chats.refresh' })}
    </button>`;
    if (!items.length) {
      return html`<p role="status">${msg('Nobody is chatting right now.', { id: 'console.chats.none' })}</p>
        ${refresh}`;
    }
    return html`<ul>
        ${items.map(
          (c) => html`<li>
            <button class="button conversation" type="button" @click=${() => this.#openConversation(c)}>
              <strong>${c.customer ? `${c.customer.name} <${c.customer.email}>` : '—'}</strong>
              <span dir="auto">${c.lastMessage ?? ''}</span>
              <span class="muted"><time datetime=${c.updatedAt}>${formatRelative(c.updatedAt, this.locale)}</time></span>
            </button>
          </li>`,
        )}
      </ul>
      ${refresh}`;
  }

  async #openConversation(c: AgentConversation): Promise<void> {
    this.open = c;
    this.notice = null;
    await this.#read();
    clearInterval(this.#poll);
    this.#poll = window.setInterval(() => void this.#read(), POLL_MS);
  }

  #close(): void {
    clearInterval(this.#poll);
    this.open = null;
    this.messages = [];
  }

  async #read(): Promise<void> {
    if (!this.api || !this.open) return;
    try {
      this.messages = (await this.api.chatMessages(this.open.id)).items;
    } catch (err) {
      this.notice = { text: problemText(err), error: true };
    }
  }

  #renderConversation(c: AgentConversation): TemplateResult {
    const ended = c.status === 'ended';
    return html`<button class="button" type="button" @click=${() => this.#close()}>
        <span class="back-arrow" aria-hidden="true">←</span> ${msg('All chats', { id: 'console.chats.back' })}
      </button>
      <h3>${c.customer ? `${c.customer.name} <${c.customer.email}>` : '—'}</h3>
      <div role="log" aria-label=${msg('Chat messages', { id: 'console.chats.log' })}>
        <ol>
        ${this.messages.map(
          (m) => html`<li class="message ${m.author.role}">
            <p class="who">${m.author.name} · ${formatDateTime(m.createdAt, this.locale)}</p>
            <p class="text" dir="auto">${m.text}</p>
          </li>`,
        )}
      </ol>
      </div>
      ${
        ended
          ? html`<p role="status">${msg('This chat has ended.', { id: 'console.chats.ended' })}</p>`
          : html`<form @submit=${(e: SubmitEvent) => this.#send(e, c)}>
            <label for="chat-reply">${msg('Answer', { id: 'console.reply.label' })}</label>
            <textarea id="chat-reply" name="text" required dir="auto"></textarea>
            <div class="row">
              <button class="button primary" type="submit">${msg('Send', { id: 'console.reply.send' })}</button>
              <button class="button" type="button" @click=${() => this.#end(c)}>
                ${msg('End chat', { id: 'console.chats.end' })}
              </button>
            </div>
          </form>`
      }
      <p role="status" class=${this.notice?.error ? 'error' : ''}>${this.notice?.text ?? ''}</p>`;
  }

  async #send(event: SubmitEvent, c: AgentConversation): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const box = form.elements.namedItem('text') as HTMLTextAreaElement;
    const text = box.value.trim();
    if (!text || !this.api) return;
    try {
      await this.api.chatReply(c.id, this.agentName, text);
      box.value = '';
      this.notice = null;
      await this.#read();
    } catch (err) {
      // The text stays in the box.
      this.notice = { text: problemText(err), error: true };
    }
  }

  async #end(c: AgentConversation): Promise<void> {
    if (!this.api) return;
    try {
      this.open = { ...c, ...(await this.api.endChat(c.id)) };
      clearInterval(this.#poll);
    } catch (err) {
      this.notice = { text: problemText(err), error: true };
    }
  }
}
