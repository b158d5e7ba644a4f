import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { initialState, Task, TaskStatus } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { statusColors, tokens } from '../shared/styles.js';
import { statusBadgeStyles } from '../status-badge/status-badge.styles.js';
import { renderStatusBadge } from '../status-badge/status-badge.js';
import { ticketListStyles } from './ticket-list.styles.js';
import { ServerEventsController } from '../shared/server-events.controller.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';
import { getListCache, swr } from '../../core/cache.js';
import type { PorticoServices } from '../../core/services.js';
import { ForbiddenError, isUnauthorized } from '../../core/errors.js';
import { renderLoadError } from '../shared/load-error.js';
import { formatDateTime, formatRelative } from '../../core/format.js';
import {
  CLOSED_STATUSES,
  OPEN_STATUSES,
  type Page,
  type PortalSettings,
  type ServerEvent,
  type StatusFilter,
  type Ticket,
  type TicketScope,
  type User,
} from '../../protocol/index.js';

type ListSort = '-updated' | 'updated';

/** The first page's query, then the session version (a change of user reloads). */
type ListArgs = readonly [PorticoServices | undefined, TicketScope, StatusFilter, ListSort, string, number, number];

type ListResult =
  | { kind: 'unconfigured' }
  | { kind: 'signed-out' }
  | { kind: 'forbidden'; user: User }
  | { kind: 'list'; page: Page<Ticket>; user: User; portal: PortalSettings | null };

/** How long typing pauses before the search runs. */
const SEARCH_DEBOUNCE_MS = 300;

const SCOPES: readonly TicketScope[] = ['mine', 'organization'];
const FILTERS: readonly StatusFilter[] = ['open', 'closed', 'all'];

/**
 * The signed-in user's tickets — or, for a company user, their organisation's
 * — with a status filter, search, sort by last update and "Load more" paging.
 * Shows the sign-in form in place when nobody is signed in, and refreshes rows
 * from server events.
 *
 * @event portico-ticket-select - `{ticketId}` when a row is activated (click, Enter or Space).
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - Search, status filter and scope switch.
 * @csspart search - The search input.
 * @csspart status-filter - The status select.
 * @csspart scope-switch - The My tickets / Organisation switch (company users only).
 * @csspart table - The ticket table.
 * @csspart row - A ticket row.
 * @csspart row-button - The button that opens a ticket.
 * @csspart status-badge - A status pill.
 * @csspart load-more - The "Load more" button.
 * @csspart state - The loading, empty, error and forbidden messages.
 *
 * @cssproperty --portico-ticket-list-row-hover - Row background on hover.
 * @cssproperty --portico-ticket-list-unread - Colour of the unread dot.
 */
export class PorticoTicketList extends PorticoElement {
  static override styles = [tokens, statusColors, statusBadgeStyles, ticketListStyles];

  /** `mine`, or `organization` (company users only; others get a clear message). */
  @property({ reflect: true }) scope: TicketScope = 'mine';

  /** `open` (new, open, pending), `closed` (solved, closed) or `all`. */
  @property({ reflect: true }) status: StatusFilter = 'open';

  /** By last update: `-updated` newest first (default) or `updated` oldest first. */
  @property({ reflect: true }) sort: ListSort = '-updated';

  /** Search text; typing in the search box sets it after a short pause. */
  @property() query = '';

  /** Tickets per page; "Load more" fetches the next page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;

  /** Hide the My tickets / Organisation switch where the host offers its own (the portal's tabs). */
  @property({ type: Boolean, attribute: 'no-scope-switch' }) noScopeSwitch = false;

  @state() private rows: Ticket[] = [];
  @state() private nextCursor: string | null = null;
  @state() private user: User | null = null;
  @state() private portal: PortalSettings | null = null;
  @state() private loadingMore = false;
  @state() private moreError: string | null = null;
  @state() private announcement = '';
  /** What the search box shows; `query` follows it after the debounce. */
  @state() private searchText = '';

  /** Rows on screen came from the list cache for the current query; fresh ones are on their way. */
  #showingCached = false;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #moreAbort: AbortController | undefined;
  #focusFirstNew: string | null = null;

  private sessionWatch = new SessionWatchController(this, () => this.services?.session);
  private serverEvents = new ServerEventsController(this, (event) => this.onServerEvent(event));

  private listTask = new Task(this, {
    task: async (args, { signal }) => {
      try {
        return await this.loadFirstPage(args, signal);
      } catch (err) {
        // Taken off the page mid-request: no error state; it loads afresh when put back.
        if (signal.aborted) return initialState;
        throw err;
      }
    },
    args: (): ListArgs => [...this.currentArgs(), this.sessionWatch.version],
    onComplete: (result) => this.applyResult(result),
  });

  private async loadFirstPage(
    [services, scope, status, sort, q, limit]: ListArgs,
    signal: AbortSignal,
  ): Promise<ListResult> {
    this.#showingCached = false;
    if (!services) return { kind: 'unconfigured' };
    // A new first page replaces whatever "Load more" was still fetching.
    this.#moreAbort?.abort();
    // The session load is shared with other elements: this list leaving must not abort it for them.
    const session = await services.session.load();
    signal.throwIfAborted();
    if (!session) return { kind: 'signed-out' };
    const portal = services.backend.getPortal({ signal }).catch(() => null);
    const query = { scope, status, sort, q: q || undefined, limit };
    // Per user: a shared computer must never show one person's tickets to the next.
    const key = `tickets:${session.user.id}:${JSON.stringify(query)}`;
    try {
      const page = await swr(
        getListCache(services.backend.baseUrl),
        key,
        () => services.backend.listTickets(query, { signal }),
        (value, { stale }) => {
          // The last visit's list shows at once; the table stays marked busy until the fresh one lands.
          if (stale && !signal.aborted) this.showCached(value, session.user);
        },
      );
      return { kind: 'list', page, user: session.user, portal: await portal };
    } catch (err) {
      if (isUnauthorized(err)) {
        services.session.expire();
        return { kind: 'signed-out' };
      }
      if (err instanceof ForbiddenError) return { kind: 'forbidden', user: session.user };
      throw err;
    }
  }

  private get effectiveScope(): TicketScope {
    return SCOPES.includes(this.scope) ? this.scope : 'mine';
  }

  private get effectiveStatus(): StatusFilter {
    return FILTERS.includes(this.status) ? this.status : 'open';
  }

  private get canSwitchScope(): boolean {
    if (this.noScopeSwitch) return false;
    return this.user?.role === 'company' && !!this.user.organization && this.portal?.organizationVisibility !== false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.listTask.autoRun = true;
    // Back on the page (a launcher keeps the list while a ticket is open): the rows
    // stay in view and refresh, since events were missed while away (and a load
    // that was under way was stopped on the way out).
    if (this.hasUpdated) void this.listTask.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Off the page the list does no work: an answer arriving later, or the page's
    // default services changing, must not start requests for an element nobody sees.
    this.listTask.autoRun = false;
    this.listTask.abort();
    clearTimeout(this.#searchTimer);
    this.#moreAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Keeps the box in step when `query` is set from outside.
    if (changed.has('query') && this.query !== this.searchText.trim()) this.searchText = this.query;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const value = this.listTask.value;
    const listening = value?.kind === 'list' || value?.kind === 'forbidden';
    this.serverEvents.watch(listening ? this.services?.backend : undefined);
    if (this.#focusFirstNew) {
      const id = this.#focusFirstNew;
      this.#focusFirstNew = null;
      this.renderRoot
        .querySelector<HTMLElement>(`tr[data-ticket-id="${CSS.escape(id)}"] [part~='row-button']`)
        ?.focus();
    }
  }

  /** Reloads the first page (the error state's Retry does this too). */
  reload(): Promise<void> {
    return this.listTask.run();
  }

  private showCached(page: Page<Ticket>, user: User): void {
    this.#showingCached = true;
    this.rows = page.items;
    this.nextCursor = page.nextCursor;
    this.user = user;
  }

  private applyResult(result: ListResult): void {
    this.#showingCached = false;
    if (result.kind === 'list') {
      this.rows = result.page.items;
      this.nextCursor = result.page.nextCursor;
      this.user = result.user;
      this.portal = result.portal;
    } else if (result.kind === 'forbidden') {
      this.rows = [];
      this.nextCursor = null;
      this.user = result.user;
    } else {
      this.rows = [];
      this.nextCursor = null;
      this.user = null;
    }
    this.loadingMore = false;
    this.moreError = null;
  }

  override render() {
    if (!this.services) return this.renderNotConfigured();
    const status = this.listTask.status;
    const pending = status === TaskStatus.PENDING || status === TaskStatus.INITIAL;
    const value = this.listTask.value;
    if (value?.kind === 'unconfigured' && !pending) return this.renderNotConfigured();
    if (value?.kind === 'signed-out' && !pending) {
      return html`<div part="base"><portico-sign-in></portico-sign-in></div>`;
    }

    const listShown = value?.kind === 'list' || this.#showingCached;
    let body;
    if (status === TaskStatus.ERROR && this.#showingCached && this.rows.length > 0) {
      // Offline with a cached list: keep it readable and say it may be out of date.
      body = html`${this.renderError(this.listTask.error, true)}${this.renderRows(false)}`;
    } else if (status === TaskStatus.ERROR) body = this.renderError(this.listTask.error);
    else if (value?.kind === 'forbidden' && !pending) body = this.renderForbidden();
    else if (listShown && (this.rows.length > 0 || !pending)) body = this.renderRows(pending);
    else body = this.renderLoading();

    return html`
      <div part="base">
        ${this.user ? this.renderToolbar() : nothing}
        ${body}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
  }

  private renderNotConfigured() {
    return html`<p part="base" role="alert">${msg('Portico is not configured: no backend is set.', { id: 'common.notConfigured' })}</p>`;
  }

  private renderToolbar() {
    const scope = this.effectiveScope;
    return html`
      <div part="toolbar">
        ${
          this.canSwitchScope
            ? html`<div class="control">
              <span class="control-label" id="scope-label">${msg('Show', { id: 'tickets.list.scope' })}</span>
              <div part="scope-switch" role="group" aria-labelledby="scope-label">
                <button type="button" aria-pressed=${scope === 'mine' ? 'true' : 'false'} @click=${() => this.setScope('mine')}>
                  ${msg('My tickets', { id: 'tickets.list.scope.mine' })}
                </button>
                <button
                  type="button"
                  aria-pressed=${scope === 'organization' ? 'true' : 'false'}
                  @click=${() => this.setScope('organization')}
                >
                  ${msg(str`All of ${this.user!.organization!.name}`, { id: 'tickets.list.scope.organization' })}
                </button>
              </div>
            </div>`
            : nothing
        }
        <div class="control">
          <label for="status-filter">${msg('Status', { id: 'tickets.list.statusFilter' })}</label>
          <select id="status-filter" part="status-filter" @change=${this.onStatusChange}>
            <option value="open" ?selected=${this.effectiveStatus === 'open'}>${msg('Open tickets', { id: 'tickets.list.filter.open' })}</option>
            <option value="closed" ?selected=${this.effectiveStatus === 'closed'}>${msg('Closed tickets', { id: 'tickets.list.filter.closed' })}</option>
            <option value="all" ?selected=${this.effectiveStatus === 'all'}>${msg('All tickets', { id: 'tickets.list.filter.all' })}</option>
          </select>
        </div>
        <div class="control search">
          <label for="search">${msg('Search tickets', { id: 'tickets.list.search' })}</label>
          <input
            id="search"
            part="search"
            type="search"
            autocomplete="off"
            .value=${this.searchText}
            @input=${this.onSearchInput}
            @keydown=${this.onSearchKeydown}
          />
        </div>
      </div>
    `;
  }

  private renderLoading() {
    return html`<div part="state" class="state" role="status">
      <p>${msg('Loading tickets…', { id: 'tickets.list.loading' })}</p>
    </div>`;
  }

  private renderError(error: unknown, stale = false) {
    return renderLoadError(
      stale
        ? msg('These tickets may be out of date: they could not be refreshed.', { id: 'tickets.list.stale' })
        : msg('The tickets could not be loaded.', { id: 'tickets.list.error' }),
      error,
      () => this.reload(),
    );
  }

  private renderForbidden() {
    return html`<div part="state" class="state" role="alert">
      <p class="title">${msg('You cannot see your organisation’s tickets.', { id: 'tickets.list.forbidden' })}</p>
      <p>${msg('Only company users see every ticket of their organisation. You can still see the tickets you raised yourself.', { id: 'tickets.list.forbidden.hint' })}</p>
      <button class="button" type="button" @click=${() => this.setScope('mine')}>
        ${msg('Show my tickets', { id: 'tickets.list.showMine' })}
      </button>
    </div>`;
  }

  private renderEmpty() {
    const q = this.query.trim();
    let hint: string;
    if (q)
      hint = msg(str`Nothing matches “${q}”. Try other words or clear the search.`, {
        id: 'tickets.list.empty.search',
      });
    else if (this.effectiveStatus === 'open')
      hint = msg('You have no open tickets. Choose “All tickets” to see earlier ones.', {
        id: 'tickets.list.empty.open',
      });
    else if (this.effectiveStatus === 'closed')
      hint = msg('No ticket has been closed yet.', { id: 'tickets.list.empty.closed' });
    else hint = msg('When you contact support, your requests appear here.', { id: 'tickets.list.empty.all' });
    return html`<div part="state" class="state">
      <p class="title">${msg('No tickets', { id: 'tickets.list.empty' })}</p>
      <p>${hint}</p>
    </div>`;
  }

  private renderRows(pending: boolean) {
    if (this.rows.length === 0) return this.renderEmpty();
    const org = this.effectiveScope === 'organization';
    const newest = this.sort !== 'updated';
    const mode = this.portal?.statusLabelMode ?? 'full';
    return html`
      <div class="table-wrap">
        ${pending ? html`<div class="progress" part="progress" aria-hidden="true"></div>` : nothing}
        <table part="table" aria-busy=${pending ? 'true' : 'false'}>
          <caption class="visually-hidden">
            ${org ? msg('Tickets of your organisation', { id: 'tickets.list.caption.organization' }) : msg('My tickets', { id: 'tickets.list.scope.mine' })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${msg('Ticket', { id: 'tickets.list.col.ticket' })}</th>
              <th scope="col">${msg('Status', { id: 'tickets.list.statusFilter' })}</th>
              <th scope="col">${msg('Service', { id: 'tickets.list.col.service' })}</th>
              ${org ? html`<th scope="col" class="requester">${msg('Requester', { id: 'tickets.list.col.requester' })}</th>` : nothing}
              <th scope="col" aria-sort=${newest ? 'descending' : 'ascending'}>
                <button type="button" part="sort" @click=${this.toggleSort}>
                  ${msg('Last update', { id: 'tickets.list.col.updated' })}
                  <span aria-hidden="true">${newest ? '↓' : '↑'}</span>
                  <span class="visually-hidden">
                    ${
                      newest
                        ? msg('(newest first)', { id: 'tickets.list.sort.newest' })
                        : msg('(oldest first)', { id: 'tickets.list.sort.oldest' })
                    }
                  </span>
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              this.rows,
              (t) => t.id,
              (t) => html`
                <tr part="row" class=${t.unread ? 'unread' : ''} data-ticket-id=${t.id} @click=${(e: Event) => this.onRowClick(e, t)}>
                  <td>
                    <button type="button" part="row-button" @click=${() => this.select(t)}>
                      <span class="subject">
                        ${
                          t.unread
                            ? html`<span class="unread-dot" part="unread" aria-hidden="true"></span
                              ><span class="visually-hidden">${msg('Unread:', { id: 'tickets.list.unread' })} </span>`
                            : nothing
                        }${t.subject}
                      </span>
                      <span class="number">#${t.number}</span>
                    </button>
                  </td>
                  <td>${renderStatusBadge(t.status, mode)}</td>
                  <td>${t.service ?? nothing}</td>
                  ${org ? html`<td class="requester">${t.requester.name}</td>` : nothing}
                  <td>
                    <time datetime=${t.updatedAt} title=${formatDateTime(t.updatedAt, this.locale)}>
                      ${formatRelative(t.updatedAt, this.locale)}
                    </time>
                  </td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
      ${this.nextCursor || this.moreError ? this.renderFooter() : nothing}
    `;
  }

  private renderFooter() {
    return html`<div class="footer">
      ${
        this.nextCursor
          ? html`<button
            type="button"
            class="button"
            part="load-more"
            aria-disabled=${this.loadingMore ? 'true' : 'false'}
            @click=${this.loadMore}
          >
            ${
              this.loadingMore
                ? msg('Loading more…', { id: 'tickets.list.loadingMore' })
                : msg('Load more', { id: 'tickets.list.loadMore' })
            }
          </button>`
          : nothing
      }
      ${this.moreError ? html`<p class="error" role="alert">${this.moreError}</p>` : nothing}
    </div>`;
  }

  // ---------------------------------------------------------------- actions

  private select(ticket: Ticket): void {
    if (ticket.unread) this.rows = this.rows.map((t) => (t.id === ticket.id ? { ...t, unread: false } : t));
    this.emit('portico-ticket-select', { ticketId: ticket.id });
  }

  private onRowClick(event: Event, ticket: Ticket): void {
    // The button handles its own clicks; this makes the rest of the row a mouse target too.
    if ((event.target as Element).closest('button')) return;
    if (globalThis.getSelection?.()?.toString()) return;
    this.select(ticket);
  }

  private setScope(scope: TicketScope): void {
    this.scope = scope;
  }

  private onStatusChange = (event: Event): void => {
    this.status = (event.target as HTMLSelectElement).value as StatusFilter;
  };

  private toggleSort = (): void => {
    this.sort = this.sort === 'updated' ? '-updated' : 'updated';
  };

  private onSearchInput = (event: Event): void => {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => (this.query = this.searchText.trim()), SEARCH_DEBOUNCE_MS);
  };

  private onSearchKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return;
    clearTimeout(this.#searchTimer);
    this.query = this.searchText.trim();
  };

  private loadMore = async (): Promise<void> => {
    const services = this.services;
    const cursor = this.nextCursor;
    // A first page still on its way would make this cursor stale.
    if (!services || !cursor || this.loadingMore || this.listTask.status === TaskStatus.PENDING) return;
    const abort = new AbortController();
    this.#moreAbort = abort;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const [, scope, status, sort, q, limit] = this.currentArgs();
      const page = await services.backend.listTickets(
        { scope, status, sort, q: q || undefined, limit, cursor },
        { signal: abort.signal },
      );
      if (abort.signal.aborted) return;
      const known = new Set(this.rows.map((t) => t.id));
      const added = page.items.filter((t) => !known.has(t.id));
      this.rows = [...this.rows, ...added];
      this.nextCursor = page.nextCursor;
      this.announcement = msg(str`${added.length} more tickets loaded`, { id: 'tickets.list.loadedMore' });
      // The button is gone with the last page; put focus where the reader continues.
      if (!page.nextCursor && added.length > 0) this.#focusFirstNew = added[0].id;
    } catch (err) {
      if (abort.signal.aborted) return;
      if (isUnauthorized(err)) {
        services.session.expire();
        return;
      }
      this.moreError = msg('More tickets could not be loaded. Try again.', { id: 'tickets.list.loadMoreError' });
    } finally {
      if (this.#moreAbort === abort) this.loadingMore = false;
    }
  };

  /** The first page's query, in task-argument order. */
  private currentArgs() {
    return [
      this.services,
      this.effectiveScope,
      this.effectiveStatus,
      this.sort === 'updated' ? ('updated' as const) : ('-updated' as const),
      this.query.trim(),
      Math.min(Math.max(Math.floor(this.pageSize) || 25, 1), 100),
    ] as const;
  }

  // ---------------------------------------------------------------- live updates

  private onServerEvent(event: ServerEvent): void {
    if (event.type !== 'ticket.updated') return;
    const ticket = event.ticket;
    const index = this.rows.findIndex((t) => t.id === ticket.id);
    const fits = this.matchesFilter(ticket);
    if (index >= 0) {
      // An event that trails a newer answer must not bring back an older state.
      if (Date.parse(ticket.updatedAt) < Date.parse(this.rows[index].updatedAt)) return;
      this.rows = fits
        ? this.rows.map((t) => (t.id === ticket.id ? { ...t, ...ticket } : t))
        : this.rows.filter((t) => t.id !== ticket.id);
    } else if (fits && !this.query.trim() && this.sort !== 'updated' && this.listTask.value?.kind === 'list') {
      // A ticket new to this view (raised elsewhere, or reopened) goes on top of a newest-first list.
      this.rows = [ticket, ...this.rows];
    }
  }

  private matchesFilter(ticket: Ticket): boolean {
    const status = this.effectiveStatus;
    if (status === 'open' && !OPEN_STATUSES.includes(ticket.status)) return false;
    if (status === 'closed' && !CLOSED_STATUSES.includes(ticket.status)) return false;
    const user = this.user;
    if (!user) return false;
    return this.effectiveScope === 'organization'
      ? !!user.organization && ticket.organization?.id === user.organization.id
      : ticket.requester.id === user.id;
  }
}
