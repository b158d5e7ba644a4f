import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { CANCELABLE_EVENTS, type PorticoEventMap, type PorticoEventName } from '../../core/events.js';
import {
  getDefaultServices,
  onDefaultServicesChange,
  servicesContext,
  type PorticoServices,
} from '../../core/services.js';
import { activeLocale, getLocale, languageMarks } from '../../core/i18n.js';

/** Names whose foreign definition was already reported. */
const warnedNames = new Set<string>();

/**
 * Base of every Portico element: services from the nearest <portico-provider>
 * (or the page-wide default), a typed emit(), re-render on locale change, and
 * a define() that survives the script being loaded twice.
 */
export class PorticoElement extends LitElement {
  @consume({ context: servicesContext, subscribe: true })
  @state()
  protected contextServices?: PorticoServices;

  #unlistenDefault?: () => void;

  /** The `lang` and `dir` this element set itself (an author's own are left alone). */
  #marked: { lang: string | null; dir: string | null } = { lang: null, dir: null };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    // Before every update, a change of locale among them.
    this.addController({ hostUpdate: () => this.#markLanguage() });
  }

  /**
   * Portico may speak another language than the page (the visitor's, or the
   * configured one): the element then says which (`lang`, for screen readers)
   * and lays itself out in that language's direction (`dir`, languageMarks):
   * every logical property mirrors, the launcher's corner included.
   */
  #markLanguage(): void {
    const want = languageMarks(activeLocale());
    for (const name of ['lang', 'dir'] as const) {
      const current = this.getAttribute(name);
      // Someone else's attribute: theirs to keep.
      if (current !== null && current !== this.#marked[name]) continue;
      if (want[name] === null) this.removeAttribute(name);
      else if (current !== want[name]) this.setAttribute(name, want[name]!);
      this.#marked[name] = want[name];
    }
  }

  /** Services from context, else the page-wide default; undefined until configured. */
  protected get services(): PorticoServices | undefined {
    return this.contextServices ?? getDefaultServices();
  }

  /** The active locale, for Intl formatting. */
  protected get locale(): string {
    return getLocale();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unlistenDefault = onDefaultServicesChange(() => this.servicesChanged());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unlistenDefault?.();
  }

  /** Called when the page-wide default services change; subclasses reload. */
  protected servicesChanged(): void {
    this.requestUpdate();
  }

  /**
   * Dispatches a bubbling, composed `portico-*` event. Returns false when an
   * intent event was cancelled by a listener.
   */
  emit<K extends PorticoEventName>(name: K, detail: PorticoEventMap[K]): boolean {
    const event = new CustomEvent(name, {
      detail,
      bubbles: true,
      composed: true,
      cancelable: CANCELABLE_EVENTS.has(name),
    });
    return this.dispatchEvent(event);
  }

  /**
   * Defines the element unless the name is taken (script loaded twice, or a
   * page's own element): that name keeps its definition, with one console
   * warning however often this is called.
   */
  static define(name: string, ctor: CustomElementConstructor = this): void {
    const existing = customElements.get(name);
    if (!existing) customElements.define(name, ctor);
    else if (existing !== ctor && !warnedNames.has(name)) {
      warnedNames.add(name);
      console.warn(`[Portico] <${name}> is already defined on this page; keeping the existing definition`);
    }
  }
}
