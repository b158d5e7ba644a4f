import type { Config, DOMPurify as Purifier } from 'dompurify';
import { msg, str } from '@lit/localize';
import { porticoPolicy } from './trusted-types.js';

/**
 * Message bodies come from a helpdesk: untrusted HTML. sanitizeHtml() keeps
 * text formatting, lists, tables, quotes, code, links and images, and drops
 * everything that can run code, restyle the page or submit data. Images show
 * inline only when showing them tells nobody new that the body was read:
 * inline data, or the page's own origin. Any other image becomes a link to
 * it (a tracking pixel in an agent's mail would otherwise report the
 * customer's address, browser and reading time to its sender).
 *
 * One allow-list, two engines: the browser's HTML Sanitizer API
 * (`Element.setHTML`) where it exists, DOMPurify (a chunk of its own, fetched
 * only then) where it does not. Both apply the same tags and attributes, and
 * the same hooks below (URL rules, link targets). Nothing loads until an HTML
 * body is about to render: loadSanitizer() first, then sanitizeHtml().
 *
 * A private DOMPurify instance: hooks and config set here never reach a
 * DOMPurify the host page uses itself.
 */

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'div',
  'span',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'mark',
  'abbr',
  'cite',
  'q',
  'kbd',
  'samp',
  'var',
  'time',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'blockquote',
  'pre',
  'code',
  'a',
  'img',
];

const ALLOWED_ATTR = [
  'href',
  'title',
  'alt',
  'src',
  'width',
  'height',
  'colspan',
  'rowspan',
  'scope',
  'headers',
  'span',
  'start',
  'reversed',
  'type',
  'cite',
  'datetime',
  'lang',
  'dir',
];

/** Links: web, mail, phone, or relative/fragment. Anything with another scheme is dropped. */
const LINK_URL = /^(?:https?:|mailto:|tel:|[^a-z]|[a-z0-9+.-]+(?:[^a-z0-9+.\-:]|$))/i;
const IMAGE_URL = /^(?:https?:\/\/|data:image\/(?:png|gif|jpe?g|webp|avif|bmp);base64,[a-z0-9+/=\s]+$)/i;

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP: LINK_URL,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  FORBID_TAGS: [
    'style',
    'script',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'iframe',
    'svg',
    'math',
    'template',
  ],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href'],
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  KEEP_CONTENT: true,
  RETURN_TRUSTED_TYPE: false,
};

let purifier: Purifier | null = null;

type AttributeData = { attrName: string; attrValue: string; keepAttr: boolean };

/** Per attribute, after the allow-list: DOMPurify's uponSanitizeAttribute hook, and the native engine's too. */
const attributeHook = (node: Element, data: AttributeData): void => {
  const value = data.attrValue.trim();
  // img: only absolute http(s) or inline raster images (no SVG, no relative page-dependent URLs).
  if (node.nodeName === 'IMG' && data.attrName === 'src' && !IMAGE_URL.test(value)) {
    data.keepAttr = false;
  }
  // data: URLs are only for images; DOMPurify would keep them on a few other tags.
  if (node.nodeName !== 'IMG' && /^data:/i.test(value) && (data.attrName === 'href' || data.attrName === 'src')) {
    data.keepAttr = false;
  }
};

/** Per element, once its attributes are settled (DOMPurify's afterSanitizeAttributes hook; the native engine's too). */
const elementHook = (node: Element): void => {
  if (node.nodeName === 'IMG') linkRemoteImage(node);
  else if (node.nodeName === 'A' && node.hasAttribute('href')) outboundLink(node);
};

function outboundLink(a: Element): void {
  a.setAttribute('target', '_blank');
  a.setAttribute('rel', 'noopener noreferrer');
}

/**
 * An image on another origin than the page's is replaced by a link to it,
 * named by its alt text or its host. Both engines sanitize in a document that
 * loads nothing, so the image is never fetched on the way.
 */
function linkRemoteImage(img: Element): void {
  const src = img.getAttribute('src')?.trim() ?? '';
  if (!/^https?:/i.test(src)) return;
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    img.remove();
    return;
  }
  if (url.origin === location.origin) return;
  const a = img.ownerDocument.createElement('a');
  a.setAttribute('href', url.href);
  a.setAttribute('title', url.href);
  outboundLink(a);
  const label = img.getAttribute('alt')?.trim() || url.host;
  a.textContent = msg(str`Image: ${label}`, { id: 'common.remoteImage' });
  img.replaceWith(a);
}

function makePurifier(DOMPurify: (root: Window) => Purifier): Purifier {
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', attributeHook);
  instance.addHook('afterSanitizeAttributes', elementHook);
  return instance;
}

// ---------------------------------------------------------------- the native engine

/** Of ours, the attributes DOMPurify lets through whatever their value (its URI_SAFE_ATTRIBUTES); any other value must pass LINK_URL, as there. */
const URI_SAFE_ATTR = new Set(['alt', 'title']);
/** DOMPurify's ATTR_WHITESPACE: stripped before a value is matched against the URL rule. */
const ATTR_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

type SetHtml = (html: string, options: { sanitizer: Record<string, unknown> }) => void;

/** The browser has the HTML Sanitizer API with a configurable `setHTML`. */
function hasNativeSanitizer(): boolean {
  return typeof (Element.prototype as { setHTML?: unknown }).setHTML === 'function' && 'Sanitizer' in globalThis;
}

const NATIVE_CONFIG = {
  elements: ALLOWED_TAGS.filter((t) => !(CONFIG.FORBID_TAGS as string[]).includes(t)),
  attributes: ALLOWED_ATTR.filter((a) => !(CONFIG.FORBID_ATTR as string[]).includes(a)),
  comments: false,
  dataAttributes: false,
};

/** A document without a browsing context: nothing parsed into it is fetched. */
let inert: Document | null = null;

function nativeSanitize(html: string): string {
  inert ??= document.implementation.createHTMLDocument('');
  const box = inert.createElement('div');
  (box as unknown as { setHTML: SetHtml }).setHTML(html, { sanitizer: NATIVE_CONFIG });
  for (const node of box.querySelectorAll('*')) {
    for (const { name, value } of [...node.attributes]) {
      const data = { attrName: name, attrValue: value, keepAttr: true };
      // DOMPurify's URL rule: a value of a non-URI-safe attribute must look like an allowed URL (or a data: image).
      const bare = value.replace(ATTR_WHITESPACE, '');
      const dataImage = node.nodeName === 'IMG' && name === 'src' && /^data:/i.test(bare);
      if (!URI_SAFE_ATTR.has(name) && !dataImage && bare && !LINK_URL.test(bare)) data.keepAttr = false;
      if (data.keepAttr) attributeHook(node, data);
      if (!data.keepAttr) node.removeAttribute(name);
    }
    elementHook(node);
  }
  return box.innerHTML;
}

// ---------------------------------------------------------------- loading

export type SanitizerEngine = 'native' | 'dompurify';

let engine: SanitizerEngine | null = null;
let loading: Promise<SanitizerEngine> | null = null;

/**
 * Gets the sanitizer ready: the browser's own where it has one, else fetches
 * DOMPurify. Resolves with the engine in use. `prefer` picks one (tests run
 * both); DOMPurify is always there to fall back on.
 */
export function loadSanitizer(prefer?: SanitizerEngine): Promise<SanitizerEngine> {
  const wanted: SanitizerEngine = prefer ?? (hasNativeSanitizer() ? 'native' : 'dompurify');
  if (wanted === 'native' && hasNativeSanitizer()) {
    engine = 'native';
    return Promise.resolve(engine);
  }
  if (purifier) {
    engine = 'dompurify';
    return Promise.resolve(engine);
  }
  loading ??= import('dompurify').then((mod) => {
    purifier = makePurifier(mod.default as unknown as (root: Window) => Purifier);
    loading = null;
    return 'dompurify' as const;
  });
  return loading.then((e) => (engine = e));
}

/** The sanitizer is loaded: sanitizeHtml() answers at once. */
export function sanitizerReady(): boolean {
  return engine !== null;
}

/**
 * Under an enforced Trusted Types CSP, DOMPurify's own parsing needs a
 * policy: it gets Portico's one policy (`portico`, src/core/trusted-types.ts)
 * and never creates its own `dompurify` one (TRUSTED_TYPES_POLICY null).
 */
function purifyConfig(): Config {
  return { ...CONFIG, TRUSTED_TYPES_POLICY: porticoPolicy() as unknown as Config['TRUSTED_TYPES_POLICY'] };
}

let parsingRefused: boolean | undefined;

/** Without a policy: whether the page refuses to parse plain strings (enforced Trusted Types). Asked once. */
function parsingIsRefused(): boolean {
  if (parsingRefused !== undefined) return parsingRefused;
  try {
    new DOMParser().parseFromString('', 'text/html');
    parsingRefused = false;
  } catch {
    parsingRefused = true;
  }
  return parsingRefused;
}

/**
 * Sanitized HTML, as a string, safe for `unsafeHTML()` / innerHTML. Before
 * loadSanitizer() has resolved, the text alone (tags dropped, escaped): never
 * raw markup.
 */
export function sanitizeHtml(html: string): string {
  if (!html) return '';
  if (engine === 'native') {
    try {
      return nativeSanitize(html);
    } catch {
      return textOnly(html);
    }
  }
  const purify = engine === 'dompurify' ? purifier : null;
  if (!purify) return textOnly(html);
  try {
    // Parsing refused (Trusted Types enforced, `portico` not allowed): show the text, never raw markup.
    if (!porticoPolicy() && 'trustedTypes' in globalThis && parsingIsRefused()) return textOnly(html);
    return String(purify.sanitize(html, purifyConfig()));
  } catch {
    return textOnly(html);
  }
}

function textOnly(html: string): string {
  return escapeForHtml(
    html
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

function escapeForHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
