import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { porticoPolicy } from './trusted-types.js';

/**
 * Message bodies come from a helpdesk: untrusted HTML. sanitizeHtml() keeps
 * text formatting, lists, tables, quotes, code, links and images, and drops
 * everything that can run code, restyle the page or submit data.
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

function getPurifier(): Purifier {
  if (purifier) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (node, data) => {
    const value = data.attrValue.trim();
    // img: only absolute http(s) or inline raster images (no SVG, no relative page-dependent URLs).
    if (node.nodeName === 'IMG' && data.attrName === 'src' && !IMAGE_URL.test(value)) {
      data.keepAttr = false;
    }
    // data: URLs are only for images; DOMPurify would keep them on a few other tags.
    if (node.nodeName !== 'IMG' && /^data:/i.test(value) && (data.attrName === 'href' || data.attrName === 'src')) {
      data.keepAttr = false;
    }
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  purifier = instance;
  return instance;
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

/** Sanitized HTML, as a string, safe for `unsafeHTML()` / innerHTML. */
export function sanitizeHtml(html: string): string {
  if (!html) return '';
  const purify = getPurifier();
  try {
    // Parsing refused (Trusted Types enforced, `portico` not allowed): show the text, never raw markup.
    if (!porticoPolicy() && 'trustedTypes' in globalThis && parsingIsRefused()) return asText(html);
    return String(purify.sanitize(html, purifyConfig()));
  } catch {
    return asText(html);
  }
}

function asText(html: string): string {
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
