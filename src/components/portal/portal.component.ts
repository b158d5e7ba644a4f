import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { statusColors, tokens } from '../shared/styles.js';
import { portalStyles } from './portal.styles.js';
import { renderStatusChart, statusChartStyles } from './status-chart.js';
import { renderPortalView } from './portal-views.js';
import {
  formatRoute,
  parseRoute,
  PortalRouteController,
  type ListView,
  type PortalRoute,
  type RoutingMode,
} from './portal-route.controller.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';
import { elementState } from '../shared/lazy-elements.js';
import { startIframeBridge, type IframeBridge } from '../../core/iframe-bridge.js';
import { problemText } from '../../core/problem-text.js';
import { validateConfig } from '../../core/config.js';
import { safeUrl } from '../../core/urls.js';
import type { PortalSettings, Ticket, TicketSummary, User } from '../../protocol/index.js';
import { renderLoading, renderNotConfigured, stateViewStyles } from '../shared/state-views.js';

type PortalContext =
  | { kind: 'unconfigured' }
  | { kind: 'signed-out'; portal: PortalSettings | null }
  | { kind: 'ready'; portal: PortalSettings; user: User };

interface Summaries {
  mine: TicketSummary;
  organization: TicketSummary | null;
}

type TabView = 'tickets' | 'mine' | 'new' | 'kb' | 'profile';

/**
 * The full portal page for intranets and iframes (OneDesk's standalone pages,
 * TVox's customer portal): a dashboard with ticket counts by status for the
 * organisation and for the person, tabs for All tickets (company users only),
 * My tickets, New ticket, Help articles (where the portal has articles) and
 * Profile, and deep links in the URL hash (`#/tickets`, `#/mine`, `#/new`,
 * `#/new/<form>`, `#/kb`, `#/kb/<article>`, `#/profile`, `#/ticket/<id>`). Signed out,
 * it shows the sign-in form. When framed, it reports its height and route to
 * allow-listed parent origins and takes routes from them.
 *
 * @event portico-navigate - `{view, ticketId?}` whenever the route changes.
 *
 * @csspart base - the page wrapper.
 * @csspart header - the title bar.
 * @csspart dashboard - the charts.
 * @csspart chart, chart-graphic, chart-table - one chart, its SVG and its table.
 * @csspart tablist, tab, panel - the tabs and the current view.
 *
 * @cssproperty --portico-portal-max-width - the page's maximum width.
 * @cssproperty --portico-portal-header-bg - the title bar's background.
 */
export class PorticoPortal extends PorticoElement {
  static override styles = [tokens, statusColors, stateViewStyles, portalStyles, statusChartStyles];

  /** Origins that may frame this portal and talk to it, in addition to the configuration's. Space- or comma-separated. */
  @property({ attribute: 'allowed-origins' }) allowedOrigins = '';

  /** `hash` keeps the route in the URL (deep links, back/forward); `memory` leaves the URL alone. */
  @property({ reflect: true }) routing: RoutingMode = 'hash';

  /** The form for New ticket; else the configuration's, else `general`. */
  @property({ attribute: 'form-id' }) formId = '';

  /** Bumped to refetch the dashboard counts. */
  @state() private summaryVersion = 0;

  #sessionWatch = new SessionWatchController(this, () => this.services?.session, { redrawOnEveryChange: true });
  #routes = new PortalRouteController(
    this,
    () => (this.routing === 'memory' ? 'memory' : 'hash'),
    (route) => this.#onRouteChange(route),
  );

  /** The list a ticket was opened from, for the back button and the selected tab. */
  #lastList: ListView | null = null;
  /** Set while a tab press navigates: focus stays on the tab then. */
  #tabNavigation = false;
  #focusPanelAfterRender = false;
  #bridge: IframeBridge | null = null;
  #bridgeKey = '';

  #context = new Task(this, {
    task: async ([services], { signal }): Promise<PortalContext> => {
      if (!services) return { kind: 'unconfigured' };
      const [session, portal] = await Promise.all([
        services.session.load(signal),
        services.backend.getPortal({ signal }),
      ]);
      return session ? { kind: 'ready', portal, user: session.user } : { kind: 'signed-out', portal };
    },
    args: () => [this.services, this.#sessionWatch.version] as const,
  });

  #summaries = new Task(this, {
    task: async ([backend, userId, company], { signal }): Promise<Summaries | null> => {
      if (!backend || !userId) return null;
      const [mine, organization] = await Promise.all([
        backend.getTicketSummary('mine', { signal }),
        company ? backend.getTicketSummary('organization', { signal }) : Promise.resolve(null),
      ]);
      return { mine, organization };
    },
    args: () => {
      const ctx = this.#ready;
      return [
        this.services?.backend,
        ctx?.user.id ?? null,
        ctx ? this.#isCompany(ctx) : false,
        this.summaryVersion,
      ] as const;
    },
  });

  get #ready(): Extract<PortalContext, { kind: 'ready' }> | null {
    const value = this.#context.value;
    return this.#context.status === TaskStatus.COMPLETE && value?.kind === 'ready' ? value : null;
  }

  #isCompany(ctx: { user: User; portal: PortalSettings }): boolean {
    return ctx.user.role === 'company' && !!ctx.user.organization && ctx.portal.organizationVisibility !== false;
  }

  /** The tabs this person gets, in order. */
  #tabs(company: boolean, articles: boolean): Array<{ view: TabView; label: string }> {
    return [
      ...(company ? [{ view: 'tickets' as const, label: msg('All tickets', { id: 'portal.tab.all' }) }] : []),
      { view: 'mine', label: msg('My tickets', { id: 'portal.tab.mine' }) },
      { view: 'new', label: msg('New ticket', { id: 'portal.tab.new' }) },
      ...(articles ? [{ view: 'kb' as const, label: msg('Help articles', { id: 'portal.tab.kb' }) }] : []),
      { view: 'profile', label: msg('Profile', { id: 'portal.tab.profile' }) },
    ];
  }

  /** What to show for the requested route: All tickets falls back to My tickets for others. */
  #effectiveRoute(company: boolean): PortalRoute {
    const requested = this.#routes.route;
    if (!requested) return { view: 'mine' };
    if (requested.view === 'tickets' && !company) return { view: 'mine' };
    if (requested.view === 'kb' && this.#ready?.portal.capabilities?.articles === false) return { view: 'mine' };
    return requested;
  }

  /** Goes to a route, e.g. `{view: 'profile'}` or `{view: 'ticket', ticketId}`; also takes `'/ticket/t-1'`. */
  navigate(route: PortalRoute | string, options: { replace?: boolean } = {}): boolean {
    const parsed = typeof route === 'string' ? parseRoute(route) : route;
    if (!parsed) return false;
    this.#routes.navigate(parsed, options);
    return true;
  }

  /** The route on screen, e.g. `/mine`. */
  get currentRoute(): string {
    const ctx = this.#ready;
    return formatRoute(this.#effectiveRoute(ctx ? this.#isCompany(ctx) : false));
  }

  #onRouteChange(route: PortalRoute | null): void {
    const ctx = this.#ready;
    const effective = route ?? this.#effectiveRoute(ctx ? this.#isCompany(ctx) : false);
    if (effective.view === 'tickets' || effective.view === 'mine') this.#lastList = effective.view;
    // Counts may have moved while the person was elsewhere.
    if (effective.view === 'tickets' || effective.view === 'mine') this.summaryVersion++;
    if (!this.#tabNavigation && this.matches(':focus-within')) this.#focusPanelAfterRender = true;
    this.#tabNavigation = false;
    this.emit('portico-navigate', {
      view: effective.view,
      ...(effective.view === 'ticket' ? { ticketId: effective.ticketId } : {}),
    });
    this.#bridge?.postRoute(formatRoute(effective));
  }

  // ---------------------------------------------------------- iframe bridge

  #parsedAttribute = { text: '', origins: [] as string[] };

  #allowedOrigins(): string[] {
    const fromConfig = this.services?.config.allowedOrigins ?? [];
    const text = this.allowedOrigins.trim();
    if (text !== this.#parsedAttribute.text) {
      // Parsed once per value, so a bad origin is reported once, not on every render.
      const { config, errors } = validateConfig({ allowedOrigins: text }, '<portico-portal allowed-origins>');
      for (const e of errors) console.error(e);
      this.#parsedAttribute = { text, origins: text ? (config.allowedOrigins ?? []) : [] };
    }
    return [...fromConfig, ...this.#parsedAttribute.origins];
  }

  #syncBridge(): void {
    const origins = this.#allowedOrigins();
    const key = origins.join(' ');
    if (key === this.#bridgeKey && this.#bridge) return;
    this.#bridge?.stop();
    this.#bridgeKey = key;
    this.#bridge = startIframeBridge({
      allowedOrigins: origins,
      onNavigate: (route) => {
        this.navigate(route);
      },
    });
    if (this.#bridge.active) this.#bridge.postRoute(this.currentRoute);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#syncBridge();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#bridge?.stop();
    this.#bridge = null;
    this.#bridgeKey = '';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const ctx = this.#ready;
    if (!ctx) return;
    // A deep link to something this person may not see becomes the nearest thing they may
    // (before rendering, so the wrong view never shows).
    const requested = this.#routes.route;
    const effective = this.#effectiveRoute(this.#isCompany(ctx));
    if (requested && formatRoute(requested) !== formatRoute(effective)) {
      this.#routes.navigate(effective, { replace: true });
    }
    if (!this.#lastList && (effective.view === 'tickets' || effective.view === 'mine')) {
      this.#lastList = effective.view;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.#syncBridge();
    if (this.#focusPanelAfterRender) {
      this.#focusPanelAfterRender = false;
      this.renderRoot.querySelector<HTMLElement>('[role="tabpanel"]')?.focus();
    }
  }

  // ---------------------------------------------------------- tabs

  #activate(view: TabView): void {
    this.#tabNavigation = true;
    this.#routes.navigate({ view });
    this.#tabNavigation = false;
  }

  #onTabKeydown(e: KeyboardEvent): void {
    const tabs = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const index = tabs.indexOf(e.target as HTMLButtonElement);
    if (index < 0) return;
    const rtl = getComputedStyle(this).direction === 'rtl';
    const next = rtl ? 'ArrowLeft' : 'ArrowRight';
    const previous = rtl ? 'ArrowRight' : 'ArrowLeft';
    let target: number | null = null;
    if (e.key === next) target = (index + 1) % tabs.length;
    else if (e.key === previous) target = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') target = 0;
    else if (e.key === 'End') target = tabs.length - 1;
    if (target === null) return;
    e.preventDefault();
    // Manual activation: arrows move focus, Enter or Space opens the tab (each tab loads data).
    tabs[target].focus();
  }

  // ---------------------------------------------------------- events from the views

  #onTicketSelect(e: CustomEvent<{ ticketId: string }>): void {
    e.stopPropagation();
    this.#routes.navigate({ view: 'ticket', ticketId: e.detail.ticketId });
  }

  #onBack(e: Event): void {
    e.stopPropagation();
    this.#routes.navigate({ view: this.#lastList ?? 'mine' });
  }

  #onTicketCreated(e: CustomEvent<{ ticket: Ticket }>): void {
    this.summaryVersion++;
    this.#routes.navigate({ view: 'ticket', ticketId: e.detail.ticket.id });
  }

  /** The account menu (a chunk of its own, loaded once someone is signed in) opens the profile. */
  #focusSection: 'profile' | 'password' | null = null;
  #onAccountOpen = (e: CustomEvent<{ section: 'profile' | 'password' }>): void => {
    this.#focusSection = e.detail.section;
    this.#routes.navigate({ view: 'profile' });
    this.requestUpdate();
  };

  // ---------------------------------------------------------- rendering

  override render() {
    if (!this.services) {
      return renderNotConfigured();
    }
    return this.#context.render({
      initial: () => this.#renderLoading(),
      pending: () => (this.#context.value ? this.#renderContext(this.#context.value) : this.#renderLoading()),
      error: (err) => this.#renderError(err, () => this.#context.run()),
      complete: (ctx) => this.#renderContext(ctx),
    });
  }

  #renderLoading(): TemplateResult {
    return renderLoading();
  }

  #renderError(err: unknown, retry: () => void): TemplateResult {
    return html`<div class="state" role="alert">
      <p class="error">${problemText(err)}</p>
      <button class="button" @click=${retry}>${msg('Retry', { id: 'common.retry' })}</button>
    </div>`;
  }

  #renderContext(ctx: PortalContext): TemplateResult {
    if (ctx.kind === 'unconfigured') return html``;
    // The live session, so a name changed in the profile shows at once.
    const user = ctx.kind === 'ready' ? (this.services?.session.session?.user ?? ctx.user) : null;
    // The account menu is a chunk of its own, fetched once someone is signed in.
    if (user) elementState('portico-account-menu', this);
    const title = ctx.portal?.name || msg('Customer portal', { id: 'portal.title' });
    const logo = safeUrl(ctx.portal?.logoUrl);
    const header = html`<header class="header" part="header">
      ${logo ? html`<img src=${logo} alt="" />` : nothing}
      <h1>${title}</h1>
      ${
        user
          ? html`<span class="who">
            ${
              user.organization
                ? msg(str`Signed in as ${user.name} (${user.organization.name})`, {
                    id: 'portal.signedInAsOrg',
                  })
                : msg(str`Signed in as ${user.name}`, { id: 'portal.signedInAs' })
            }
          </span>
          <portico-account-menu .portal=${ctx.portal} @portico-account-open=${this.#onAccountOpen}></portico-account-menu>`
          : nothing
      }
    </header>`;
    if (ctx.kind === 'signed-out') {
      return html`<div part="base" class="base">
        ${header}
        <main><portico-sign-in></portico-sign-in></main>
      </div>`;
    }
    const company = this.#isCompany(ctx);
    const route = this.#effectiveRoute(company);
    const selected: TabView = route.view === 'ticket' ? (this.#lastList ?? 'mine') : route.view;
    const tabs = this.#tabs(company, ctx.portal.capabilities?.articles !== false);
    const showDashboard = route.view === 'tickets' || route.view === 'mine';
    return html`<div part="base" class="base">
      ${header}
      ${showDashboard ? this.#renderDashboard(ctx, company) : nothing}
      <div role="tablist" part="tablist" aria-label=${msg('Portal sections', { id: 'portal.tabs' })} @keydown=${this.#onTabKeydown}>
        ${tabs.map(
          (t) => html`<button
            role="tab"
            part="tab"
            type="button"
            id="tab-${t.view}"
            aria-selected=${t.view === selected ? 'true' : 'false'}
            aria-controls="panel"
            tabindex=${t.view === selected ? '0' : '-1'}
            @click=${() => this.#activate(t.view)}
          >
            ${t.label}
          </button>`,
        )}
      </div>
      <div
        role="tabpanel"
        part="panel"
        id="panel"
        aria-labelledby="tab-${selected}"
        tabindex="-1"
        @portico-ticket-select=${this.#onTicketSelect}
        @portico-back=${this.#onBack}
        @portico-ticket-created=${this.#onTicketCreated}
        @portico-ticket-updated=${() => this.summaryVersion++}
        @portico-form-select=${(e: CustomEvent<{ formId: string | null }>) =>
          this.#routes.navigate({ view: 'new', ...(e.detail.formId ? { formId: e.detail.formId } : {}) })}
        @portico-article-select=${(e: CustomEvent<{ articleId: string | null }>) =>
          this.#routes.navigate({ view: 'kb', ...(e.detail.articleId ? { articleId: e.detail.articleId } : {}) })}
      >
        ${renderPortalView(route, { portal: ctx.portal, formId: this.formId, focusSection: this.#focusSection })}
      </div>
    </div>`;
  }

  #renderDashboard(ctx: { portal: PortalSettings }, company: boolean): TemplateResult {
    const mode = ctx.portal.statusLabelMode;
    const body = this.#summaries.render({
      initial: () => this.#renderLoading(),
      pending: () =>
        this.#summaries.value ? this.#renderCharts(this.#summaries.value, mode, company) : this.#renderLoading(),
      error: (err) => this.#renderError(err, () => this.#summaries.run()),
      complete: (s) => (s ? this.#renderCharts(s, mode, company) : this.#renderLoading()),
    });
    return html`<section class="dashboard" part="dashboard" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">${msg('Overview', { id: 'portal.dashboard' })}</h2>
      ${body}
    </section>`;
  }

  #renderCharts(s: Summaries, mode: PortalSettings['statusLabelMode'], company: boolean): TemplateResult {
    return html`${
      company && s.organization
        ? renderStatusChart({
            id: 'chart-organization',
            title: msg('All tickets', { id: 'portal.tab.all' }),
            summary: s.organization,
            mode,
            locale: this.locale,
          })
        : nothing
    }
    ${renderStatusChart({
      id: 'chart-mine',
      title: msg('My tickets', { id: 'portal.tab.mine' }),
      summary: s.mine,
      mode,
      locale: this.locale,
    })}`;
  }
}
