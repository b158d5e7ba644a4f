import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { PorticoElement } from '../shared/portico-element.js';
import { tokens } from '../shared/styles.js';
import { chatStyles } from './chat.styles.js';
import { externalChatOptions, openExternalChat, PROVIDER_NAMES } from '../../core/chat-providers.js';
import { hasAnalyticsConsent, onConsentChange, openConsentBanner } from '../../core/consent.js';
import type { ChatSettings } from '../../protocol/index.js';

/** The consent functions the element needs; a property so tests and hosts can supply their own. */
export interface ChatConsent {
  hasAnalyticsConsent(): boolean;
  openConsentBanner(): void;
  /** Returns a function that stops listening. */
  onConsentChange(listener: () => void): () => void;
}

export const pageConsent: ChatConsent = {
  hasAnalyticsConsent: () => hasAnalyticsConsent(),
  openConsentBanner: () => void openConsentBanner(),
  onConsentChange: (listener) => {
    const stop: unknown = onConsentChange(() => listener());
    return typeof stop === 'function' ? (stop as () => void) : () => {};
  },
};

type Phase = 'idle' | 'needs-consent' | 'opening' | 'open' | 'error';

/**
 * "Start chat" for an external provider. Nothing of the provider is fetched
 * until the first press; where the provider sets cookies, it waits for the
 * person's consent and offers the cookie settings. Used inside <portico-chat>.
 */
export class PorticoChatExternal extends PorticoElement {
  static override styles = [tokens, chatStyles];

  @property({ attribute: false }) chat: ChatSettings | null = null;
  /** CSP nonce handed to the provider's script. */
  @property({ attribute: false }) scriptNonce: string | null = null;
  @property({ attribute: false }) consent: ChatConsent = pageConsent;

  @state() private phase: Phase = 'idle';

  #stopWaiting: (() => void) | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWaiting?.();
    this.#stopWaiting = null;
  }

  #providerName(): string {
    return this.chat && (this.chat.provider === 'chatwoot' || this.chat.provider === 'snapengage')
      ? PROVIDER_NAMES[this.chat.provider]
      : '';
  }

  async #start(): Promise<void> {
    if (!this.chat || this.phase === 'opening') return;
    if (this.chat.providerSetsCookies && !this.consent.hasAnalyticsConsent()) {
      this.phase = 'needs-consent';
      // Carry on by itself once consent is given, so the person need not press Start again.
      this.#stopWaiting ??= this.consent.onConsentChange(() => {
        if (this.phase === 'needs-consent' && this.consent.hasAnalyticsConsent()) {
          this.#stopWaiting?.();
          this.#stopWaiting = null;
          void this.#start();
        }
      });
      return;
    }
    const options = externalChatOptions(this.chat, { nonce: this.scriptNonce, locale: this.locale });
    if (!options) return;
    this.phase = 'opening';
    try {
      await openExternalChat(options);
      this.phase = 'open';
    } catch (err) {
      console.error(err);
      this.phase = 'error';
    }
  }

  override render(): TemplateResult {
    const provider = this.#providerName();
    return html`<div class="composer">
      <p class="notice">
        ${msg(str`Chat with our support team. The chat opens in a window from ${provider}.`, {
          id: 'chat.external.intro',
        })}
      </p>
      ${
        this.phase === 'needs-consent'
          ? html`<div class="notice" role="status">
            <p>
              ${msg(
                str`${provider} sets cookies. To chat, first allow analytics and functional cookies in the cookie settings.`,
                { id: 'chat.external.consent' },
              )}
            </p>
            <button class="button" @click=${() => this.consent.openConsentBanner()}>
              ${msg('Cookie settings', { id: 'chat.external.cookieSettings' })}
            </button>
          </div>`
          : nothing
      }
      ${
        this.phase === 'open'
          ? html`<p class="notice" role="status">
            ${msg('The chat is open in its own window on this page.', { id: 'chat.external.opened' })}
          </p>`
          : nothing
      }
      ${
        this.phase === 'error'
          ? html`<p class="error" role="alert">
            ${msg('The chat could not be started. Try again later or leave us a ticket.', {
              id: 'chat.external.failed',
            })}
          </p>`
          : nothing
      }
      <div class="actions">
        <button
          class="button primary"
          part="start-button"
          @click=${this.#start}
          aria-disabled=${this.phase === 'opening'}
          aria-busy=${this.phase === 'opening'}
        >
          ${
            this.phase === 'opening'
              ? msg('Opening chat…', { id: 'chat.external.opening' })
              : msg('Start chat', { id: 'chat.external.start' })
          }
        </button>
      </div>
    </div>`;
  }
}
