import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import { isUnauthorized } from '../../core/errors.js';
import { problemText } from '../../core/problem-text.js';
import type { PorticoServices } from '../../core/services.js';
import { formatDateTime } from '../../core/format.js';
import { MAX_RATING_COMMENT, RATING_SCORES, type Ticket, type TicketRating } from '../../protocol/index.js';

export interface TicketRatingOptions {
  services(): PorticoServices | undefined;
  ticket(): Ticket | null;
  /** The rating was stored: the ticket now carries it. */
  rated(ticket: Ticket, rating: TicketRating): void;
  focus(...selectors: string[]): void;
}

function scoreLabel(score: number): string {
  switch (score) {
    case 1:
      return msg('Very dissatisfied', { id: 'tickets.rating.score1' });
    case 2:
      return msg('Dissatisfied', { id: 'tickets.rating.score2' });
    case 3:
      return msg('Neutral', { id: 'tickets.rating.score3' });
    case 4:
      return msg('Satisfied', { id: 'tickets.rating.score4' });
    default:
      return msg('Very satisfied', { id: 'tickets.rating.score5' });
  }
}

/**
 * The satisfaction rating offered once a ticket is solved (OneDesk's
 * satisfaction survey): a score from 1 to 5 and an optional comment, stored
 * with the ticket by the gateway; given once, it shows and can be changed.
 */
export class TicketRatingController implements ReactiveController {
  score: number | null = null;
  comment = '';
  sending = false;
  editing = false;
  error: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: TicketRatingOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  reset(): void {
    this.score = null;
    this.comment = '';
    this.editing = false;
    this.error = null;
    this.host.requestUpdate();
  }

  render(ticket: Ticket, locale: string) {
    if (!ticket.permissions?.canRate) return nothing;
    const rating = ticket.rating ?? null;
    if (rating && !this.editing) return this.#renderGiven(rating, locale);
    const selected = this.score ?? rating?.score ?? null;
    return html`<section part="rating" class="rating" aria-labelledby="rating-heading">
      <h3 id="rating-heading">${msg('How did we do?', { id: 'tickets.rating.heading' })}</h3>
      <form novalidate @submit=${(e: Event) => void this.#submit(e)}>
        <fieldset>
          <legend>${msg('How satisfied are you with how this ticket was solved?', { id: 'tickets.rating.question' })}</legend>
          <div class="scores">
            ${RATING_SCORES.map(
              (s) => html`<label class="score">
                <input
                  type="radio"
                  name="score"
                  value=${s}
                  id="rating-score-${s}"
                  .checked=${selected === s}
                  @change=${() => this.#pick(s)}
                />
                <span class="score-number" aria-hidden="true">${s}</span>
                <span>${scoreLabel(s)}</span>
              </label>`,
            )}
          </div>
        </fieldset>
        <label for="rating-comment">${msg('Anything you want to add? (optional)', { id: 'tickets.rating.comment' })}</label>
        <textarea
          id="rating-comment"
          maxlength=${MAX_RATING_COMMENT}
          .value=${this.comment}
          @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <div class="actions">
          <button type="submit" class="button primary" id="rating-send" aria-disabled=${this.sending ? 'true' : 'false'}>
            ${
              this.sending
                ? msg('Sending…', { id: 'tickets.rating.sending' })
                : msg('Send rating', { id: 'tickets.rating.send' })
            }
          </button>
          ${
            rating
              ? html`<button type="button" class="button" @click=${() => this.#cancelEdit()}>
                  ${msg('Cancel', { id: 'common.cancel' })}
                </button>`
              : nothing
          }
        </div>
        <p class="error" role="alert" id="rating-error">${this.error ?? nothing}</p>
      </form>
    </section>`;
  }

  #renderGiven(rating: TicketRating, locale: string) {
    const score = rating.score;
    const label = scoreLabel(score);
    const when = formatDateTime(rating.ratedAt, locale);
    return html`<section part="rating" class="rating given" aria-labelledby="rating-heading">
      <h3 id="rating-heading" tabindex="-1">${msg('Your rating', { id: 'tickets.rating.given' })}</h3>
      <p id="rating-summary">
        ${msg(str`${score} of 5 — ${label}`, { id: 'tickets.rating.summary' })}
        <span class="muted">(${when})</span>
      </p>
      ${rating.comment ? html`<p class="rating-comment">${rating.comment}</p>` : nothing}
      <button type="button" class="button" id="rating-change" @click=${() => this.#edit(rating)}>
        ${msg('Change rating', { id: 'tickets.rating.change' })}
      </button>
    </section>`;
  }

  #pick(score: number): void {
    this.score = score;
    this.error = null;
    this.host.requestUpdate();
  }

  #edit(rating: TicketRating): void {
    this.editing = true;
    this.score = rating.score;
    this.comment = rating.comment ?? '';
    this.options.focus(`#rating-score-${rating.score}`);
    this.host.requestUpdate();
  }

  #cancelEdit(): void {
    this.editing = false;
    this.error = null;
    this.options.focus('#rating-change');
    this.host.requestUpdate();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const services = this.options.services();
    const ticket = this.options.ticket();
    if (!services || !ticket || this.sending) return;
    const score = this.score ?? ticket.rating?.score ?? null;
    if (score === null) {
      this.error = msg('Choose how satisfied you are first.', { id: 'tickets.rating.chooseScore' });
      this.options.focus('#rating-score-1');
      this.host.requestUpdate();
      return;
    }
    this.sending = true;
    this.error = null;
    this.host.requestUpdate();
    try {
      const comment = this.comment.trim();
      const rating = await services.backend.rateTicket(ticket.id, { score, comment: comment || null });
      if (this.options.ticket()?.id !== ticket.id) return;
      this.editing = false;
      this.score = null;
      this.comment = '';
      this.options.focus('#rating-heading');
      this.options.rated({ ...ticket, rating }, rating);
    } catch (err) {
      if (isUnauthorized(err)) return;
      this.error = problemText(err);
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }
}
