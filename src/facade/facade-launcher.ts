/**
 * The launcher button the facade draws before the app has loaded: plain DOM in
 * a shadow root kept in this closure (open, like Lit's, so assistive
 * technology checks and end-to-end locators reach it), looking and announcing itself like
 * <portico-chat-launcher>'s button ("Open support", a dialog popup, not
 * expanded). Pointer over, focus or touch signal intent (preload); a click
 * activates (load and open). The app replaces it with the real launcher.
 */
import type { PorticoConfig } from '../core/config.js';
import { languageMarks, resolveLocale } from '../core/i18n.js';
import { templates as nlLauncher } from '../locales/nl/launcher.js';
import { templates as deLauncher } from '../locales/de/launcher.js';
import { templates as frLauncher } from '../locales/fr/launcher.js';
import { templates as itLauncher } from '../locales/it/launcher.js';
import { templates as nbLauncher } from '../locales/nb/launcher.js';
import { templates as heLauncher } from '../locales/he/launcher.js';
import type { FacadeButton } from './handoff.js';
import { facadeLauncherCss } from './facade-launcher.styles.js';
import { trackVisualViewport } from '../components/shared/visual-viewport.js';

/** The host element's name; not a Portico element, so it never marks a page as composing Portico itself. */
export const FACADE_TAG = 'portico-launcher-facade';

/** The button's accessible name per locale; the real launcher takes 'launcher.open' from the same templates. */
const OPEN_LABEL: Record<string, string> = {
  en: 'Open support',
  nl: nlLauncher['launcher.open'],
  de: deLauncher['launcher.open'],
  fr: frLauncher['launcher.open'],
  it: itLauncher['launcher.open'],
  nb: nbLauncher['launcher.open'],
  he: heLauncher['launcher.open'],
};

/**
 * What the button says, visibly and as its name, when the app could not load
 * (only the facade ever says it: the app is what failed). A click retries.
 */
const FAILED_LABEL: Record<string, string> = {
  en: 'Support could not load. Try again',
  nl: 'Ondersteuning kon niet laden. Opnieuw proberen',
  de: 'Support konnte nicht geladen werden. Erneut versuchen',
  fr: 'L’assistance n’a pas pu se charger. Réessayer',
  it: 'Impossibile caricare l’assistenza. Riprova',
  nb: 'Kundestøtte kunne ikke lastes. Prøv igjen',
  he: 'טעינת התמיכה נכשלה. לנסות שוב',
};

const SVG_NS = 'http://www.w3.org/2000/svg';
/** chat-launcher.component.ts's chat icon. */
const CHAT_ICON_PATH =
  'M12 3C6.5 3 2 6.6 2 11c0 2.1 1 4 2.7 5.4L4 21l4.6-2.3c1.1.3 2.2.4 3.4.4 5.5 0 10-3.6 10-8S17.5 3 12 3Zm-4 9.3a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Zm4 0a1.3 1.3 0 1 1 0-2.6 1.3 1.3 0 0 1 0 2.6Z';

export interface FacadeLauncherHandlers {
  /** Pointer over, focus or touch: a click may follow. */
  intent(): void;
  /** Click, Enter or Space. */
  activate(): void;
}

export interface FacadeLauncher extends FacadeButton {
  readonly host: HTMLElement;
  /** Applies position, theme and the label's locale. */
  update(config: PorticoConfig): void;
  /** Marks the button busy while the app loads after a click (and clears a failure). */
  setBusy(busy: boolean): void;
  /** Says, on the button and to assistive technology, that the app could not load. */
  setFailed(): void;
}

let sheet: CSSStyleSheet | null = null;

/** Constructable sheets are exempt from style-src CSP; a nonce'd <style> is the fallback. */
function addStyles(root: ShadowRoot, nonce: string | null): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(facadeLauncherCss);
    }
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = facadeLauncherCss;
  root.append(style);
}

/** The icon, built node by node: no innerHTML, so enforced Trusted Types have nothing to object to. */
function chatIcon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('fill', 'currentColor');
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', CHAT_ICON_PATH);
  svg.append(path);
  return svg;
}

/** Draws the facade button at the end of <body> (which must exist). */
export function drawFacadeLauncher(
  config: PorticoConfig,
  handlers: FacadeLauncherHandlers,
  doc: Document = document,
): FacadeLauncher {
  const host = doc.createElement(FACADE_TAG);
  const root = host.attachShadow({ mode: 'open' });
  addStyles(root, config.nonce);

  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('part', 'button');
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  const label = doc.createElement('span');
  label.setAttribute('part', 'label');
  button.append(chatIcon(doc), label);
  // Announces a failed load; visually hidden (the label itself shows it).
  const status = doc.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');
  root.append(button, status);
  let failed = false;
  let locale = resolveLocale(config.locale);
  const showLabel = () => {
    label.textContent = (failed ? FAILED_LABEL : OPEN_LABEL)[locale] ?? (failed ? FAILED_LABEL : OPEN_LABEL).en!;
  };

  const intent = () => handlers.intent();
  button.addEventListener('pointerenter', intent);
  button.addEventListener('focus', intent);
  button.addEventListener('touchstart', intent, { passive: true });
  button.addEventListener('click', () => handlers.activate());

  const update = (next: PorticoConfig) => {
    host.setAttribute('position', next.position);
    if (next.theme === 'auto') host.removeAttribute('theme');
    else host.setAttribute('theme', next.theme);
    locale = resolveLocale(next.locale);
    // In the corner the real launcher will take: the same marks as every Portico element.
    const marks = languageMarks(locale, doc);
    for (const name of ['lang', 'dir'] as const) {
      const value = marks[name];
      if (value === null) host.removeAttribute(name);
      else host.setAttribute(name, value);
    }
    showLabel();
  };
  update(config);
  doc.body.append(host);
  const tracking = trackVisualViewport(host);

  return {
    host,
    update,
    setBusy(busy) {
      if (busy) button.setAttribute('aria-busy', 'true');
      else button.removeAttribute('aria-busy');
      if (busy && failed) {
        failed = false;
        host.removeAttribute('failed');
        status.textContent = '';
        showLabel();
      }
    },
    setFailed() {
      failed = true;
      host.setAttribute('failed', '');
      showLabel();
      status.textContent = label.textContent;
    },
    hasFocus: () => root.activeElement === button,
    remove: () => {
      tracking.stop();
      host.remove();
    },
  };
}
