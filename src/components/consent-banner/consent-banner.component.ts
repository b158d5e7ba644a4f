import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { msg } from '@lit/localize';
import { Task } from '@lit/task';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { consentBannerStyles } from './consent-banner.styles.js';
import {
  analyticsConfigured,
  configureConsent,
  CONSENT_OPEN_EVENT,
  getConsentDecision,
  onConsentChange,
  setConsentDecision,
  type ConsentDecision,
} from '../../core/consent.js';
import type { PortalSettings } from '../../protocol/index.js';
import { safeUrl } from '../../core/urls.js';
import { deepActiveElement } from '../shared/dom.js';

/**
 * Analytics consent banner (TOPdesk's SSP analytics). Shows when the portal
 * has analytics — a GA4 measurement id, or gtag on the host page — and this
 * site has no decision for the current consent version. Accept and Reject are
 * two buttons of equal weight; the privacy policy is linked, the portal logo
 * shown where the portal says so. A non-modal region: no focus trap.
 *
 * The decision goes through `src/core/consent.ts` (stored per site and
 * version, gtag loaded or updated). `openConsentBanner()` there, or the
 * `open` attribute, shows it again to change the decision.
 *
 * @event portico-consent-change - `{analytics, version}` after the user chose.
 *
 * @csspart base - The banner region.
 * @csspart logo - The portal logo.
 * @csspart text - The explanation.
 * @csspart privacy-link - Link to the privacy policy.
 * @csspart actions - The two buttons.
 * @csspart button - Each button; also `accept` or `reject`.
 *
 * @cssproperty --portico-consent-banner-max-width - Width of the floating banner.
 * @cssproperty --portico-consent-banner-z-index - Stacking order of the floating banner.
 * @cssproperty --portico-consent-banner-offset - Distance from the viewport edges.
 */
export class PorticoConsentBanner extends PorticoElement {
  static override styles = [tokens, consentBannerStyles];

  /** Shows the banner even when a decision is stored (to change it). Cleared after a choice. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Renders in the page's flow instead of floating at the bottom of the viewport. */
  @property({ type: Boolean, reflect: true }) inline = false;

  @state() private decision: ConsentDecision | null = null;

  @query('[part="base"]') private region?: HTMLElement;

  #unsubscribe?: () => void;
  #focusOnShow = false;
  #returnFocusTo: HTMLElement | null = null;

  private portalTask = new Task(this, {
    task: async ([services], { signal }) => {
      if (!services) return null;
      const portal = await services.backend.getPortal({ signal });
      this.decision = configureConsent({
        backend: services.backend.baseUrl,
        version: portal.analytics.consentVersion,
        ga4MeasurementId: portal.analytics.ga4MeasurementId,
        nonce: services.config.nonce,
      });
      return portal;
    },
    args: () => [this.services] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener(CONSENT_OPEN_EVENT, this.#onOpenRequest);
    this.#unsubscribe = onConsentChange(() => {
      this.decision = getConsentDecision();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener(CONSENT_OPEN_EVENT, this.#onOpenRequest);
    this.#unsubscribe?.();
  }

  /** Shows the banner to change the decision, and moves focus into it. */
  show(): void {
    const active = deepActiveElement();
    this.#returnFocusTo = active instanceof HTMLElement ? active : null;
    this.#focusOnShow = true;
    this.open = true;
  }

  #onOpenRequest = (event: Event): void => {
    // One banner answers; others on the same page stay put.
    if (event.defaultPrevented) return;
    event.preventDefault();
    this.show();
  };

  /** Whether the banner is up: asked for, or analytics configured and no decision for this version. */
  get visible(): boolean {
    const portal = this.portalTask.value;
    if (this.open) return true;
    if (!portal) return false;
    return analyticsConfigured(portal.analytics.ga4MeasurementId) && !this.decision;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusOnShow && this.region) {
      this.#focusOnShow = false;
      this.region.focus();
    }
  }

  private choose(analytics: boolean): void {
    const decision = setConsentDecision(analytics);
    this.decision = decision;
    const hadFocus = this.open && this.#returnFocusTo;
    this.open = false;
    this.emit('portico-consent-change', { analytics: decision.analytics, version: decision.version });
    // Back where the user came from (e.g. the profile's "Cookie settings"), not lost on <body>.
    if (hadFocus && this.#returnFocusTo?.isConnected) this.#returnFocusTo.focus();
    this.#returnFocusTo = null;
  }

  private onKeydown(event: KeyboardEvent): void {
    // Esc only dismisses a reopened banner; a first-time banner needs a choice.
    if (event.key === 'Escape' && this.open && this.decision) {
      event.stopPropagation();
      this.open = false;
      this.#returnFocusTo?.focus();
      this.#returnFocusTo = null;
    }
  }

  override render() {
    if (!this.services) return nothing;
    if (!this.visible) return nothing;
    const label = msg('Cookie consent', { id: 'consent.label' });
    return this.portalTask.render({
      pending: () =>
        html`<section part="base" role="region" aria-label=${label} aria-busy="true" tabindex="-1">
          <p>${msg('Loading…', { id: 'common.loading' })}</p>
        </section>`,
      error: () =>
        html`<section part="base" role="region" aria-label=${label} tabindex="-1">
          <p class="error" role="alert">
            ${msg('Cookie settings could not be loaded.', { id: 'consent.loadError' })}
          </p>
          <div part="actions">
            <button class="button" type="button" @click=${() => this.portalTask.run()}>
              ${msg('Retry', { id: 'common.retry' })}
            </button>
          </div>
        </section>`,
      complete: (portal) => (portal ? this.renderBanner(portal, label) : nothing),
    });
  }

  private renderBanner(portal: PortalSettings, label: string) {
    const privacy = safeUrl(portal.analytics.privacyPolicyUrl);
    const logo = portal.analytics.showLogoInBanner ? safeUrl(portal.logoUrl) : null;
    const current = this.decision;
    return html`<section
      part="base"
      role="region"
      aria-label=${label}
      aria-describedby="consent-text"
      tabindex="-1"
      @keydown=${this.onKeydown}
    >
      <div class="head">
        ${logo ? html`<img part="logo" src=${logo} alt=${portal.name} />` : nothing}
        <h2>${msg('Analytics cookies', { id: 'consent.heading' })}</h2>
      </div>
      <p part="text" id="consent-text">
        ${msg(
          'We would like to use analytics cookies to learn how this portal is used, so we can improve it. Nothing is tracked unless you allow it. You can change your choice at any time under Cookie settings.',
          { id: 'consent.text' },
        )}
        ${
          privacy
            ? html`<a part="privacy-link" href=${privacy} target="_blank" rel="noopener noreferrer"
              >${msg('Privacy policy', { id: 'consent.privacyPolicy' })}<span class="visually-hidden">
                ${msg('(opens in a new tab)', { id: 'consent.newTab' })}</span
              ></a
            >`
            : nothing
        }
      </p>
      ${
        current
          ? html`<p part="current">
            ${
              current.analytics
                ? msg('Your current choice: analytics allowed.', { id: 'consent.current.allowed' })
                : msg('Your current choice: analytics refused.', { id: 'consent.current.refused' })
            }
          </p>`
          : nothing
      }
      <div part="actions">
        <button part="button reject" class="button choice" type="button" @click=${() => this.choose(false)}>
          ${msg('Reject analytics', { id: 'consent.reject' })}
        </button>
        <button part="button accept" class="button choice" type="button" @click=${() => this.choose(true)}>
          ${msg('Allow analytics', { id: 'consent.accept' })}
        </button>
      </div>
    </section>`;
  }
}
