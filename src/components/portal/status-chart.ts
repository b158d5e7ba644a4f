import { css, html, svg, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { statusLabel } from '../../core/status.js';
import type { StatusLabelMode, TicketStatus, TicketSummary } from '../../protocol/index.js';

/** One slice of the chart: a status (or, in simple mode, Open/Closed) and its count. */
interface Slice {
  key: string;
  label: string;
  count: number;
}

const FULL_ORDER: readonly TicketStatus[] = ['new', 'open', 'pending', 'solved', 'closed'];

function slices(summary: TicketSummary, mode: StatusLabelMode): Slice[] {
  if (mode === 'simple') {
    return [
      {
        key: 'open',
        label: statusLabel('open', 'simple'),
        count: summary.new + summary.open + summary.pending,
      },
      {
        key: 'closed',
        label: statusLabel('closed', 'simple'),
        count: summary.solved + summary.closed,
      },
    ];
  }
  return FULL_ORDER.map((status) => ({
    key: status,
    label: statusLabel(status, 'full'),
    count: summary[status] ?? 0,
  }));
}

function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

export interface StatusChartOptions {
  /** Unique within the shadow root; ids of the caption and table derive from it. */
  id: string;
  title: string;
  summary: TicketSummary;
  mode: StatusLabelMode;
  locale: string;
}

/**
 * A donut of ticket counts by status in the TVox colours (New yellow, Open
 * red, Pending light blue, Closed grey), with the same numbers in a visible
 * table that doubles as the legend. The SVG is one image with a spoken
 * summary; the table is the text equivalent.
 */
export function renderStatusChart(o: StatusChartOptions): TemplateResult {
  const parts = slices(o.summary, o.mode);
  const total = parts.reduce((sum, p) => sum + p.count, 0);
  const summaryText = parts.map((p) => `${p.label} ${formatCount(p.count, o.locale)}`).join(', ');
  const label = msg(str`${o.title}: ${formatCount(total, o.locale)} in total; ${summaryText}`, {
    id: 'portal.chart.label',
  });

  // r = 100 / 2π, so the circumference is 100 and dash lengths are percentages.
  const r = 15.9155;
  let offset = 0;
  const rings = parts
    .filter((p) => p.count > 0)
    .map((p) => {
      const share = (p.count / total) * 100;
      // Start at 12 o'clock (offset 25) and run clockwise.
      const ring = svg`<circle
        class="slice"
        data-status=${p.key}
        cx="21" cy="21" r=${r}
        fill="none"
        stroke-width="6"
        stroke-dasharray="${share} ${100 - share}"
        stroke-dashoffset=${25 - offset}
      ></circle>`;
      offset += share;
      return ring;
    });

  return html`<figure class="chart" part="chart" data-chart=${o.id}>
    <figcaption id="${o.id}-title" class="chart-title">${o.title}</figcaption>
    <div class="chart-body">
      <svg viewBox="0 0 42 42" role="img" aria-label=${label} class="donut" part="chart-graphic">
        <circle cx="21" cy="21" r=${r} fill="none" class="track" stroke-width="6"></circle>
        ${rings}
        <text x="21" y="21" class="total" text-anchor="middle" dominant-baseline="central">
          ${formatCount(total, o.locale)}
        </text>
      </svg>
      <table class="chart-table" aria-labelledby="${o.id}-title" part="chart-table">
        <thead>
          <tr>
            <th scope="col">${msg('Status', { id: 'portal.chart.status' })}</th>
            <th scope="col" class="num">${msg('Tickets', { id: 'portal.chart.count' })}</th>
          </tr>
        </thead>
        <tbody>
          ${parts.map(
            (p) => html`<tr data-status=${p.key}>
              <th scope="row">
                <span class="swatch" data-status=${p.key} aria-hidden="true"></span>${p.label}
              </th>
              <td class="num">${formatCount(p.count, o.locale)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${msg('Total', { id: 'portal.chart.total' })}</th>
            <td class="num">${formatCount(total, o.locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
    ${total === 0 ? html`<p class="chart-empty">${msg('No tickets yet.', { id: 'portal.chart.empty' })}</p>` : nothing}
  </figure>`;
}

export const statusChartStyles = css`
  .chart {
    margin: 0;
    padding: var(--_space-3);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-bg);
    min-inline-size: 0;
  }
  .chart-title {
    font-weight: 600;
    margin-block-end: var(--_space-2);
  }
  .chart-body {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-4);
    align-items: center;
  }
  .donut {
    inline-size: 128px;
    block-size: 128px;
    flex: none;
  }
  .track {
    stroke: var(--_color-surface);
  }
  .total {
    font-size: 9px;
    font-weight: 700;
    fill: currentColor;
  }
  .chart-table {
    border-collapse: collapse;
    flex: 1 1 calc(10 * var(--_rem));
  }
  .chart-table th,
  .chart-table td {
    text-align: start;
    padding-block: 2px;
    padding-inline: var(--_space-2);
    font-weight: normal;
  }
  .chart-table thead th {
    color: var(--_color-muted);
    font-size: calc(0.8125 * var(--_rem));
  }
  .chart-table tfoot th,
  .chart-table tfoot td {
    font-weight: 600;
    border-block-start: 1px solid var(--_color-border);
  }
  .chart-table .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .swatch {
    display: inline-block;
    inline-size: 0.8em;
    block-size: 0.8em;
    border-radius: 2px;
    margin-inline-end: var(--_space-2);
    border: 1px solid var(--_color-border);
    vertical-align: baseline;
  }
  /* Colours through classes, not style attributes: a strict host CSP may forbid inline styles. */
  [data-status='new'] {
    --_slice: var(--_status-new);
  }
  [data-status='open'] {
    --_slice: var(--_status-open);
  }
  [data-status='pending'] {
    --_slice: var(--_status-pending);
  }
  [data-status='solved'] {
    --_slice: var(--_status-solved);
  }
  [data-status='closed'] {
    --_slice: var(--_status-closed);
  }
  .slice {
    stroke: var(--_slice);
  }
  .swatch {
    background: var(--_slice);
  }
  .chart-empty {
    color: var(--_color-muted);
    margin: var(--_space-2) 0 0;
  }
`;
