import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { renderLoading, renderNotConfigured, stateViewStyles } from '../shared/state-views.js';
import { renderLoadError } from '../shared/load-error.js';
import { NotFoundError } from '../../core/errors.js';
import { markdownToHtml } from '../../core/markdown.js';
import type { Article, ArticleDetail } from '../../protocol/index.js';
import { renderArticle, type FeedbackState } from './article-view.js';
import { knowledgeStyles } from './knowledge.styles.js';

/** Articles the list shows at most. */
const LIST_LIMIT = 20;
/** Quiet time after the last keystroke before searching. */
const SEARCH_DELAY_MS = 250;

/**
 * The knowledge base inside the widget and the portal: a searchable list of
 * articles (any word matches, the customer's language first) and one article
 * — its title, its body (Markdown through the sanitizer) and "did this answer
 * your question?", which the gateway records for the site owner (deflection).
 *
 * @event portico-article-select - `{articleId}` when an article is opened from the list, or `null` back to the list.
 * @event portico-article-feedback - `{articleId, helpful}` once "did this answer your question?" was recorded.
 *
 * @csspart base - The wrapper (also `list` or `article`).
 * @csspart search - The search field.
 * @csspart article-link - An article in the list.
 * @csspart article-body - The article's text.
 * @csspart feedback - "Did this answer your question?" and its answer.
 * @csspart back - Back to the list.
 * @csspart state - Loading, error and not-found.
 */
export class PorticoKnowledge extends PorticoElement {
  static override styles = [tokens, stateViewStyles, knowledgeStyles];

  /** The article to show; empty: the list. */
  @property({ attribute: 'article-id', reflect: true }) articleId = '';

  /** Only the article, no list and no way back to one (the support form opens suggestions this way). */
  @property({ attribute: 'no-list', type: Boolean, reflect: true }) noList = false;

  /** The level of the element's heading (2 on a page of its own, deeper inside another view). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private query = '';
  @state() private feedback: Record<string, FeedbackState> = {};

  #typed = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #focusTitle = false;

  private listTask = new Task(this, {
    task: async ([services, show, q, locale], { signal }): Promise<Article[] | null> => {
      if (!services || !show) return null;
      return services.backend.searchArticles(q, { signal, locale, limit: LIST_LIMIT });
    },
    args: () => [this.services, !this.articleId && !this.noList, this.query, this.locale] as const,
  });

  private articleTask = new Task(this, {
    task: async ([services, id], { signal }) => {
      if (!services || !id) return null;
      try {
        const article: ArticleDetail = await services.backend.getArticle(id, { signal });
        return { article, bodyHtml: await markdownToHtml(article.body) };
      } catch (err) {
        if (err instanceof NotFoundError) return 'not-found' as const;
        throw err;
      }
    },
    args: () => [this.services, this.articleId] as const,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  /** Opens an article (or, with null, goes back to the list) and tells the host. */
  open(articleId: string | null): void {
    this.articleId = articleId ?? '';
    this.#focusTitle = true;
    this.emit('portico-article-select', { articleId });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.#focusTitle) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.articleId ? '#article-title' : '#search');
    if (!target) return;
    this.#focusTitle = false;
    target.focus();
  }

  #onSearch(event: Event): void {
    this.#typed = (event.target as HTMLInputElement).value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (this.query = this.#typed.trim()), SEARCH_DELAY_MS);
  }

  async #answer(articleId: string, helpful: boolean): Promise<void> {
    const backend = this.services?.backend;
    if (!backend || this.feedback[articleId] === 'sending') return;
    this.feedback = { ...this.feedback, [articleId]: 'sending' };
    try {
      await backend.sendArticleFeedback(articleId, helpful);
      this.feedback = { ...this.feedback, [articleId]: helpful ? 'helpful' : 'not-helpful' };
      this.emit('portico-article-feedback', { articleId, helpful });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.feedback-thanks')?.focus();
    } catch {
      this.feedback = { ...this.feedback, [articleId]: 'failed' };
    }
  }

  override render() {
    if (!this.services) return renderNotConfigured();
    return this.articleId ? this.#renderArticle() : this.noList ? nothing : this.#renderList();
  }

  #renderArticle() {
    return this.articleTask.render({
      pending: () => renderLoading(msg('Loading article…', { id: 'knowledge.loadingArticle' })),
      error: (err) =>
        renderLoadError(msg('The article could not be loaded.', { id: 'knowledge.articleFailed' }), err, () =>
          this.articleTask.run(),
        ),
      complete: (value) => {
        if (!value) return nothing;
        if (value === 'not-found')
          return html`<div part="state" class="state" role="alert">
            <p>${msg('This article does not exist (any more).', { id: 'knowledge.notFound' })}</p>
            ${this.noList ? nothing : html`<button type="button" class="button" @click=${() => this.open(null)}>${msg('All articles', { id: 'knowledge.back' })}</button>`}
          </div>`;
        const id = value.article.id;
        return renderArticle({
          ...value,
          headingLevel: this.headingLevel,
          feedback: this.feedback[id] ?? 'idle',
          answer: (helpful) => void this.#answer(id, helpful),
          back: this.noList ? undefined : () => this.open(null),
        });
      },
    });
  }

  #renderList() {
    const results = this.listTask.render({
      pending: () => (this.listTask.value ? this.#renderItems(this.listTask.value) : renderLoading()),
      error: (err) =>
        renderLoadError(msg('The articles could not be loaded.', { id: 'knowledge.listFailed' }), err, () =>
          this.listTask.run(),
        ),
      complete: (items) => (items ? this.#renderItems(items) : nothing),
    });
    return html`<section part="base list" aria-labelledby="knowledge-heading">
      <div class="heading" role="heading" aria-level=${this.headingLevel} id="knowledge-heading">
        ${msg('Help articles', { id: 'knowledge.heading' })}
      </div>
      <div class="search" part="search" role="search">
        <label for="search">${msg('Search the articles', { id: 'knowledge.search' })}</label>
        <input id="search" type="search" autocomplete="off" .value=${this.#typed} @input=${this.#onSearch} />
      </div>
      ${results}
    </section>`;
  }

  #renderItems(items: Article[]) {
    const n = items.length;
    const count =
      n === 0
        ? msg('No articles match your search.', { id: 'knowledge.none' })
        : n === 1
          ? msg('1 article', { id: 'knowledge.countOne' })
          : msg(str`${n} articles`, { id: 'knowledge.countMany' });
    return html`<p class="muted" role="status">${count}</p>
      ${
        n
          ? html`<ul class="articles">
            ${items.map(
              (a) => html`<li lang=${a.locale ?? nothing}>
                <button type="button" class="link-button" part="article-link" data-article-id=${a.id} @click=${() => this.open(a.id)}>
                  ${a.title}
                </button>
                ${a.excerpt ? html`<p>${a.excerpt}</p>` : nothing}
              </li>`,
            )}
          </ul>`
          : nothing
      }`;
  }
}
