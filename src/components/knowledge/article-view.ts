import { html, nothing } from 'lit';
import { sanitizedHtml } from '../shared/sanitized-html.js';
import { msg } from '@lit/localize';
import type { ArticleDetail } from '../../protocol/index.js';

export type FeedbackState = 'idle' | 'sending' | 'helpful' | 'not-helpful' | 'failed';

export interface ArticleViewContext {
  article: ArticleDetail;
  /** The body as sanitized HTML (Markdown through the sanitizer). */
  bodyHtml: string;
  headingLevel: number;
  feedback: FeedbackState;
  answer(helpful: boolean): void;
  /** Back to the list; absent where the article stands alone (in the support form). */
  back?: () => void;
}

/** One article: its title, its body and "did this answer your question?". */
export function renderArticle(ctx: ArticleViewContext) {
  const { article, feedback } = ctx;
  const answered = feedback === 'helpful' || feedback === 'not-helpful';
  return html`<article part="base article" lang=${article.locale ?? nothing} aria-labelledby="article-title">
    ${
      ctx.back
        ? html`<div>
          <button type="button" class="button" part="back" @click=${ctx.back}>
            <span aria-hidden="true" class="back-arrow">←</span> ${msg('All articles', { id: 'knowledge.back' })}
          </button>
        </div>`
        : nothing
    }
    <div class="heading" role="heading" aria-level=${ctx.headingLevel} id="article-title" tabindex="-1">
      ${article.title}
    </div>
    <div class="body html" part="article-body">${sanitizedHtml(ctx.bodyHtml)}</div>
    <div class="feedback" part="feedback" role="group" aria-labelledby="feedback-question">
      ${
        answered
          ? html`<p id="feedback-question" tabindex="-1" class="feedback-thanks">
            ${
              feedback === 'helpful'
                ? msg('Thank you! Glad it helped.', { id: 'knowledge.feedback.thanks' })
                : msg('Thank you for telling us. You can still send us your question.', {
                    id: 'knowledge.feedback.sorry',
                  })
            }
          </p>`
          : html`<p id="feedback-question">${msg('Did this answer your question?', { id: 'knowledge.feedback.question' })}</p>
            <button
              type="button"
              class="button"
              data-answer="yes"
              aria-disabled=${feedback === 'sending' ? 'true' : 'false'}
              @click=${() => ctx.answer(true)}
            >
              ${msg('Yes', { id: 'common.yes' })}
            </button>
            <button
              type="button"
              class="button"
              data-answer="no"
              aria-disabled=${feedback === 'sending' ? 'true' : 'false'}
              @click=${() => ctx.answer(false)}
            >
              ${msg('No', { id: 'common.no' })}
            </button>`
      }
      ${
        feedback === 'failed'
          ? html`<p class="error" role="alert">
            ${msg('Your answer could not be sent. Try again.', { id: 'knowledge.feedback.failed' })}
          </p>`
          : nothing
      }
    </div>
  </article>`;
}
