import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { CLIENT_KEYS, DEFAULT_CONFIG, needsNewClient, validateConfig, type PorticoConfig } from '../../core/config.js';
import { servicesContext, type PorticoServices } from '../../core/services.js';
import { createPorticoServices } from '../../backends/index.js';

/** Attribute-backed properties → config keys; the keys the backend client is built with come first. */
const CONFIG_PROPERTIES = [
  ...CLIENT_KEYS,
  'locale',
  'theme',
  'position',
  'formId',
  'allowedOrigins',
] as const satisfies ReadonlyArray<keyof PorticoConfig>;
type ConfigProperty = (typeof CONFIG_PROPERTIES)[number];

const SOURCE = '<portico-provider>';

/**
 * Hands configuration and services (backend client, session) to every Portico
 * element inside it through `@lit/context`, so a page can compose elements
 * against a backend of its choice without the script tag.
 *
 * Attributes are validated like the script tag's data-*: a bad value gets one
 * console error naming it and is ignored; nothing throws. Changing `backend`,
 * `auth-mode`, `timeout-ms` or `getToken` builds a new backend client; other
 * keys only update the configuration.
 *
 * @slot - The elements that use these services.
 */
export class PorticoProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of the gateway's protocol, e.g. https://support.example.com/portico/v1 */
  @property() backend?: string;
  @property() locale?: string;
  @property({ attribute: 'auth-mode' }) authMode?: string;
  @property({ attribute: 'timeout-ms' }) timeoutMs?: string;
  @property() theme?: string;
  @property() position?: string;
  @property({ attribute: 'form-id' }) formId?: string;
  @property({ attribute: 'allowed-origins' }) allowedOrigins?: string;
  /** Bearer mode: returns the host's current token (a property, not an attribute). */
  @property({ attribute: false }) getToken?: PorticoConfig['getToken'];

  readonly #provider = new ContextProvider(this, { context: servicesContext, initialValue: undefined });
  /** Values that passed validation, per key. */
  #valid: Partial<PorticoConfig> = {};
  #reportedMissingBackend = false;

  /** The services given to descendants; undefined until `backend` is valid. */
  get services(): PorticoServices | undefined {
    return this.#provider.value;
  }

  /** The configuration in effect. */
  get config(): PorticoConfig | undefined {
    return this.#provider.value?.config;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const changedKeys = CONFIG_PROPERTIES.filter((key) => changed.has(key as keyof PorticoProvider));
    if (changedKeys.length === 0 && this.hasUpdated) return;

    // Only changed keys are validated, so a bad value is reported once, not on every update.
    for (const key of changedKeys) this.#validate(key);

    // The native `nonce` property keeps the value even where the browser hides the attribute.
    const nonce = this.nonce || this.getAttribute('nonce') || null;
    const config: PorticoConfig = { ...DEFAULT_CONFIG, ...this.#valid, nonce };
    const current = this.#provider.value;
    if (!config.backend) {
      // A bad value was already reported by #validate; an absent one is reported here, once.
      if (this.backend == null && !this.#reportedMissingBackend) {
        this.#reportedMissingBackend = true;
        console.error(`[Portico] ${SOURCE}: attribute "backend" is required — set it to your gateway's protocol URL`);
      }
      if (current) this.#provider.setValue(undefined);
      return;
    }
    const rebuild = !current || needsNewClient(current.config, config);
    this.#provider.setValue(rebuild ? createPorticoServices(config) : { ...current, config });
  }

  #validate(key: ConfigProperty): void {
    const raw = this[key];
    delete this.#valid[key];
    if (raw === undefined || raw === null) return;
    const { config, errors } = validateConfig({ [key]: raw }, SOURCE);
    for (const e of errors) console.error(e.replace(`option "${key}"`, `attribute "${attributeName(key)}"`));
    if (key in config) (this.#valid as Record<string, unknown>)[key] = config[key];
  }

  override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}

function attributeName(key: string): string {
  return key === 'getToken' ? key : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
