/**
 * Hostile strings for subjects, bodies, names and file names, and checks that
 * none of them turned into something that runs. Shared by the ticket-list,
 * ticket-detail and sign-in tests.
 */

/** Each payload calls window.__pwned() if it ever runs. */
export const HOSTILE_PAYLOADS: readonly string[] = [
  '<script>window.__pwned()</script>',
  '<img src=x onerror="window.__pwned()">',
  '<svg onload="window.__pwned()"><circle r="1"/></svg>',
  '<a href="javascript:window.__pwned()">click me</a>',
  '<a href=" JaVaScRiPt:window.__pwned()">mixed case</a>',
  '<img src="javascript:window.__pwned()">',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned()>">',
  '<svg></p><style><a id="</style><img src=1 onerror=window.__pwned()>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned()>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__pwned()>',
  '<iframe srcdoc="&lt;script&gt;parent.__pwned()&lt;/script&gt;"></iframe>',
  '<details open ontoggle="window.__pwned()"><summary>x</summary></details>',
  '<button formaction="javascript:window.__pwned()">go</button>',
  '"><img src=x onerror=window.__pwned()>',
];

/** All payloads in one string, for places that show a single value (a subject, a name). */
export const HOSTILE_ALL_IN_ONE = HOSTILE_PAYLOADS.join(' ');

export interface Sentinel {
  /** How often any payload ran. */
  readonly calls: number;
  restore(): void;
}

/** Installs window.__pwned, counting calls. */
export function installSentinel(): Sentinel {
  const w = window as unknown as { __pwned?: () => void };
  let calls = 0;
  w.__pwned = () => {
    calls++;
  };
  return {
    get calls() {
      return calls;
    },
    restore() {
      delete w.__pwned;
    },
  };
}

/** Every element under `root`, descending into open shadow roots and template contents. */
export function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const visit = (node: ParentNode) => {
    for (const el of Array.from(node.querySelectorAll('*'))) {
      out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el instanceof HTMLTemplateElement) visit(el.content);
    }
  };
  visit(root);
  return out;
}

const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'];

/** Descriptions of anything that could run: on* attributes, script-ish URLs, script/iframe elements. */
export function activeContent(root: ParentNode): string[] {
  const problems: string[] = [];
  for (const el of allElements(root)) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' || tag === 'iframe' || tag === 'object' || tag === 'embed') problems.push(`<${tag}> element`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`<${tag} ${name}="${attr.value}">`);
      if (name === 'srcdoc') problems.push(`<${tag} srcdoc>`);
      if (URL_ATTRIBUTES.includes(name)) {
        // Browsers ignore whitespace and control characters in a URL's scheme.
        const squashed = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (
          squashed.startsWith('javascript:') ||
          squashed.startsWith('vbscript:') ||
          squashed.startsWith('data:text/html')
        ) {
          problems.push(`<${tag} ${name}="${attr.value}">`);
        }
      }
    }
  }
  return problems;
}

/** Lets error/load handlers of any injected image fire before the sentinel is read. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
