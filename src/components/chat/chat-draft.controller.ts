import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadChatDraft, saveChatDraft } from '../../core/chat-session.js';

/**
 * The chat message being typed, kept in sessionStorage per backend so a
 * re-mount or reload in the same tab keeps it. Storage blocked: it lives in
 * memory only.
 */
export class ChatDraftController implements ReactiveController {
  #text = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly baseUrl: () => string | undefined,
  ) {
    host.addController(this);
  }

  get text(): string {
    return this.#text;
  }

  set text(value: string) {
    this.#text = value;
    this.host.requestUpdate();
    this.#save();
  }

  hostConnected(): void {}

  /** Brings back a saved draft, unless something was typed already. */
  load(): void {
    const baseUrl = this.baseUrl();
    if (baseUrl === undefined || this.#text) return;
    this.#text = loadChatDraft(baseUrl);
    this.host.requestUpdate();
  }

  #save(): void {
    const baseUrl = this.baseUrl();
    if (baseUrl !== undefined) saveChatDraft(baseUrl, this.#text);
  }
}
