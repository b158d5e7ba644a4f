import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import { problemText } from '../core/problem-text.js';
import { formatRelative } from '../core/format.js';
import { STATUS_FILTERS, type StatusFilter } from '../protocol/index.js';
import { PorticoElement } from '../components/shared/portico-element.js';
import { renderLoading } from '../components/shared/state-views.js';
import { renderLoadError } from '../components/shared/load-error.js';
import { renderStatusBadge } from '../components/status-badge/status-badge.js';
import { ConsoleApi, type AdminSession } from './console-api.js';
import { consoleBase } from './console.styles.js';

/**
 * The site owner's and agents' console at /admin/: sign-in with a console
 * account (its own session, never a customer's), then the tickets — filter,
 * search, open one to answer, add an internal note or change its status.
 * The route lives in the address (`#ticket=<id>`), so a reload stays put.
 */
export class PorticoConsole extends PorticoElement {
  static override styles = [
    ...consoleBase,
    css`
      :host {
        display: block;
        max-inline-size: 72rem;
        margin-inline: auto;
        padding: var(--_space-4);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: var(--_space-3);
        border-block-end: 1px solid var(--_color-border);
        padding-block-end: var(--_space-3);
        margin-block-end: var(--_space-4);
      }
      h1 {
        margin: 0;
        font-size: calc(1.375 * var(--_rem));
      }
      form {
        display: grid;
        gap: var(--_space-2);
        max-inline-size: 24rem;
      }
      .nav {
        display: flex;
        flex-wrap: wrap;
        gap: var(--_space-2) var(--_space-4);
        margin-block-end: var(--_space-4);
      }
      .nav a {
        color: var(--_color-primary);
        padding-block: var(--_space-1);
      }
      .nav a[aria-current='page'] {
        font-weight: 700;
        text-decoration: none;
        border-block-end: 3px solid var(--_color-primary);
      }
      @media (max-width: 40rem) {
        .updated,
        .requester {
          display: none;
        }
      }
    `,
  ];

  readonly api = new ConsoleApi();
  @state() private session: AdminSession | null = null;
  @state() private signInError = '';
  @state() private ticketId = '';
  @state() private status: StatusFilter = 'open';
  @state() private query = '';

  #session = new Task(this, {
    task: async () => {
      this.session = await this.api.session();
      return this.session;
    },
    args: () => [] as const,
  });

  #tickets = new Task(this, {
    task: async ([session, status, query]) => (session ? this.api.tickets({ status, q: query }) : null),
    args: () => [this.session, this.status, this.query] as const,
  });

  @state() private view: 'tickets' | 'chats' | 'customers' | 'activity' | 'embed' | 'settings' = 'tickets';
  /** The customer open in the customers view (`#customers=<e-mail>`). */
  @state() private customerEmail = '';

  #onHash = (): void => {
    const route = new URLSearchParams(location.hash.slice(1));
    this.ticketId = route.get('ticket') ?? '';
    this.customerEmail = route.get('customers') ?? '';
    this.view = route.has('settings')
      ? 'settings'
      : route.has('chats')
        ? 'chats'
        : route.has('customers')
          ? 'customers'
          : route.has('activity')
            ? 'activity'
            : route.has('embed')
              ? 'embed'
              : 'tickets';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.#onHash();
    window.addEventListener('hashchange', this.#onHash);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHash);
    super.disconnectedCallback();
  }

  override render(): TemplateResult {
    return html`${this.#session.render({
      pending: () => renderLoading(),
      error: (err) =>
        renderLoadError(msg('The console could not be loaded.', { id: 'console.loadFailed' }), err, () =>
          this.#session.run(),
        ),
      complete: () => (this.session ? this.#renderSignedIn(this.session) : this.#renderSignIn()),
    })}`;
  }

  #renderSignIn(): TemplateResult {
    return html`<main>
      <h1>${msg('Portico console', { id: 'console.title' })}</h1>
      <p>${msg('Sign in with your console account (site owner or agent).', { id: 'console.signIn.intro' })}</p>
      <form @submit=${this.#signIn}>
        <label for="email">${msg('Email address', { id: 'signIn.email' })}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">${msg('Password', { id: 'signIn.password' })}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p role="alert" class="error">${this.signInError}</p>
        <button class="button primary" type="submit">${msg('Sign in', { id: 'signIn.submit' })}</button>
      </form>
    </main>`;
  }

  #signIn = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    try {
      this.session = await this.api.signIn(value('email').trim(), value('password'));
      this.signInError = '';
    } catch (err) {
      this.signInError = problemText(err);
    }
  };

  async #signOut(): Promise<void> {
    await this.api.signOut().catch(() => undefined);
    this.session = null;
  }

  #renderSignedIn(session: AdminSession): TemplateResult {
    return html`<header class="bar">
        <h1>${msg('Portico console', { id: 'console.title' })}</h1>
        <span>
          ${session.account.name || session.account.email}
          <span class="muted">(${
            session.account.role === 'owner'
              ? msg('site owner', { id: 'console.role.owner' })
              : msg('agent', { id: 'console.role.agent' })
          })</span>
          <button class="button" type="button" @click=${() => this.#signOut()}>
            ${msg('Sign out', { id: 'console.signOut' })}
          </button>
        </span>
      </header>
      ${this.#renderNav(session)}
      <main>
        ${
          this.view === 'settings' && session.account.role === 'owner'
            ? html`<portico-console-settings .api=${this.api}></portico-console-settings>`
            : this.view === 'embed' && session.account.role === 'owner'
              ? html`<portico-console-embed></portico-console-embed>`
              : this.view === 'activity' && session.account.role === 'owner'
                ? html`<portico-console-activity .api=${this.api}></portico-console-activity>`
                : this.view === 'customers' && session.account.role === 'owner'
                  ? html`<portico-console-customers .api=${this.api} .email=${this.customerEmail}></portico-console-customers>`
                  : this.view === 'chats'
                    ? html`<portico-console-chats
                .api=${this.api}
                .agentName=${session.account.name || session.account.email}
              ></portico-console-chats>`
                    : this.ticketId
                      ? html`<portico-console-ticket
              .api=${this.api}
              .agentName=${session.account.name || session.account.email}
              ticket-id=${this.ticketId}
              @console-back=${() => (location.hash = '')}
            ></portico-console-ticket>`
                      : this.#renderTickets()
        }
      </main>`;
  }

  /** Everyone works tickets and chats; site owners also look after customers and change the settings. */
  #renderNav(session: AdminSession): TemplateResult {
    const link = (hash: string, active: boolean, text: string) =>
      html`<a href="#${hash}" aria-current=${active ? 'page' : 'false'}>${text}</a>`;
    return html`<nav class="nav" aria-label=${msg('Console sections', { id: 'console.nav' })}>
      ${link('', this.view === 'tickets', msg('Tickets', { id: 'launcher.tab.tickets' }))}
      ${link('chats', this.view === 'chats', msg('Chats', { id: 'console.chats' }))}
      ${
        session.account.role === 'owner'
          ? html`${link('customers', this.view === 'customers', msg('Customers', { id: 'console.customers' }))}
            ${link('activity', this.view === 'activity', msg('Activity', { id: 'console.activity' }))}
            ${link('embed', this.view === 'embed', msg('Embed', { id: 'console.embed.nav' }))}
            ${link('settings', this.view === 'settings', msg('Settings', { id: 'console.settings' }))}`
          : nothing
      }
    </nav>`;
  }

  #renderTickets(): TemplateResult {
    const statusNames: Record<StatusFilter, string> = {
      open: msg('Open tickets', { id: 'tickets.list.filter.open' }),
      closed: msg('Closed tickets', { id: 'tickets.list.filter.closed' }),
      all: msg('All tickets', { id: 'tickets.list.filter.all' }),
    };
    return html`<h2>${msg('Tickets', { id: 'launcher.tab.tickets' })}</h2>
      <form class="filters" role="search" @submit=${(e: SubmitEvent) => this.#search(e)}>
        <span>
          <label for="filter">${msg('Show', { id: 'console.filter' })}</label>
          <select id="filter" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value as StatusFilter)}>
            ${STATUS_FILTERS.map((f) => html`<option value=${f} ?selected=${f === this.status}>${statusNames[f]}</option>`)}
          </select>
        </span>
        <span>
          <label for="q">${msg('Search', { id: 'console.search' })}</label>
          <input id="q" name="q" type="search" .value=${this.query} />
        </span>
        <button class="button" type="submit">${msg('Search', { id: 'console.search' })}</button>
      </form>
      ${this.#tickets.render({
        pending: () => renderLoading(),
        error: (err) =>
          renderLoadError(msg('The tickets could not be loaded.', { id: 'console.tickets.loadFailed' }), err, () =>
            this.#tickets.run(),
          ),
        complete: (page) => (page ? this.#renderTable(page.items) : nothing),
      })}`;
  }

  #search(event: SubmitEvent): void {
    event.preventDefault();
    this.query = ((event.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value;
  }

  #renderTable(items: Awaited<ReturnType<ConsoleApi['tickets']>>['items']): TemplateResult {
    if (!items.length) return html`<p role="status">${msg('No tickets match.', { id: 'console.tickets.none' })}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${msg('Number', { id: 'console.col.number' })}</th>
          <th scope="col">${msg('Subject', { id: 'console.col.subject' })}</th>
          <th scope="col" class="requester">${msg('Requester', { id: 'console.col.requester' })}</th>
          <th scope="col">${msg('Status', { id: 'console.status.label' })}</th>
          <th scope="col" class="updated">${msg('Updated', { id: 'console.col.updated' })}</th>
        </tr>
      </thead>
      <tbody>
        ${items.map(
          (t) => html`<tr>
            <td>${t.number}</td>
            <td><button type="button" dir="auto" @click=${() => (location.hash = `ticket=${encodeURIComponent(t.id)}`)}>${t.subject}</button></td>
            <td class="requester">${t.requester.name}<br /><span class="muted">${t.requesterEmail ?? t.requester.email ?? ''}</span></td>
            <td>${renderStatusBadge(t.status)}</td>
            <td class="updated"><time datetime=${t.updatedAt}>${formatRelative(t.updatedAt, this.locale)}</time></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
