import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HelpdeskBackend } from '../../core/backend.js';
import type { Article } from '../../protocol/index.js';

export interface SuggestionOptions {
  /** Quiet time after the last keystroke before searching. */
  delayMs?: number;
  /** Shorter queries search nothing. */
  minLength?: number;
  maxResults?: number;
}

/**
 * Knowledge suggestions while the user types a subject (TOPdesk's suggestion
 * panel): debounced, and each new search aborts the one still running so a
 * slow answer for an old query never replaces a newer one.
 */
export class ArticleSuggestionsController implements ReactiveController {
  articles: Article[] = [];
  /** The query the current `articles` answer. */
  query = '';
  /** The suggestion opened in place, if any. */
  openId: string | null = null;

  readonly #delay: number;
  readonly #minLength: number;
  readonly #max: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inflight: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getBackend: () => HelpdeskBackend | undefined,
    /** The customer's language: its articles first, its stemming. */
    private readonly getLocale: () => string,
    options: SuggestionOptions = {},
  ) {
    this.#delay = options.delayMs ?? 300;
    this.#minLength = options.minLength ?? 3;
    this.#max = options.maxResults ?? 5;
    host.addController(this);
  }

  /** Call on every keystroke in the subject. */
  search(text: string): void {
    clearTimeout(this.#timer);
    const q = text.trim();
    if (q.length < this.#minLength) {
      this.#inflight?.abort();
      this.#inflight = null;
      if (this.articles.length || this.query) {
        this.articles = [];
        this.query = '';
        this.host.requestUpdate();
      }
      return;
    }
    if (q === this.query && !this.#inflight) return;
    this.#timer = setTimeout(() => void this.#run(q), this.#delay);
  }

  /** Opens a suggestion in place, or closes it again. */
  toggle = (articleId: string): void => {
    this.openId = this.openId === articleId ? null : articleId;
    this.host.requestUpdate();
  };

  clear(): void {
    clearTimeout(this.#timer);
    this.#inflight?.abort();
    this.#inflight = null;
    this.articles = [];
    this.query = '';
    this.openId = null;
    this.host.requestUpdate();
  }

  async #run(q: string): Promise<void> {
    const backend = this.getBackend();
    if (!backend) return;
    this.#inflight?.abort();
    const controller = new AbortController();
    this.#inflight = controller;
    try {
      const articles = await backend.searchArticles(q, {
        signal: controller.signal,
        locale: this.getLocale(),
        limit: this.#max,
      });
      if (controller.signal.aborted) return;
      this.articles = articles.slice(0, this.#max);
      if (this.openId && !this.articles.some((a) => a.id === this.openId)) this.openId = null;
      this.query = q;
    } catch {
      // Suggestions are a help, not a step: a failed or aborted search shows nothing new.
      if (controller.signal.aborted) return;
      this.articles = [];
      this.query = q;
    } finally {
      if (this.#inflight === controller) this.#inflight = null;
    }
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#inflight?.abort();
    this.#inflight = null;
  }
}
