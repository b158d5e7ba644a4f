import type { ReactiveController, ReactiveControllerHost } from 'lit';

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
    const key = this.#key();
    if (!key || this.#text) return;
    try {
      this.#text = sessionStorage.getItem(key) ?? '';
      this.host.requestUpdate();
    } catch {
      // Storage blocked: the draft lives in memory only.
    }
  }

  #key(): string | null {
    const baseUrl = this.baseUrl();
    return baseUrl === undefined ? null : `portico.chat.draft:${baseUrl}`;
  }

  #save(): void {
    const key = this.#key();
    if (!key) return;
    try {
      if (this.#text) sessionStorage.setItem(key, this.#text);
      else sessionStorage.removeItem(key);
    } catch {
      // Storage blocked: the draft lives in memory only.
    }
  }
}
