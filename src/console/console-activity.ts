import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import { formatDateTime } from '../core/format.js';
import { problemText } from '../core/problem-text.js';
import { PorticoElement } from '../components/shared/portico-element.js';
import { renderLoading } from '../components/shared/state-views.js';
import { renderLoadError } from '../components/shared/load-error.js';
import { ACCESS_EVENTS, type AccessEntry, type AccessEvent, type AccessQuery, type ConsoleApi } from './console-api.js';
import { consoleBase } from './console.styles.js';

const eventNames = (): Record<AccessEvent, string> => ({
  'sign-in': msg('Signed in', { id: 'console.activity.event.signIn' }),
  'sign-in-failed': msg('Sign-in failed', { id: 'console.activity.event.signInFailed' }),
  'sign-out': msg('Signed out', { id: 'console.activity.event.signOut' }),
  'locked-out': msg('Held back after failed sign-ins', { id: 'console.activity.event.lockedOut' }),
  'password-reset': msg('Password reset', { id: 'console.activity.event.passwordReset' }),
  registered: msg('Registered', { id: 'console.activity.event.registered' }),
});

const methodNames = (): Record<string, string> => ({
  password: msg('Password', { id: 'signIn.password' }),
  'magic-link': msg('Sign-in link', { id: 'console.activity.method.magicLink' }),
  sso: msg('Single sign-on', { id: 'console.activity.method.sso' }),
  register: msg('Registration', { id: 'console.activity.method.register' }),
  reset: msg('Reset link', { id: 'console.activity.method.reset' }),
  session: msg('Session', { id: 'console.activity.method.session' }),
});

/** Local midnight of a date input's `YYYY-MM-DD`, `days` later, as an instant. */
function localMidnight(day: string, days = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days).toISOString() : undefined;
}

/**
 * The site owner's access log (TVox): every sign-in, failure, sign-out and
 * reset, filtered by who, what, where from and when, newest first with older
 * pages on demand, and the same selection as a CSV download.
 */
export class PorticoConsoleActivity extends PorticoElement {
  static override styles = [
    ...consoleBase,
    css`
      :host {
        display: block;
      }
      .failed {
        color: var(--_color-danger);
      }
      @media (max-width: 40rem) {
        .method,
        .agent,
        .ip {
          display: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) api?: ConsoleApi;
  @state() private query: AccessQuery = {};
  @state() private older: AccessEntry[] = [];
  @state() private notice = '';
  @state() private busy = false;
  /** Whether the last page was full (there may be older entries). */
  @state() private full = false;

  #log = new Task(this, {
    task: async ([api, query]) => {
      this.older = [];
      const items = api ? (await api.accessLog(query)).items : [];
      this.full = items.length === PAGE;
      return items;
    },
    args: () => [this.api, this.query] as const,
  });

  override render(): TemplateResult {
    return html`<h2>${msg('Activity', { id: 'console.activity' })}</h2>
      <p>${msg('Every sign-in to the portal, and every attempt.', { id: 'console.activity.intro' })}</p>
      ${this.#renderFilters()}
      <p role="status">${this.notice}</p>
      ${this.#log.render({
        pending: () => renderLoading(),
        error: (err) =>
          renderLoadError(msg('The activity could not be loaded.', { id: 'console.activity.loadFailed' }), err, () =>
            this.#log.run(),
          ),
        complete: (items) => this.#renderTable([...items, ...this.older]),
      })}`;
  }

  #renderFilters(): TemplateResult {
    const names = eventNames();
    const csv = this.api?.accessLogCsvUrl(this.query) ?? '';
    return html`<form class="filters" role="search" @submit=${(e: SubmitEvent) => this.#filter(e)}>
      <span>
        <label for="a-email">${msg('Email address', { id: 'signIn.email' })}</label>
        <input id="a-email" name="email" type="email" autocomplete="off" />
      </span>
      <span>
        <label for="a-event">${msg('Event', { id: 'console.activity.col.event' })}</label>
        <select id="a-event" name="event">
          <option value="">${msg('All events', { id: 'console.activity.allEvents' })}</option>
          ${ACCESS_EVENTS.map((e) => html`<option value=${e}>${names[e]}</option>`)}
        </select>
      </span>
      <span>
        <label for="a-ip">${msg('IP address', { id: 'console.activity.col.ip' })}</label>
        <input id="a-ip" name="ip" inputmode="decimal" autocomplete="off" />
      </span>
      <span>
        <label for="a-from">${msg('From', { id: 'console.activity.from' })}</label>
        <input id="a-from" name="from" type="date" />
      </span>
      <span>
        <label for="a-to">${msg('To', { id: 'console.activity.to' })}</label>
        <input id="a-to" name="to" type="date" />
      </span>
      <button class="button" type="submit">${msg('Search', { id: 'console.search' })}</button>
      <a class="button" href=${csv} download="portico-access-log.csv">
        ${msg('Download as CSV', { id: 'console.activity.csv' })}
      </a>
    </form>`;
  }

  #filter(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    this.notice = '';
    this.query = {
      email: value('email') || undefined,
      event: (value('event') || undefined) as AccessEvent | undefined,
      ip: value('ip') || undefined,
      since: localMidnight(value('from')),
      // "To" includes that whole day.
      until: localMidnight(value('to'), 1),
    };
  }

  #renderTable(items: AccessEntry[]): TemplateResult {
    if (!items.length) return html`<p>${msg('Nothing was logged that matches.', { id: 'console.activity.none' })}</p>`;
    const events = eventNames();
    const methods = methodNames();
    return html`<table>
        <thead>
          <tr>
            <th scope="col">${msg('When', { id: 'console.activity.col.at' })}</th>
            <th scope="col">${msg('Event', { id: 'console.activity.col.event' })}</th>
            <th scope="col" class="method">${msg('How', { id: 'console.activity.col.method' })}</th>
            <th scope="col">${msg('Email address', { id: 'signIn.email' })}</th>
            <th scope="col" class="ip">${msg('IP address', { id: 'console.activity.col.ip' })}</th>
            <th scope="col" class="agent">${msg('Browser', { id: 'console.activity.col.agent' })}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (e) => html`<tr>
              <td><time datetime=${e.at}>${formatDateTime(e.at, this.locale)}</time></td>
              <td class=${e.event === 'sign-in-failed' || e.event === 'locked-out' ? 'failed' : ''}>
                ${events[e.event as AccessEvent] ?? e.event}
              </td>
              <td class="method">${methods[e.method] ?? e.method}</td>
              <td>${e.email ?? html`<span class="muted">—</span>`}</td>
              <td class="ip">${e.ip ?? ''}</td>
              <td class="agent muted">${e.userAgent ?? ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${
        this.full
          ? html`<p><button class="button" type="button" ?disabled=${this.busy} @click=${() => this.#showOlder(items)}>
            ${msg('Show older', { id: 'console.activity.older' })}
          </button></p>`
          : nothing
      }`;
  }

  async #showOlder(shown: AccessEntry[]): Promise<void> {
    if (!this.api) return;
    this.busy = true;
    try {
      const page = (await this.api.accessLog({ ...this.query, before: shown.at(-1)?.id })).items;
      this.older = [...this.older, ...page];
      this.full = page.length === PAGE;
    } catch (err) {
      this.notice = problemText(err);
    } finally {
      this.busy = false;
    }
  }
}

/** Entries per page (ConsoleApi.accessLog asks for this many). */
const PAGE = 100;
