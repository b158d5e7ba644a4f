import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { RowRange } from './row-window.controller.js';
import { formatDateTime, formatRelative } from '../../core/format.js';
import type { StatusFilter, StatusLabelMode, Ticket, TicketScope, TicketSort, User } from '../../protocol/index.js';
import { renderStatusBadge } from '../status-badge/status-badge.js';

/** What the toolbar shows and does. */
export interface ToolbarView {
  scope: TicketScope;
  status: StatusFilter;
  sort: TicketSort;
  searchText: string;
  /** The scope switch is shown (company users, unless the host offers its own). */
  canSwitchScope: boolean;
  user: User;
  setScope(scope: TicketScope): void;
  onStatusChange(event: Event): void;
  onSortChange(event: Event): void;
  onSearchInput(event: Event): void;
  onSearchKeydown(event: KeyboardEvent): void;
}

export function renderToolbar(view: ToolbarView) {
  const scope = view.scope;
  return html`
    <div part="toolbar">
      ${
        view.canSwitchScope
          ? html`<div class="control">
            <span class="control-label" id="scope-label">${msg('Show', { id: 'tickets.list.scope' })}</span>
            <div part="scope-switch" role="group" aria-labelledby="scope-label">
              <button type="button" aria-pressed=${scope === 'mine' ? 'true' : 'false'} @click=${() => view.setScope('mine')}>
                ${msg('My tickets', { id: 'tickets.list.scope.mine' })}
              </button>
              <button
                type="button"
                aria-pressed=${scope === 'organization' ? 'true' : 'false'}
                @click=${() => view.setScope('organization')}
              >
                ${msg(str`All of ${view.user.organization!.name}`, { id: 'tickets.list.scope.organization' })}
              </button>
            </div>
          </div>`
          : nothing
      }
      <div class="control">
        <label for="status-filter">${msg('Status', { id: 'tickets.list.statusFilter' })}</label>
        <select id="status-filter" part="status-filter" @change=${view.onStatusChange}>
          <option value="open" ?selected=${view.status === 'open'}>${msg('Open tickets', { id: 'tickets.list.filter.open' })}</option>
          <option value="closed" ?selected=${view.status === 'closed'}>${msg('Closed tickets', { id: 'tickets.list.filter.closed' })}</option>
          <option value="all" ?selected=${view.status === 'all'}>${msg('All tickets', { id: 'tickets.list.filter.all' })}</option>
        </select>
      </div>
      <div class="control">
        <label for="sort">${msg('Sort by', { id: 'tickets.list.sort' })}</label>
        <select id="sort" part="sort-select" @change=${view.onSortChange}>
          ${sortOptions().map(
            ([value, label]) => html`<option value=${value} ?selected=${view.sort === value}>${label}</option>`,
          )}
        </select>
      </div>
      <div class="control search">
        <label for="search">${msg('Search tickets', { id: 'tickets.list.search' })}</label>
        <input
          id="search"
          part="search"
          type="search"
          autocomplete="off"
          .value=${view.searchText}
          @input=${view.onSearchInput}
          @keydown=${view.onSearchKeydown}
        />
      </div>
    </div>
  `;
}

function sortOptions(): Array<[TicketSort, string]> {
  return [
    ['-updated', msg('Last update, newest first', { id: 'tickets.list.sort.updatedNewest' })],
    ['updated', msg('Last update, oldest first', { id: 'tickets.list.sort.updatedOldest' })],
    ['-created', msg('Newest tickets first', { id: 'tickets.list.sort.createdNewest' })],
    ['created', msg('Oldest tickets first', { id: 'tickets.list.sort.createdOldest' })],
    ['status', msg('Status', { id: 'tickets.list.statusFilter' })],
  ];
}

export function renderForbidden(showMine: () => void) {
  return html`<div part="state" class="state" role="alert">
    <p class="title">${msg('You cannot see your organisation’s tickets.', { id: 'tickets.list.forbidden' })}</p>
    <p>${msg('Only company users see every ticket of their organisation. You can still see the tickets you raised yourself.', { id: 'tickets.list.forbidden.hint' })}</p>
    <button class="button" type="button" @click=${showMine}>
      ${msg('Show my tickets', { id: 'tickets.list.showMine' })}
    </button>
  </div>`;
}

function renderEmpty(query: string, status: StatusFilter) {
  let hint: string;
  if (query)
    hint = msg(str`Nothing matches “${query}”. Try other words or clear the search.`, {
      id: 'tickets.list.empty.search',
    });
  else if (status === 'open')
    hint = msg('You have no open tickets. Choose “All tickets” to see earlier ones.', {
      id: 'tickets.list.empty.open',
    });
  else if (status === 'closed') hint = msg('No ticket has been closed yet.', { id: 'tickets.list.empty.closed' });
  else hint = msg('When you contact support, your requests appear here.', { id: 'tickets.list.empty.all' });
  return html`<div part="state" class="state">
    <p class="title">${msg('No tickets', { id: 'tickets.list.empty' })}</p>
    <p>${hint}</p>
  </div>`;
}

/** What the grid shows and does. */
export interface TableView {
  rows: Ticket[];
  /** A fresh first page is on its way: the grid shows busy. */
  pending: boolean;
  organization: boolean;
  sort: TicketSort;
  mode: StatusLabelMode;
  locale: string;
  /** For the empty state's hint. */
  query: string;
  status: StatusFilter;
  /** More pages remain: the row count is not known yet. */
  more: boolean;
  /** The row whose button is the grid's one Tab stop. */
  activeId: string | null;
  /** The rows drawn (RowWindowController) and their fixed height, 0 before it is measured. */
  range: RowRange;
  rowHeight: number;
  loadingMore: boolean;
  moreError: string | null;
  toggleSort(): void;
  select(ticket: Ticket): void;
  onRowClick(event: Event, ticket: Ticket): void;
  onGridKeydown(event: KeyboardEvent): void;
  onRowFocus(ticket: Ticket): void;
  loadMore(): void;
}

/**
 * The tickets as an ARIA grid, windowed: only the rows near the viewport are
 * in the DOM (RowWindowController), so 10,000 tickets cost what 40 do. The
 * grid keeps the count (`aria-rowcount`, -1 while more pages remain) and each
 * row its position (`aria-rowindex`) for screen readers; arrow keys, Home and
 * End move between rows, and moving past the last loaded row loads the next page.
 */
export function renderTable(view: TableView) {
  if (view.rows.length === 0) return renderEmpty(view.query, view.status);
  const { organization: org, pending, mode, locale, sort } = view;
  const updatedSort = sort === '-updated' || sort === 'updated';
  const newest = sort !== 'updated';
  const active = view.activeId && view.rows.some((t) => t.id === view.activeId) ? view.activeId : view.rows[0]!.id;
  const { first, end } = view.range;
  const h = view.rowHeight;
  // The rows above and below the window, as room: the scrollbar and aria-rowindex stay those of the whole list.
  const room = h ? { paddingBlockStart: `${first * h}px`, paddingBlockEnd: `${(view.rows.length - end) * h}px` } : {};
  return html`
    <div class="table-wrap">
      ${pending ? html`<div class="progress" part="progress" aria-hidden="true"></div>` : nothing}
      <div
        role="grid"
        part="table"
        class=${org ? 'grid org' : 'grid'}
        aria-busy=${pending ? 'true' : 'false'}
        aria-label=${org ? msg('Tickets of your organisation', { id: 'tickets.list.caption.organization' }) : msg('My tickets', { id: 'tickets.list.scope.mine' })}
        aria-rowcount=${view.more ? -1 : view.rows.length + 1}
        @keydown=${view.onGridKeydown}
      >
        <div role="rowgroup" class="head">
          <div role="row" class="row" aria-rowindex="1">
            <span role="columnheader" class="cell">${msg('Ticket', { id: 'tickets.list.col.ticket' })}</span>
            <span role="columnheader" class="cell" aria-sort=${sort === 'status' ? 'ascending' : nothing}>
              ${msg('Status', { id: 'tickets.list.statusFilter' })}
            </span>
            <span role="columnheader" class="cell service">${msg('Service', { id: 'tickets.list.col.service' })}</span>
            ${org ? html`<span role="columnheader" class="cell requester">${msg('Requester', { id: 'tickets.list.col.requester' })}</span>` : nothing}
            <span role="columnheader" class="cell" aria-sort=${updatedSort ? (newest ? 'descending' : 'ascending') : nothing}>
              <button type="button" part="sort" @click=${view.toggleSort}>
                ${msg('Last update', { id: 'tickets.list.col.updated' })}
                ${
                  updatedSort
                    ? html`<span aria-hidden="true">${newest ? '↓' : '↑'}</span>
                      <span class="visually-hidden">
                        ${newest ? msg('(newest first)', { id: 'tickets.list.sort.newest' }) : msg('(oldest first)', { id: 'tickets.list.sort.oldest' })}
                      </span>`
                    : nothing
                }
              </button>
            </span>
          </div>
        </div>
        <div role="rowgroup" class="body" style=${styleMap(room)}>
          ${repeat(
            view.rows.slice(first, end),
            (t) => t.id,
            (t, i) => renderRow(view, t, first + i, org, mode, locale, t.id === active),
          )}
        </div>
      </div>
    </div>
    ${view.loadingMore || view.moreError ? renderFooter(view) : nothing}
  `;
}

function renderRow(
  view: TableView,
  t: Ticket,
  index: number,
  org: boolean,
  mode: StatusLabelMode,
  locale: string,
  tabStop: boolean,
) {
  return html`<div
    role="row"
    part="row"
    class=${t.unread ? 'row unread' : 'row'}
    aria-rowindex=${index + 2}
    data-index=${index}
    data-ticket-id=${t.id}
    @click=${(e: Event) => view.onRowClick(e, t)}
  >
    <span role="gridcell" class="cell">
      <button
        type="button"
        part="row-button"
        tabindex=${tabStop ? 0 : -1}
        @click=${() => view.select(t)}
        @focus=${() => view.onRowFocus(t)}
      >
        <span class="subject">
          ${
            t.unread
              ? html`<span class="unread-dot" part="unread" aria-hidden="true"></span
                ><span class="visually-hidden">${msg('Unread:', { id: 'tickets.list.unread' })} </span>`
              : nothing
          }<span class="subject-text" dir="auto" title=${t.subject}>${t.subject}</span>
        </span>
        <span class="number">#${t.number}</span>
      </button>
    </span>
    <span role="gridcell" class="cell">${renderStatusBadge(t.status, mode)}</span>
    <span role="gridcell" class="cell service">${t.service ?? nothing}</span>
    ${org ? html`<span role="gridcell" class="cell requester">${t.requester.name}</span>` : nothing}
    <span role="gridcell" class="cell">
      <time datetime=${t.updatedAt} title=${formatDateTime(t.updatedAt, locale)}>${formatRelative(t.updatedAt, locale)}</time>
    </span>
  </div>`;
}

function renderFooter(view: TableView) {
  return html`<div class="footer">
    ${view.loadingMore ? html`<p class="muted" part="loading-more">${msg('Loading more…', { id: 'tickets.list.loadingMore' })}</p>` : nothing}
    ${
      view.moreError
        ? html`<p class="error" role="alert">${view.moreError}</p>
          <button type="button" class="button" part="load-more" @click=${view.loadMore}>
            ${msg('Load more', { id: 'tickets.list.loadMore' })}
          </button>`
        : nothing
    }
  </div>`;
}
