import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { accountMenuStyles } from './account-menu.styles.js';
import { openConsentBanner } from '../../core/consent.js';
import { matchLocale, setLocale } from '../../core/i18n.js';
import type { PortalSettings } from '../../protocol/index.js';
import { SessionWatchController } from '../shared/session-watch.controller.js';

export type AccountSection = 'profile' | 'password';

/**
 * The signed-in person's menu (HubSpot's top-right "Sign out", TOPdesk's
 * profile): who is signed in, Profile, Change password, Language, Cookie
 * settings and Sign out. A menu button: Enter, Space or ArrowDown opens it
 * at the first item, arrows move, Esc closes it and returns focus.
 *
 * @event portico-account-open - `{section}`: show the profile (or its password part).
 * @event portico-signed-out - after signing out.
 */
export class PorticoAccountMenu extends PorticoElement {
  static override styles = [tokens, accountMenuStyles];

  /** The portal settings: which items to offer (password change, languages, analytics). */
  @property({ attribute: false }) portal: PortalSettings | null = null;

  @state() private expanded = false;
  @state() private alignStart = false;

  protected readonly sessionWatch = new SessionWatchController(this, () => this.services?.session);
  #focusIndex: number | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.#onOutside, true);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusIndex !== null) {
      const items = this.#items();
      items[Math.max(0, Math.min(this.#focusIndex, items.length - 1))]?.focus();
      this.#focusIndex = null;
    }
  }

  #items(): HTMLElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  }

  /** Opens the menu with focus on an item (0 = first, -1 = last). */
  async openMenu(focus = 0): Promise<void> {
    // Opens towards the side with room (a narrow page wraps the portal's header and puts the button at the start).
    const rect = this.getBoundingClientRect();
    const rtl = getComputedStyle(this).direction === 'rtl';
    const room = rtl ? innerWidth - rect.left : rect.right;
    this.alignStart = room < 256;
    this.expanded = true;
    this.#focusIndex = focus < 0 ? Number.MAX_SAFE_INTEGER : focus;
    document.addEventListener('pointerdown', this.#onOutside, true);
    await this.updateComplete;
  }

  closeMenu(returnFocus = true): void {
    if (!this.expanded) return;
    this.expanded = false;
    document.removeEventListener('pointerdown', this.#onOutside, true);
    if (returnFocus) void this.updateComplete.then(() => this.#trigger()?.focus());
  }

  #trigger(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('.trigger');
  }

  #onOutside = (e: Event): void => {
    if (!e.composedPath().includes(this)) this.closeMenu(false);
  };

  #onTriggerKeydown(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      void this.openMenu(e.key === 'ArrowUp' ? -1 : 0);
    }
  }

  #onMenuKeydown(e: KeyboardEvent): void {
    const items = this.#items();
    const index = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = (index + 1) % items.length;
    else if (e.key === 'ArrowUp') next = (index - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Escape') {
      // The menu closes, not the panel around it.
      e.preventDefault();
      e.stopPropagation();
      this.closeMenu();
      return;
    } else if (e.key === 'Tab') {
      this.closeMenu(false);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    items[next]?.focus();
  }

  #open(section: AccountSection): void {
    this.closeMenu(false);
    this.emit('portico-account-open', { section });
  }

  async #chooseLocale(locale: string): Promise<void> {
    this.closeMenu();
    await setLocale(locale);
    // Remembered on the account, for the mails the gateway sends; the page has switched either way.
    await this.services?.backend.updateMe({ locale }).catch(() => undefined);
  }

  async #signOut(): Promise<void> {
    const session = this.services?.session;
    this.closeMenu(false);
    if (!session || !this.services) return;
    await this.services.backend.signOut().catch(() => undefined);
    // Told while this menu is still on the page: signed out, it leaves the DOM.
    this.emit('portico-signed-out', {});
    session.set(null);
  }

  override render() {
    const user = this.services?.session.session?.user;
    if (!user) return nothing;
    const initials = user.name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join('');
    return html`<button
        class="trigger"
        part="trigger"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.expanded ? 'true' : 'false'}
        aria-controls="menu"
        @click=${() => (this.expanded ? this.closeMenu() : void this.openMenu())}
        @keydown=${this.#onTriggerKeydown}
      >
        <span class="avatar" aria-hidden="true">${initials || '?'}</span>
        <span class="visually-hidden">${msg('Account', { id: 'account.menu' })}</span>
      </button>
      ${this.expanded ? this.#renderMenu(user.name, user.email) : nothing}`;
  }

  #renderMenu(name: string, email: string) {
    const portal = this.portal;
    const locales = (portal?.locales ?? []).filter((l) => matchLocale(l) === l);
    const current = this.locale;
    const names = new Intl.DisplayNames([current], { type: 'language' });
    const native = (l: string) => {
      const own = new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l;
      return own.charAt(0).toLocaleUpperCase(l) + own.slice(1);
    };
    return html`<div
      id="menu"
      role="menu"
      part="menu"
      class=${this.alignStart ? 'start' : ''}
      aria-label=${msg('Account', { id: 'account.menu' })}
      @keydown=${this.#onMenuKeydown}
    >
      <div class="who" role="none">
        <strong>${name}</strong>
        <span>${email}</span>
      </div>
      <button role="menuitem" tabindex="-1" @click=${() => this.#open('profile')}>
        ${msg('Profile', { id: 'portal.tab.profile' })}
      </button>
      ${
        portal?.profile.canChangePassword !== false
          ? html`<button role="menuitem" tabindex="-1" @click=${() => this.#open('password')}>
            ${msg('Change password', { id: 'portal.password.title' })}
          </button>`
          : nothing
      }
      ${
        locales.length > 1
          ? html`<hr role="separator" />
            <div role="group" aria-labelledby="language-label">
              <div class="group-label" id="language-label" role="none">${msg('Language', { id: 'account.language' })}</div>
              ${locales.map(
                (l) => html`<button
                  role="menuitemradio"
                  tabindex="-1"
                  lang=${l}
                  aria-checked=${l === current ? 'true' : 'false'}
                  title=${names.of(l) ?? l}
                  @click=${() => this.#chooseLocale(l)}
                >
                  <span class="check" aria-hidden="true">${l === current ? '✓' : ''}</span>${native(l)}
                </button>`,
              )}
            </div>`
          : nothing
      }
      <hr role="separator" />
      ${
        portal?.analytics.ga4MeasurementId
          ? html`<button
            role="menuitem"
            tabindex="-1"
            @click=${() => {
              this.closeMenu(false);
              openConsentBanner();
            }}
          >
            ${msg('Cookie settings', { id: 'portal.profile.cookieSettings' })}
          </button>`
          : nothing
      }
      <button role="menuitem" tabindex="-1" @click=${this.#signOut}>${msg('Sign out', { id: 'portal.profile.signOut' })}</button>
    </div>`;
  }
}
