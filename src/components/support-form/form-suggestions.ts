import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { Article } from '../../protocol/index.js';
import '../knowledge/knowledge.js';

/** The suggestions the form shows, and the article opened in place (if any). */
export interface SuggestionsView {
  articles: Article[];
  openId: string | null;
  toggle(articleId: string): void;
}

/**
 * Knowledge articles that may answer the question being typed (deflection),
 * and a polite count for screen readers. Each opens in place, in the form
 * — title, body and "did this answer your question?" — without leaving it.
 */
export function renderSuggestions(view: SuggestionsView, _locale: string) {
  const { articles, openId } = view;
  const n = articles.length;
  const announce =
    n === 0
      ? ''
      : n === 1
        ? msg('1 suggested article', { id: 'supportForm.suggestions.one' })
        : msg(str`${n} suggested articles`, { id: 'supportForm.suggestions.many' });
  return html`${
    n
      ? html`<section part="suggestions" aria-labelledby="suggestions-heading">
          <h3 id="suggestions-heading">
            ${msg('These articles may answer your question', { id: 'supportForm.suggestions.heading' })}
          </h3>
          <ul>
            ${articles.map((a) => {
              const open = openId === a.id;
              return html`<li>
                <button
                  type="button"
                  class="link-button suggestion"
                  data-article-id=${a.id}
                  aria-expanded=${open ? 'true' : 'false'}
                  aria-controls="article-${a.id}"
                  @click=${() => view.toggle(a.id)}
                >
                  ${a.title}
                </button>
                ${a.excerpt && !open ? html`<p class="help">${a.excerpt}</p>` : nothing}
                ${
                  open
                    ? html`<portico-knowledge
                        id="article-${a.id}"
                        class="article-in-place"
                        article-id=${a.id}
                        no-list
                      ></portico-knowledge>`
                    : nothing
                }
              </li>`;
            })}
          </ul>
        </section>`
      : nothing
  }
    <div class="visually-hidden" role="status" aria-live="polite" part="suggestions-status">${announce}</div>`;
}
