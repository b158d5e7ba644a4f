import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { TRUSTED_TYPES_POLICY_NAME } from '../core/trusted-types.js';
import { ALL_LOCALES } from '../protocol/index.js';
import { PorticoElement } from '../components/shared/portico-element.js';
import { consoleBase } from './console.styles.js';

type Kind = 'script' | 'iframe' | 'elements';

/** What the site owner chose; everything left at its default stays out of the snippet. */
export interface EmbedChoice {
  kind: Kind;
  locale: string;
  theme: 'auto' | 'light' | 'dark';
  position: 'bottom-right' | 'bottom-left';
  authMode: 'cookie' | 'bearer';
  strictCsp: boolean;
}

/** The CSP a strict host page needs for Portico (README, "Under a strict CSP with Trusted Types"). */
export const STRICT_CSP =
  "script-src 'nonce-RANDOM' 'strict-dynamic'; object-src 'none'; base-uri 'none'; " +
  `require-trusted-types-for 'script'; trusted-types ${TRUSTED_TYPES_POLICY_NAME} lit-html`;

/** The markup a site owner pastes, for the gateway at `origin`. */
export function embedSnippet(origin: string, c: EmbedChoice, iframeTitle: string): string {
  if (c.kind === 'iframe') {
    return `<iframe\n  src="${origin}/portal.html"\n  title="${iframeTitle.replaceAll('"', '&quot;')}"\n  style="inline-size: 100%; block-size: 48rem; border: 0"\n></iframe>`;
  }
  const attrs = [
    `src="${origin}/dist/portico.js"`,
    `data-backend="${origin}/portico/v1"`,
    c.locale ? `data-locale="${c.locale}"` : '',
    c.theme !== 'auto' ? `data-theme="${c.theme}"` : '',
    c.kind === 'script' && c.position !== 'bottom-right' ? `data-position="${c.position}"` : '',
    c.authMode !== 'cookie' ? `data-auth-mode="${c.authMode}"` : '',
    c.strictCsp ? 'nonce="RANDOM"' : '',
    'async',
  ].filter(Boolean);
  const script = `<script\n${attrs.map((a) => `  ${a}`).join('\n')}\n></script>`;
  return c.kind === 'elements'
    ? `${script}\n\n<portico-ticket-list></portico-ticket-list>\n<portico-support-form></portico-support-form>`
    : script;
}

/**
 * Embed: the site owner picks how Portico goes on their site (the launcher on
 * every page, the portal in an iframe, or elements of their own layout) and
 * its options, and copies the exact markup for this gateway — with the CSP
 * line a strict site needs and the origin setting the gateway needs.
 */
export class PorticoConsoleEmbed extends PorticoElement {
  static override styles = [
    ...consoleBase,
    css`
      :host {
        display: block;
      }
      form {
        display: grid;
        gap: var(--_space-3);
        max-inline-size: 36rem;
      }
      fieldset {
        min-inline-size: 0;
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
        display: grid;
        gap: var(--_space-2);
      }
      legend {
        font-weight: 700;
      }
      .choice {
        display: flex;
        gap: var(--_space-2);
        align-items: start;
      }
      .field {
        display: grid;
        gap: var(--_space-1);
      }
      pre {
        /* Markup and headers read left to right, also in a right-to-left console. */
        text-align: left;
        background: var(--_color-surface);
        border: 1px solid var(--_color-border);
        border-radius: var(--_radius);
        padding: var(--_space-3);
        /* Wrapped, not scrolled: the whole snippet is in view on a phone too (copying takes the text as it is). */
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
      }
      .help {
        color: var(--_color-muted);
        margin: 0;
      }
      section {
        display: grid;
        gap: var(--_space-2);
        margin-block-start: var(--_space-4);
      }
    `,
  ];

  /** The gateway's address as the site's visitors reach it (the console is served by it). */
  @property() origin = location.origin;
  @state() private choice: EmbedChoice = {
    kind: 'script',
    locale: '',
    theme: 'auto',
    position: 'bottom-right',
    authMode: 'cookie',
    strictCsp: false,
  };
  @state() private site = '';
  @state() private copied = '';

  #set<K extends keyof EmbedChoice>(key: K, value: EmbedChoice[K]): void {
    this.choice = { ...this.choice, [key]: value };
    this.copied = '';
  }

  override render(): TemplateResult {
    const c = this.choice;
    const snippet = embedSnippet(this.origin, c, msg('Support portal', { id: 'console.embed.iframeTitle' }));
    const siteOrigin = this.#siteOrigin();
    return html`<h2>${msg('Put Portico on your site', { id: 'console.embed' })}</h2>
      <form @submit=${(e: Event) => e.preventDefault()}>
        <fieldset>
          <legend>${msg('What goes on your site', { id: 'console.embed.kind' })}</legend>
          ${this.#kind('script', msg('A support button on every page (one script tag)', { id: 'console.embed.script' }))}
          ${this.#kind('iframe', msg('The whole portal as a page, in an iframe (intranets)', { id: 'console.embed.iframe' }))}
          ${this.#kind('elements', msg('Ticket list and form in your own layout', { id: 'console.embed.elements' }))}
        </fieldset>
        ${c.kind === 'iframe' ? nothing : this.#renderOptions()}
        <div class="field">
          <label for="e-site">${msg('Your site’s address', { id: 'console.embed.site' })}</label>
          <input
            id="e-site"
            type="url"
            dir="ltr"
            placeholder="https://www.example.com"
            .value=${this.site}
            @input=${(e: Event) => (this.site = (e.target as HTMLInputElement).value)}
          />
        </div>
      </form>
      <section aria-labelledby="e-code-title">
        <h3 id="e-code-title">${msg('Paste this into your pages', { id: 'console.embed.paste' })}</h3>
        <pre dir="ltr"><code>${snippet}</code></pre>
        <span class="row">
          <button class="button primary" type="button" @click=${() => this.#copy(snippet)}>
            ${msg('Copy', { id: 'console.embed.copy' })}
          </button>
          <span role="status">${this.copied}</span>
        </span>
        ${
          c.strictCsp && c.kind !== 'iframe'
            ? html`<p class="help">
                ${msg('Your pages’ Content-Security-Policy header, with a new RANDOM nonce on every page view:', {
                  id: 'console.embed.csp',
                })}
              </p>
              <pre dir="ltr"><code>Content-Security-Policy: ${STRICT_CSP}</code></pre>`
            : nothing
        }
        <p class="help">
          ${
            siteOrigin
              ? msg(str`Start the gateway with ${siteOrigin} among its allowed origins:`, {
                  id: 'console.embed.origin',
                })
              : msg('Start the gateway with your site’s address among its allowed origins.', {
                  id: 'console.embed.originUnknown',
                })
          }
        </p>
        ${siteOrigin ? html`<pre dir="ltr"><code>PORTICO_ALLOWED_ORIGINS=${siteOrigin}</code></pre>` : nothing}
      </section>`;
  }

  #siteOrigin(): string {
    try {
      const url = new URL(this.site.trim());
      return /^https?:$/.test(url.protocol) ? url.origin : '';
    } catch {
      return '';
    }
  }

  #kind(kind: Kind, label: string): TemplateResult {
    return html`<span class="choice">
      <input
        type="radio"
        name="kind"
        id="e-${kind}"
        .checked=${this.choice.kind === kind}
        @change=${() => this.#set('kind', kind)}
      />
      <label for="e-${kind}">${label}</label>
    </span>`;
  }

  #select<K extends 'locale' | 'theme' | 'position' | 'authMode'>(
    key: K,
    label: string,
    options: Array<[EmbedChoice[K], string]>,
  ): TemplateResult {
    return html`<div class="field">
      <label for="e-${key}">${label}</label>
      <select id="e-${key}" @change=${(e: Event) => this.#set(key, (e.target as HTMLSelectElement).value as EmbedChoice[K])}>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.choice[key] === value}>${text}</option>`)}
      </select>
    </div>`;
  }

  #renderOptions(): TemplateResult {
    const languages = ALL_LOCALES.map(
      (l) => [l, new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l] as [string, string],
    );
    return html`${this.#select('locale', msg('Language', { id: 'account.language' }), [
      ['', msg('The page’s language, else the visitor’s browser', { id: 'console.embed.locale.auto' })],
      ...languages,
    ])}
    ${this.#select('theme', msg('Colours', { id: 'console.embed.theme' }), [
      ['auto', msg('Light or dark, as the visitor’s device is set', { id: 'console.embed.theme.auto' })],
      ['light', msg('Light', { id: 'console.embed.theme.light' })],
      ['dark', msg('Dark', { id: 'console.embed.theme.dark' })],
    ])}
    ${
      this.choice.kind === 'script'
        ? this.#select('position', msg('Corner of the button', { id: 'console.embed.position' }), [
            ['bottom-right', msg('Bottom right', { id: 'console.embed.position.right' })],
            ['bottom-left', msg('Bottom left', { id: 'console.embed.position.left' })],
          ])
        : nothing
    }
    ${this.#select('authMode', msg('Sign-in', { id: 'console.embed.auth' }), [
      ['cookie', msg('Cookie (the default)', { id: 'console.embed.auth.cookie' })],
      [
        'bearer',
        msg('Token in memory (a site that signs its visitors in itself)', { id: 'console.embed.auth.bearer' }),
      ],
    ])}
    <span class="choice">
      <input
        type="checkbox"
        id="e-csp"
        .checked=${this.choice.strictCsp}
        @change=${(e: Event) => this.#set('strictCsp', (e.target as HTMLInputElement).checked)}
      />
      <label for="e-csp">${msg('My site has a strict Content-Security-Policy', { id: 'console.embed.strict' })}</label>
    </span>`;
  }

  async #copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = msg('Copied.', { id: 'console.embed.copied' });
    } catch {
      this.copied = msg('Your browser did not allow copying: select the text and copy it yourself.', {
        id: 'console.embed.copyFailed',
      });
    }
  }
}
