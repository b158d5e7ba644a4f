import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

export type LauncherView = 'tickets' | 'new' | 'chat';

export interface LauncherTabsOptions {
  views: LauncherView[];
  active: LauncherView;
  /** Shows a view; resolves once it is rendered. */
  select(view: LauncherView): Promise<void>;
  /** A pointer over a tab, or focus on one: the view may be fetched ahead of the click. */
  intent(view: LauncherView): void;
  /** Finds a tab's button in the launcher's shadow root, to move focus to it. */
  tab(view: LauncherView): HTMLElement | null;
}

/**
 * The launcher's tab bar, following the tabs pattern: one tab in the Tab
 * order, arrow keys (mirrored right to left), Home and End move between tabs
 * and show their view.
 */
export function renderLauncherTabs(o: LauncherTabsOptions): TemplateResult {
  const labels: Record<LauncherView, string> = {
    tickets: msg('Tickets', { id: 'launcher.tab.tickets' }),
    new: msg('New ticket', { id: 'launcher.tab.new' }),
    chat: msg('Chat', { id: 'launcher.tab.chat' }),
  };
  return html`<div
    class="tabs"
    part="tabs"
    role="tablist"
    aria-label=${msg('Support sections', { id: 'launcher.tabs' })}
    @keydown=${(e: KeyboardEvent) => onTabKeydown(e, o)}
  >
    ${o.views.map(
      (v) => html`<button
        class="tab"
        part="tab"
        type="button"
        role="tab"
        id="tab-${v}"
        data-view=${v}
        aria-selected=${v === o.active ? 'true' : 'false'}
        aria-controls="view-${v}"
        tabindex=${v === o.active ? '0' : '-1'}
        @click=${() => void o.select(v)}
        @pointerenter=${() => o.intent(v)}
        @focus=${() => o.intent(v)}
      >
        ${labels[v]}
      </button>`,
    )}
  </div>`;
}

function onTabKeydown(event: KeyboardEvent, o: LauncherTabsOptions): void {
  const rtl = getComputedStyle(event.currentTarget as Element).direction === 'rtl';
  const step: Record<string, number> = {
    ArrowRight: rtl ? -1 : 1,
    ArrowLeft: rtl ? 1 : -1,
  };
  const { views } = o;
  let index = views.indexOf(o.active);
  if (event.key in step) index = (index + step[event.key] + views.length) % views.length;
  else if (event.key === 'Home') index = 0;
  else if (event.key === 'End') index = views.length - 1;
  else return;
  event.preventDefault();
  const next = views[index];
  void o.select(next).then(() => o.tab(next)?.focus());
}
