import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { msg, str } from '@lit/localize';
import { formatDateTime, formatRelative } from '../../core/format.js';
import type { StatusFilter, StatusLabelMode, Ticket, TicketScope, User } from '../../protocol/index.js';
import { renderStatusBadge } from '../status-badge/status-badge.js';

/** What the toolbar shows and does. */
export interface ToolbarView {
  scope: TicketScope;
  status: StatusFilter;
  searchText: string;
  /** The scope switch is shown (company users, unless the host offers its own). */
  canSwitchScope: boolean;
  user: User;
  setScope(scope: TicketScope): void;
  onStatusChange(event: Event): void;
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

/** What the table shows and does. */
export interface TableView {
  rows: Ticket[];
  /** A fresh first page is on its way: the table shows busy. */
  pending: boolean;
  organization: boolean;
  newestFirst: boolean;
  mode: StatusLabelMode;
  locale: string;
  /** For the empty state's hint. */
  query: string;
  status: StatusFilter;
  nextCursor: string | null;
  loadingMore: boolean;
  moreError: string | null;
  toggleSort(): void;
  select(ticket: Ticket): void;
  onRowClick(event: Event, ticket: Ticket): void;
  loadMore(): void;
}

export function renderTable(view: TableView) {
  if (view.rows.length === 0) return renderEmpty(view.query, view.status);
  const { organization: org, newestFirst: newest, pending, mode, locale } = view;
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
              <button type="button" part="sort" @click=${view.toggleSort}>
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
            view.rows,
            (t) => t.id,
            (t) => html`
              <tr part="row" class=${t.unread ? 'unread' : ''} data-ticket-id=${t.id} @click=${(e: Event) => view.onRowClick(e, t)}>
                <td>
                  <button type="button" part="row-button" @click=${() => view.select(t)}>
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
                  <time datetime=${t.updatedAt} title=${formatDateTime(t.updatedAt, locale)}>
                    ${formatRelative(t.updatedAt, locale)}
                  </time>
                </td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    </div>
    ${view.nextCursor || view.moreError ? renderFooter(view) : nothing}
  `;
}

function renderFooter(view: TableView) {
  return html`<div class="footer">
    ${
      view.nextCursor
        ? html`<button
          type="button"
          class="button"
          part="load-more"
          aria-disabled=${view.loadingMore ? 'true' : 'false'}
          @click=${view.loadMore}
        >
          ${
            view.loadingMore
              ? msg('Loading more…', { id: 'tickets.list.loadingMore' })
              : msg('Load more', { id: 'tickets.list.loadMore' })
          }
        </button>`
        : nothing
    }
    ${view.moreError ? html`<p class="error" role="alert">${view.moreError}</p>` : nothing}
  </div>`;
}
