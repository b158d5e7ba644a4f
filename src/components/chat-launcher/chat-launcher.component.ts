import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { cache } from 'lit/directives/cache.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import type { LauncherPosition, ThemeMode } from '../../core/config.js';
import { problemText } from '../../core/problem-text.js';
import type { PortalSettings } from '../../protocol/index.js';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { launcherStyles } from './chat-launcher.styles.js';
import { FocusTrapController } from './focus-trap-controller.js';
import { deepActiveElement, isTextField, isWithin } from '../shared/dom.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';
import { VisualViewportController } from '../shared/visual-viewport.js';
import { chatIcon, closeIcon } from './launcher-icons.js';
import type { AccountSection } from '../account-menu/account-menu.component.js';
import { elementAvailable, elementState, loadElement, retryElement } from '../shared/lazy-elements.js';
import { renderLoadError } from '../shared/load-error.js';
import { renderLoading, renderNotConfigured, stateViewStyles } from '../shared/state-views.js';

import { renderLauncherTabs, type LauncherView } from './launcher-tabs.js';

export type { LauncherView };

const LAUNCHER_VIEWS: readonly LauncherView[] = ['tickets', 'new', 'chat'];

/** Views whose element is fetched when first shown (shared/lazy-elements.ts). */
const VIEW_ELEMENTS: Partial<Record<LauncherView, string>> = {
  new: 'portico-support-form',
  chat: 'portico-chat',
};

/**
 * A floating button in a page corner that opens a support panel with
 * Tickets (list → detail), New ticket and Chat views. Signed-out visitors see
 * the sign-in first. The panel follows the dialog pattern: focus moves in,
 * Tab stays inside, Esc closes, focus returns to the button.
 *
 * @event portico-open - After the panel opened.
 * @event portico-close - After the panel closed.
 * @event portico-request-close - Before closing by Esc or the close button; cancel it to keep the panel open.
 * @event portico-navigate - When the panel switches view; detail `{view, ticketId?}`.
 *
 * @csspart button - The floating launcher button.
 * @csspart badge - The unread count on the button.
 * @csspart panel - The dialog panel.
 * @csspart header - The panel header with title and close button.
 * @csspart title - The panel title.
 * @csspart close-button - The close button in the header.
 * @csspart tabs - The tab bar.
 * @csspart tab - Each tab.
 * @csspart view - The area that holds the current view.
 *
 * @cssproperty --portico-launcher-size - Button size (default 56px).
 * @cssproperty --portico-launcher-offset - Distance from the page corner (default 24px).
 * @cssproperty --portico-launcher-bg - Button and header background.
 * @cssproperty --portico-launcher-fg - Button and header foreground.
 * @cssproperty --portico-launcher-z-index - Stacking order.
 */
export class PorticoChatLauncher extends PorticoElement {
  static override styles = [tokens, stateViewStyles, launcherStyles];

  /** Whether the panel is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Page corner; logical, so RTL pages mirror it. */
  @property({ reflect: true }) position: LauncherPosition = 'bottom-right';

  /** Colour scheme override, passed on to the views. */
  @property({ reflect: true }) theme?: ThemeMode;

  /** Unread count shown on the button; `<portico-chat>` updates it through `portico-chat-unread`. */
  @property({ type: Number }) unread = 0;

  /** Form used by the New ticket view; defaults to the configured `formId`. */
  @property({ attribute: 'form-id' }) formId?: string;

  @state() private view: LauncherView = 'tickets';
  /** The form `Portico.open('new', {formId})` asked for. */
  @state() private pickedFormId = '';
  @state() private ticketId: string | null = null;
  @state() private rendered = false;
  /** The profile (from the account menu) shown instead of the views. */
  @state() private account: AccountSection | null = null;
  /** Set when <portico-chat> reports that chat is not offered to this person. */
  @state() private chatUnavailable = false;

  @query('.launcher') private button!: HTMLButtonElement;
  @query('.panel') private panel?: HTMLElement;

  /** Views shown at least once: they stay in the DOM (hidden) so chat keeps counting unread messages. */
  #visited = new Set<LauncherView>();
  // Redraws when the person signs in or out, or edits their name.
  readonly sessionWatch = new SessionWatchController(this, () => this.services?.session, { redrawOnEveryChange: true });
  #focusWasInside = false;
  /**
   * Keeps the button, and the full-screen panel on phones, on the visible part
   * of the page; when that part shrinks (the on-screen keyboard), the field
   * being typed in is brought back into sight.
   */
  readonly visualViewport = new VisualViewportController(this, undefined, () => this.#revealFocusedField());

  // Registered as a controller of this element; kept for its lifecycle hooks.
  protected readonly focusTrap = new FocusTrapController(this, {
    active: () => this.open,
    container: () => this.panel,
  });

  // Portal settings and session load on first open, not on page load.
  #portal = new Task(this, {
    task: async ([services, rendered], { signal }): Promise<PortalSettings | null> =>
      services && rendered ? services.backend.getPortal({ signal }) : null,
    args: () => [this.services, this.rendered] as const,
  });

  #session = new Task(this, {
    task: async ([services, rendered], { signal }) => (services && rendered ? services.session.load(signal) : null),
    args: () => [this.services, this.rendered] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
  }

  /** Opens the panel. */
  async show(): Promise<void> {
    this.open = true;
    await this.updateComplete;
  }

  /** Closes the panel without asking (no `portico-request-close`). */
  async hide(): Promise<void> {
    this.open = false;
    await this.updateComplete;
  }

  async toggle(): Promise<void> {
    return this.open ? this.hide() : this.show();
  }

  /** Switches to a view (not opening the panel); `('tickets', id)` opens a ticket, `('new', _, {formId})` a form. */
  async showView(view: LauncherView, ticketId?: string, options: { formId?: string } = {}): Promise<void> {
    if (!LAUNCHER_VIEWS.includes(view)) {
      console.error(
        `[Portico] <portico-chat-launcher>: unknown view "${String(view)}" — expected ${LAUNCHER_VIEWS.join(', ')}`,
      );
      return;
    }
    this.view = view;
    this.account = null;
    this.ticketId = view === 'tickets' ? (ticketId ?? null) : null;
    if (options.formId) this.pickedFormId = options.formId;
    this.emit('portico-navigate', ticketId && view === 'tickets' ? { view, ticketId } : { view });
    await this.updateComplete;
  }

  /** The view currently selected (tickets, new or chat). */
  get currentView(): LauncherView {
    return this.view;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open')) {
      if (this.open) this.rendered = true;
      // Once hidden, the focused element is gone; remember now whether focus was ours.
      else this.#focusWasInside = isWithin(this, deepActiveElement());
    }
    if (this.rendered) this.#visited.add(this.#effectiveView());
    // The account menu is a chunk of its own, fetched once someone is signed in.
    if (this.#signedIn()) elementState('portico-account-menu', this);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    const was = changed.get('open');
    if (this.open) {
      this.panel?.focus();
      this.emit('portico-open', {});
    } else if (was) {
      const active = deepActiveElement();
      if (this.#focusWasInside || !active || active === document.body) this.button.focus();
      this.emit('portico-close', {});
    }
  }

  /**
   * The on-screen keyboard took part of the screen, and the panel, sized to
   * what is visible, just got shorter: the field that has focus (a reply or
   * chat composer) may now be below the fold of the panel's scrolling views.
   * Scrolls its form — the field with its Send button — into sight, and the
   * field itself if the form is taller than what is left. The browser's own
   * scrolling on focus happened before the panel shrank, so it does not help.
   */
  #revealFocusedField(): void {
    if (!this.open) return;
    const active = deepActiveElement();
    if (!(active instanceof HTMLElement) || !isWithin(this, active) || !isTextField(active)) return;
    active.closest('form, [part~="composer"]')?.scrollIntoView({ block: 'nearest' });
    active.scrollIntoView({ block: 'nearest' });
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.open || event.defaultPrevented) return;
    event.preventDefault();
    this.#requestClose('escape');
  };

  #requestClose(source: 'escape' | 'button'): void {
    if (this.emit('portico-request-close', { source })) void this.hide();
  }

  /** A view's element once its code is here (fetched on first use); meanwhile Loading…, or the failure with Retry. */
  #whenReady(name: string, view: () => TemplateResult): TemplateResult {
    const state = elementState(name, this);
    if (state.ready) return view();
    if (state.error === undefined) return this.#loading();
    return renderLoadError(null, state.error, () => {
      retryElement(name);
      this.requestUpdate();
    });
  }

  #signedIn(): boolean | undefined {
    const session = this.services?.session.session;
    return session === undefined ? undefined : session !== null;
  }

  #availableViews(): LauncherView[] {
    const portal = this.#portal.value ?? null;
    const signedIn = this.#signedIn() === true;
    return LAUNCHER_VIEWS.filter((view) => {
      const element = VIEW_ELEMENTS[view];
      if (element && !elementAvailable(element)) return false;
      if (view === 'new') return signedIn || !!portal?.anonymousTickets;
      if (view === 'chat') {
        return signedIn && !this.chatUnavailable && !!portal?.capabilities.chat && !!portal?.chat.enabled;
      }
      return true;
    });
  }

  /** The selected view if it is available, else Tickets. */
  #effectiveView(): LauncherView {
    return this.#availableViews().includes(this.view) ? this.view : 'tickets';
  }

  override render(): TemplateResult {
    return html`${this.#renderButton()} ${this.rendered ? this.#renderPanel() : nothing}`;
  }

  #renderButton(): TemplateResult {
    const count = Math.max(0, Math.floor(this.unread || 0));
    const label = this.open
      ? msg('Close support', { id: 'launcher.closePanel' })
      : msg('Open support', { id: 'launcher.open' });
    const shown = count > 99 ? '99+' : new Intl.NumberFormat(this.locale).format(count);
    return html`<button
      class="launcher"
      part="button"
      type="button"
      aria-haspopup="dialog"
      aria-expanded=${this.open ? 'true' : 'false'}
      aria-controls=${ifDefined(this.rendered ? 'panel' : undefined)}
      @click=${() => (this.open ? this.#requestClose('button') : void this.show())}
    >
      ${this.open ? closeIcon : chatIcon}
      <span class="visually-hidden">${label}</span>
      ${
        count > 0
          ? html`<span class="badge" part="badge" aria-hidden="true">${shown}</span
            ><span class="visually-hidden unread">, ${msg(str`${count} unread`, { id: 'launcher.unread' })}</span>`
          : nothing
      }
    </button>`;
  }

  #renderPanel(): TemplateResult {
    const portal = this.#portal.value ?? null;
    const title = portal?.name ? portal.name : msg('Support', { id: 'launcher.title' });
    return html`<div
      id="panel"
      class="panel"
      part="panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="title"
      tabindex="-1"
      ?hidden=${!this.open}
      @portico-ticket-select=${this.#onTicketSelect}
      @portico-back=${this.#onBack}
      @portico-ticket-created=${this.#onTicketCreated}
      @portico-chat-unread=${(e: CustomEvent<{ count: number }>) => (this.unread = e.detail.count)}
      @portico-chat-availability=${(e: CustomEvent<{ available: boolean; reason: string | null }>) =>
        (this.chatUnavailable = !e.detail.available && e.detail.reason !== 'offline')}
    >
      <div class="header" part="header">
        <h2 id="title" class="title" part="title">${title}</h2>
        ${
          this.#signedIn()
            ? html`<portico-account-menu
              .portal=${portal}
              @portico-account-open=${(e: CustomEvent<{ section: AccountSection }>) => (this.account = e.detail.section)}
            ></portico-account-menu>`
            : nothing
        }
        <button
          class="close"
          part="close-button"
          type="button"
          aria-label=${msg('Close', { id: 'common.close' })}
          @click=${() => this.#requestClose('button')}
        >
          ${closeIcon}
        </button>
      </div>
      ${this.#renderBody()}
    </div>`;
  }

  #renderBody(): TemplateResult {
    if (!this.services) {
      return renderNotConfigured();
    }
    const signedIn = this.#signedIn();
    if (signedIn === undefined) {
      return this.#session.render({
        error: (err) => html`<div class="message" role="alert">
          <p>${problemText(err)}</p>
          <button class="button" type="button" @click=${() => this.#session.run()}>
            ${msg('Retry', { id: 'common.retry' })}
          </button>
        </div>`,
        initial: () => this.#loading(),
        pending: () => this.#loading(),
        complete: () => this.#loading(),
      });
    }
    if (signedIn && this.account) return this.#renderAccount();
    const views = this.#availableViews();
    const active = this.#effectiveView();
    return html`${
      views.length > 1
        ? renderLauncherTabs({
            views,
            active,
            // Selecting Tickets again leaves a detail for the list.
            select: (v) => this.showView(v),
            intent: (v) => this.#prefetch(VIEW_ELEMENTS[v]),
            tab: (v) => this.renderRoot.querySelector<HTMLElement>(`#tab-${v}`),
          })
        : nothing
    }
      <div class="views">
        ${LAUNCHER_VIEWS.filter((v) => views.includes(v) && this.#visited.has(v)).map(
          (v) => html`<div
            class="view"
            part="view"
            id="view-${v}"
            role=${views.length > 1 ? 'tabpanel' : nothing}
            aria-labelledby=${ifDefined(views.length > 1 ? `tab-${v}` : undefined)}
            data-view=${v}
            ?hidden=${v !== active}
            @pointerover=${v === 'tickets' ? this.#prefetchTicket : nothing}
            @focusin=${v === 'tickets' ? this.#prefetchTicket : nothing}
          >
            ${this.#renderView(v, signedIn)}
          </div>`,
        )}
      </div>`;
  }

  #renderAccount(): TemplateResult {
    return html`<div class="views">
      <div class="view account" part="view" data-view="profile">
        <button class="link" type="button" @click=${() => this.showView(this.view)}>
          ${msg('Back', { id: 'common.back' })}
        </button>
        ${this.#whenReady(
          'portico-portal-profile',
          () =>
            html`<portico-portal-profile .portal=${this.#portal.value ?? null} .focusSection=${this.account}></portico-portal-profile>`,
        )}
      </div>
    </div>`;
  }

  #loading(): TemplateResult {
    return renderLoading();
  }

  #renderView(view: LauncherView, signedIn: boolean): unknown {
    const theme = this.theme;
    if (view === 'new') {
      if (!signedIn && !this.#portal.value?.anonymousTickets)
        return html`<portico-sign-in theme=${ifDefined(theme)}></portico-sign-in>`;
      const formId = this.formId ?? this.services?.config.formId ?? undefined;
      return this.#whenReady(
        'portico-support-form',
        () =>
          html`<portico-support-form form-id=${ifDefined(formId)} .pickedFormId=${this.pickedFormId} theme=${ifDefined(theme)}></portico-support-form>`,
      );
    }
    if (!signedIn) return html`<portico-sign-in theme=${ifDefined(theme)}></portico-sign-in>`;
    if (view === 'chat') {
      return this.#whenReady('portico-chat', () => html`<portico-chat theme=${ifDefined(theme)}></portico-chat>`);
    }
    // cache() keeps the list's DOM (and what it loaded) while a detail is open.
    return cache(
      this.ticketId
        ? this.#whenReady(
            'portico-ticket-detail',
            () =>
              html`<portico-ticket-detail
                show-back
                ticket-id=${this.ticketId!}
                theme=${ifDefined(theme)}
              ></portico-ticket-detail>`,
          )
        : html`<portico-ticket-list theme=${ifDefined(theme)}></portico-ticket-list>`,
    );
  }

  /** On intent (a pointer over a row or a tab, focus on one), the view it leads to is fetched ahead of the click. */
  #prefetch(name: string | undefined): void {
    if (name) loadElement(name).catch(() => undefined);
  }

  #prefetchTicket = (): void => this.#prefetch('portico-ticket-detail');

  #onTicketSelect = (event: CustomEvent<{ ticketId: string }>) => {
    void this.showView('tickets', event.detail.ticketId);
  };

  #onBack = () => {
    if (this.ticketId) void this.showView('tickets');
  };

  #onTicketCreated = (event: CustomEvent<{ ticket: { id: string } }>) => {
    void this.showView('tickets', event.detail.ticket.id);
  };
}
