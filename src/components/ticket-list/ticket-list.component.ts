import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { PorticoElement } from '../shared/portico-element.js';
import { statusColors, tokens } from '../shared/styles.js';
import { statusBadgeStyles } from '../status-badge/status-badge.styles.js';
import { ticketListStyles } from './ticket-list.styles.js';
import { LoadController, type LoadContext } from '../shared/load.controller.js';
import { renderLoadError } from '../shared/load-error.js';
import { renderLoading, renderNotConfigured, renderSignedOut } from '../shared/state-views.js';
import { renderForbidden, renderTable, renderToolbar } from './ticket-list-views.js';
import { effectiveSort, placeTicket } from './ticket-order.js';
import { RowWindowController, type RowRange } from './row-window.controller.js';
import { getListCache, swr } from '../../core/cache.js';
import { FIRST_TICKET_PAGE } from '../../core/prefetch.js';
import { ForbiddenError, isUnauthorized } from '../../core/errors.js';
import {
  CLOSED_STATUSES,
  OPEN_STATUSES,
  type Page,
  type PortalSettings,
  type ServerEvent,
  type StatusFilter,
  type Ticket,
  type TicketScope,
  type TicketSort,
} from '../../protocol/index.js';

/** The first page's query. */
type ListArgs = readonly [TicketScope, StatusFilter, TicketSort, string, number];

type ListValue = { kind: 'forbidden' } | { kind: 'list'; page: Page<Ticket>; portal: PortalSettings | null };

/** How long typing pauses before the search runs. */
const SEARCH_DEBOUNCE_MS = 300;

const SCOPES: readonly TicketScope[] = ['mine', 'organization'];
const FILTERS: readonly StatusFilter[] = ['open', 'closed', 'all'];
/** The next page is fetched when the rows in the DOM come this close to the last loaded one. */
const PREFETCH_ROWS = 10;

/**
 * The signed-in user's tickets — or, for a company user, their organisation's
 * — with a status filter, search, a sort (last update, creation, status) and
 * infinite scroll: a windowed grid that fetches the next page as its end comes
 * near. Shows the sign-in form in place when nobody is signed in; a live
 * change updates its one row and moves it where the sort puts it. Loading is
 * the shared LoadController; the toolbar and grid are render functions in
 * ticket-list-views.ts, the order in ticket-order.ts.
 *
 * @event portico-ticket-select - `{ticketId}` when a row is activated (click, Enter or Space).
 * @event portico-ticket-updated - `{ticket}` when a live change reaches a ticket of the list (counts may move).
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - Search, status filter and scope switch.
 * @csspart search - The search input.
 * @csspart status-filter - The status select.
 * @csspart sort-select - The sort select.
 * @csspart scope-switch - The My tickets / Organisation switch (company users only).
 * @csspart table - The ticket grid (role=grid).
 * @csspart row - A ticket row.
 * @csspart row-button - The button that opens a ticket.
 * @csspart sort - The Last update column's sort toggle.
 * @csspart status-badge - A status pill.
 * @csspart loading-more - "Loading more…" while the next page comes.
 * @csspart load-more - The button that tries the next page again after a failure.
 * @csspart state - The loading, empty, error and forbidden messages.
 *
 * @cssproperty --portico-ticket-list-row-hover - Row background on hover.
 * @cssproperty --portico-ticket-list-unread - Colour of the unread dot.
 */
export class PorticoTicketList extends PorticoElement {
  static override styles = [tokens, statusColors, statusBadgeStyles, ticketListStyles];

  /** `mine`, or `organization` (company users only; others get a clear message). */
  @property({ reflect: true }) scope: TicketScope = FIRST_TICKET_PAGE.scope;

  /** `open` (new, open, pending), `closed` (solved, closed) or `all`. */
  @property({ reflect: true }) status: StatusFilter = FIRST_TICKET_PAGE.status;

  /** `-updated` newest update first (default), `updated`, `-created` newest first, `created`, or `status` (lifecycle). */
  @property({ reflect: true }) sort: TicketSort = FIRST_TICKET_PAGE.sort;

  /** Search text; typing in the search box sets it after a short pause. */
  @property() query = '';

  /** Tickets per page; scrolling near the end fetches the next one. */
  @property({ type: Number, attribute: 'page-size' }) pageSize: number = FIRST_TICKET_PAGE.limit;

  /** Hide the My tickets / Organisation switch where the host offers its own (the portal's tabs). */
  @property({ type: Boolean, attribute: 'no-scope-switch' }) noScopeSwitch = false;

  @state() private loadingMore = false;
  @state() private moreError: string | null = null;
  @state() private announcement = '';
  /** What the search box shows; `query` follows it after the debounce. */
  @state() private searchText = '';
  /** The row whose button is the grid's Tab stop (roving tabindex). */
  @state() private activeId: string | null = null;

  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #moreAbort: AbortController | undefined;

  private list = new LoadController<ListArgs, ListValue>(this, {
    services: () => this.services,
    args: () => this.currentArgs(),
    load: (args, context) => this.loadFirstPage(args, context),
    // Back on the page (a launcher keeps the list while a ticket is open): the rows
    // stay in view and refresh, since events were missed while away.
    reconnect: 'reload',
    onLoaded: () => {
      this.loadingMore = false;
      this.moreError = null;
    },
    events: { listen: () => true, onEvent: (event) => this.onServerEvent(event) },
  });

  private async loadFirstPage(
    [scope, status, sort, q, limit]: ListArgs,
    { services, user, signal, preview }: LoadContext<ListValue>,
  ): Promise<ListValue> {
    // A new first page replaces whatever "Load more" was still fetching.
    this.#moreAbort?.abort();
    const portal = services.backend.getPortal({ signal }).catch(() => null);
    const query = { scope, status, sort, q: q || undefined, limit };
    // Per user: a shared computer must never show one person's tickets to the next.
    const key = `tickets:${user.id}:${JSON.stringify(query)}`;
    try {
      const page = await swr(
        getListCache(services.backend.baseUrl),
        key,
        () => services.backend.listTickets(query, { signal }),
        (value, { stale }) => {
          // The last visit's list shows at once; the table stays marked busy until the fresh one lands.
          if (stale) preview({ kind: 'list', page: value, portal: this.portal });
        },
      );
      return { kind: 'list', page, portal: await portal };
    } catch (err) {
      if (err instanceof ForbiddenError) return { kind: 'forbidden' };
      throw err;
    }
  }

  /** The rows on screen (also a cached preview), with the cursor of the next page. */
  private get page(): Page<Ticket> | null {
    const value = this.list.value;
    return value?.kind === 'list' ? value.page : null;
  }

  private get portal(): PortalSettings | null {
    const value = this.list.value;
    return value?.kind === 'list' ? value.portal : null;
  }

  private get effectiveScope(): TicketScope {
    return SCOPES.includes(this.scope) ? this.scope : 'mine';
  }

  private get effectiveStatus(): StatusFilter {
    return FILTERS.includes(this.status) ? this.status : 'open';
  }

  private get canSwitchScope(): boolean {
    if (this.noScopeSwitch) return false;
    const user = this.list.user;
    return user?.role === 'company' && !!user.organization && this.portal?.organizationVisibility !== false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
    this.#moreAbort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Keeps the box in step when `query` is set from outside.
    if (changed.has('query') && this.query !== this.searchText.trim()) this.searchText = this.query;
  }

  /** Reloads the first page (the error state's Retry does this too). */
  reload(): Promise<void> {
    return this.list.reload();
  }

  override render() {
    if (!this.services) return renderNotConfigured();
    const list = this.list;
    const pending = list.pending;
    if (list.signedOut && !pending) return html`<div part="base">${renderSignedOut(null)}</div>`;
    const value = list.value;
    const rows = this.page?.items ?? [];
    let body;
    if (list.failed && list.stale && rows.length > 0) {
      // Offline with a cached list: keep it readable and say it may be out of date.
      body = html`${this.renderError(list.error, true)}${this.renderRows(false)}`;
    } else if (list.failed) body = this.renderError(list.error);
    else if (value?.kind === 'forbidden' && !pending) body = renderForbidden(() => this.setScope('mine'));
    else if (value?.kind === 'list' && (rows.length > 0 || !pending)) body = this.renderRows(pending);
    else body = renderLoading(msg('Loading tickets…', { id: 'tickets.list.loading' }));
    const user = list.user;
    return html`
      <div part="base">
        ${
          user
            ? renderToolbar({
                scope: this.effectiveScope,
                status: this.effectiveStatus,
                sort: effectiveSort(this.sort),
                searchText: this.searchText,
                canSwitchScope: this.canSwitchScope,
                user,
                setScope: (scope) => this.setScope(scope),
                onStatusChange: this.onStatusChange,
                onSortChange: this.onSortChange,
                onSearchInput: this.onSearchInput,
                onSearchKeydown: this.onSearchKeydown,
              })
            : nothing
        }
        ${body}
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </div>
    `;
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

  private renderRows(pending: boolean) {
    return renderTable({
      rows: this.page?.items ?? [],
      pending,
      organization: this.effectiveScope === 'organization',
      sort: effectiveSort(this.sort),
      mode: this.portal?.statusLabelMode ?? 'full',
      locale: this.locale,
      query: this.query.trim(),
      status: this.effectiveStatus,
      more: !!this.page?.nextCursor,
      activeId: this.activeId,
      range: this.rowWindow.slice(this.page?.items.length ?? 0),
      rowHeight: this.rowWindow.rowHeight,
      loadingMore: this.loadingMore,
      moreError: this.moreError,
      toggleSort: this.toggleSort,
      select: this.#select,
      onRowClick: this.#onRowClick,
      onGridKeydown: this.#onGridKeydown,
      onRowFocus: this.#onRowFocus,
      loadMore: this.#loadMore,
    });
  }

  // ---------------------------------------------------------------- actions

  /** Changes the rows on screen (a live update, a row read, a next page). */
  private updateRows(change: (page: Page<Ticket>) => Page<Ticket>): void {
    this.list.update((v) => (v.kind === 'list' ? { ...v, page: change(v.page) } : v));
  }

  // Handlers the rows share: the same function for every row, so a re-render leaves the rows' listeners alone.
  #select = (ticket: Ticket): void => {
    if (ticket.unread) {
      this.updateRows((p) => ({ ...p, items: p.items.map((t) => (t.id === ticket.id ? { ...t, unread: false } : t)) }));
    }
    this.emit('portico-ticket-select', { ticketId: ticket.id });
  };

  #onRowClick = (event: Event, ticket: Ticket): void => {
    // The button handles its own clicks; this makes the rest of the row a mouse target too.
    if ((event.target as Element).closest('button')) return;
    if (globalThis.getSelection?.()?.toString()) return;
    this.#select(ticket);
  };

  #onRowFocus = (ticket: Ticket): void => {
    this.activeId = ticket.id;
  };

  /** Up/Down, Page Up/Down, Home/End move between rows; past the last loaded row, the next page comes. */
  #onGridKeydown = (event: KeyboardEvent): void => {
    const row = (event.target as Element).closest<HTMLElement>('[role="row"][data-index]');
    const rows = this.page?.items ?? [];
    if (!row || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(row.dataset.index);
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[event.key];
    let next: number;
    if (step !== undefined) next = index + step;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    else return;
    event.preventDefault();
    if (next >= rows.length - 1 && this.page?.nextCursor) void this.loadMore();
    this.#focusRow(Math.max(0, Math.min(rows.length - 1, next)));
  };

  /** Draws a row if it is outside the window, then scrolls it into view and focuses its button. */
  async #focusRow(index: number): Promise<void> {
    const ticket = this.page?.items[index];
    if (!ticket) return;
    this.activeId = ticket.id;
    this.rowWindow.include(index);
    await this.updateComplete;
    const row = this.renderRoot.querySelector<HTMLElement>(`[role="row"][data-ticket-id="${CSS.escape(ticket.id)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
    row?.querySelector<HTMLElement>("[part~='row-button']")?.focus({ preventScroll: true });
  }

  /** The window moved (scrolling, a resize, new rows): near the end, the next page comes. */
  #onRange = ({ end }: RowRange, count: number): void => {
    if (count > 0 && end >= count - PREFETCH_ROWS && !this.moreError) void this.loadMore();
  };

  private rowWindow = new RowWindowController(this, () => this.renderRoot.querySelector('.body'), this.#onRange);

  #loadMore = (): void => {
    this.moreError = null;
    void this.loadMore();
  };

  private setScope(scope: TicketScope): void {
    this.scope = scope;
  }

  private onStatusChange = (event: Event): void => {
    this.status = (event.target as HTMLSelectElement).value as StatusFilter;
  };

  private toggleSort = (): void => {
    this.sort = this.sort === '-updated' ? 'updated' : '-updated';
  };

  private onSortChange = (event: Event): void => {
    this.sort = effectiveSort((event.target as HTMLSelectElement).value);
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

  private async loadMore(): Promise<void> {
    const services = this.services;
    const cursor = this.page?.nextCursor;
    // A first page still on its way would make this cursor stale.
    if (!services || !cursor || this.loadingMore || this.list.loading) return;
    const abort = new AbortController();
    this.#moreAbort = abort;
    this.loadingMore = true;
    this.moreError = null;
    try {
      const [scope, status, sort, q, limit] = this.currentArgs();
      const page = await services.backend.listTickets(
        { scope, status, sort, q: q || undefined, limit, cursor },
        { signal: abort.signal },
      );
      if (abort.signal.aborted) return;
      let added: Ticket[] = [];
      this.updateRows((p) => {
        const known = new Set(p.items.map((t) => t.id));
        added = page.items.filter((t) => !known.has(t.id));
        return { items: [...p.items, ...added], nextCursor: page.nextCursor };
      });
      this.announcement = msg(str`${added.length} more tickets loaded`, { id: 'tickets.list.loadedMore' });
    } catch (err) {
      if (abort.signal.aborted) return;
      // The client's 401 hook has ended the session; the signed-out view takes over.
      if (isUnauthorized(err)) return;
      this.moreError = msg('More tickets could not be loaded. Try again.', { id: 'tickets.list.loadMoreError' });
    } finally {
      if (this.#moreAbort === abort) this.loadingMore = false;
    }
  }

  /** The first page's query, in task-argument order. */
  private currentArgs(): ListArgs {
    return [
      this.effectiveScope,
      this.effectiveStatus,
      effectiveSort(this.sort),
      this.query.trim(),
      Math.min(Math.max(Math.floor(this.pageSize) || FIRST_TICKET_PAGE.limit, 1), 100),
    ];
  }

  // ---------------------------------------------------------------- live updates

  private onServerEvent(event: ServerEvent): void {
    if (event.type !== 'ticket.updated') return;
    const page = this.page;
    if (!page) return;
    const rows = page.items;
    const index = rows.findIndex((t) => t.id === event.ticket.id);
    const old = index >= 0 ? rows[index] : null;
    // An event that trails a newer answer must not bring back an older state.
    if (old && Date.parse(event.ticket.updatedAt) < Date.parse(old.updatedAt)) return;
    const ticket = old ? { ...old, ...event.ticket } : event.ticket;
    const fits = this.matchesFilter(ticket);
    // A ticket new to this view (raised elsewhere, reopened) joins only where the search cannot rule it out.
    if (!old && (!fits || this.query.trim())) return;
    // Only this row changes: the others keep their objects, so Lit leaves their DOM alone.
    this.updateRows((p) => ({
      ...p,
      items: fits
        ? placeTicket(p.items, ticket, effectiveSort(this.sort), !!p.nextCursor)
        : p.items.filter((t) => t.id !== ticket.id),
    }));
    this.emit('portico-ticket-updated', { ticket });
  }

  private matchesFilter(ticket: Ticket): boolean {
    const status = this.effectiveStatus;
    if (status === 'open' && !OPEN_STATUSES.includes(ticket.status)) return false;
    if (status === 'closed' && !CLOSED_STATUSES.includes(ticket.status)) return false;
    const user = this.list.user;
    if (!user) return false;
    return this.effectiveScope === 'organization'
      ? !!user.organization && ticket.organization?.id === user.organization.id
      : ticket.requester.id === user.id;
  }
}
