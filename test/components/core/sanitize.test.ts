import { expect } from '@open-wc/testing';
import DOMPurify from 'dompurify';
import { sanitizeHtml } from '../../../src/core/sanitize.js';

declare global {
  interface Window {
    __porticoXss?: () => void;
  }
}

/** Payloads that try to run window.__porticoXss(); none may, once inserted into a live document. */
const PAYLOADS = [
  '<script>window.__porticoXss()</script>',
  '<img src=x onerror="window.__porticoXss()">',
  '<img src="https://example.com/a.png" onload="window.__porticoXss()">',
  '<svg onload="window.__porticoXss()"></svg>',
  '<svg><script>window.__porticoXss()</script></svg>',
  '<a href="javascript:window.__porticoXss()">click</a>',
  '<a href=" JaVaScRiPt:window.__porticoXss()">click</a>',
  '<a href="jav&#x09;ascript:window.__porticoXss()">click</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="data:text/html,<script>window.__porticoXss()</script>">data</a>',
  '<iframe src="javascript:window.__porticoXss()"></iframe>',
  '<iframe srcdoc="<script>parent.__porticoXss()</script>"></iframe>',
  '<object data="javascript:window.__porticoXss()"></object>',
  '<embed src="javascript:window.__porticoXss()">',
  '<form action="javascript:window.__porticoXss()"><button>go</button></form>',
  '<details open ontoggle="window.__porticoXss()"><summary>x</summary></details>',
  '<body onload="window.__porticoXss()">',
  '<input autofocus onfocus="window.__porticoXss()">',
  '<video><source onerror="window.__porticoXss()"></video>',
  '<math><mi xlink:href="javascript:window.__porticoXss()">x</mi></math>',
  '<style>@import "javascript:window.__porticoXss()";</style>',
  '<div style="background:url(javascript:window.__porticoXss())">x</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__porticoXss()">',
  '<base href="javascript:window.__porticoXss()//">',
  '<link rel="import" href="data:text/html,<script>window.__porticoXss()</script>">',
  // mutation XSS, in the style of DOMPurify's test fixtures
  '<noscript><p title="</noscript><img src=x onerror=window.__porticoXss()>">',
  '<svg></p><style><a id="</style><img src=1 onerror=window.__porticoXss()>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__porticoXss()>',
  '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=window.__porticoXss()>"></style></h1>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=window.__porticoXss()>',
  '<svg><style><img src=x onerror=window.__porticoXss()></style></svg>',
  '<template><img src=x onerror=window.__porticoXss()></template>',
  '<xmp><img src=x onerror=window.__porticoXss()></xmp>',
  '<textarea></textarea><img src=x onerror=window.__porticoXss()>',
  '<img src="data:image/svg+xml,<svg onload=window.__porticoXss()>">',
  '<a href="#" id="__porticoXss">clobber</a><form name="__porticoXss"></form>',
];

describe('sanitizeHtml', () => {
  let called = 0;

  beforeEach(() => {
    called = 0;
    window.__porticoXss = () => {
      called++;
    };
  });

  afterEach(() => {
    delete window.__porticoXss;
  });

  it('keeps formatting, lists, tables, quotes, code, links and images', () => {
    const input =
      '<p>Hello <strong>bold</strong> <em>it</em> <u>u</u> <code>x()</code></p>' +
      '<ul><li>one</li></ul><ol start="3"><li>three</li></ol>' +
      '<table><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>' +
      '<blockquote>quoted</blockquote><pre><code>line 1\nline 2</code></pre>' +
      '<a href="https://example.com/x?a=1&amp;b=2">link</a>' +
      '<img src="https://example.com/a.png" alt="A" width="10">' +
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">';
    const out = document.createElement('div');
    out.innerHTML = sanitizeHtml(input);
    for (const sel of [
      'p',
      'strong',
      'em',
      'u',
      'code',
      'ul > li',
      'ol[start="3"]',
      'th[scope="col"]',
      'td[colspan="2"]',
      'blockquote',
      'pre > code',
    ]) {
      expect(out.querySelector(sel), sel).to.exist;
    }
    expect(out.querySelector('a')!.getAttribute('href')).to.equal('https://example.com/x?a=1&b=2');
    const imgs = out.querySelectorAll('img');
    expect(imgs[0].getAttribute('src')).to.equal('https://example.com/a.png');
    expect(imgs[0].getAttribute('alt')).to.equal('A');
    expect(imgs[1].getAttribute('src')).to.equal('data:image/png;base64,iVBORw0KGgo=');
    expect(out.querySelector('pre code')!.textContent).to.equal('line 1\nline 2');
  });

  it('gives every link rel="noopener noreferrer" and target="_blank"', () => {
    const out = document.createElement('div');
    out.innerHTML = sanitizeHtml(
      '<a href="https://example.com" target="_self" rel="opener">a</a> <a href="mailto:help@example.com">b</a> <a href="/relative">c</a>',
    );
    const links = [...out.querySelectorAll('a')];
    expect(links).to.have.length(3);
    for (const a of links) {
      expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(a.getAttribute('target')).to.equal('_blank');
    }
    expect(links[1].getAttribute('href')).to.equal('mailto:help@example.com');
  });

  it('drops scripts, styles, forms, iframes, svg, math and event handlers', () => {
    const out = sanitizeHtml(
      '<p onclick="x()" style="color:red" class="c">t</p><script>bad()</script><style>p{}</style>' +
        '<form><input name="a"><button>b</button></form><iframe src="https://example.com"></iframe>' +
        '<svg><circle r="1"></circle></svg><math><mi>x</mi></math>',
    );
    const div = document.createElement('div');
    div.innerHTML = out;
    expect(div.querySelector('script, style, form, input, button, iframe, svg, math, circle, mi')).to.equal(null);
    expect(div.querySelector('[onclick], [style]')).to.equal(null);
    expect(out).not.to.contain('bad()');
    expect(div.querySelector('p')!.textContent).to.equal('t');
  });

  it('removes javascript:, vbscript: and data: URLs (data: stays only for raster images)', () => {
    const div = document.createElement('div');
    div.innerHTML = sanitizeHtml(
      '<a href="javascript:alert(1)">j</a><a href="vbscript:x">v</a><a href="data:text/html,x">d</a>' +
        '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg"><img src="javascript:alert(1)" alt="js"><img src="/local.png" alt="rel">',
    );
    for (const a of div.querySelectorAll('a')) expect(a.hasAttribute('href'), a.textContent!).to.equal(false);
    for (const img of div.querySelectorAll('img')) expect(img.hasAttribute('src'), img.alt).to.equal(false);
  });

  it('never runs a payload once the result is in a live document', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    try {
      for (const payload of PAYLOADS) {
        const clean = sanitizeHtml(payload);
        const box = document.createElement('div');
        box.innerHTML = clean;
        host.append(box);
        // Clicking every link is what a user would do.
        for (const a of box.querySelectorAll('a')) {
          expect(a.getAttribute('href') ?? '', payload).not.to.match(/^\s*(javascript|vbscript|data):/i);
        }
        expect(clean, payload).not.to.match(/\son[a-z]+\s*=/i);
        expect(clean.toLowerCase(), payload).not.to.contain('<script');
      }
      // Give image errors, loads and toggles time to fire.
      await new Promise((r) => setTimeout(r, 300));
      expect(called).to.equal(0);
      expect(window.__porticoXss).to.be.a('function');
    } finally {
      host.remove();
    }
  });

  it('the sentinel does fire for raw payloads (the check above can fail)', async () => {
    const box = document.createElement('div');
    document.body.append(box);
    box.innerHTML = '<img src=x onerror="window.__porticoXss()">';
    await new Promise((r) => setTimeout(r, 300));
    box.remove();
    expect(called).to.equal(1);
  });

  it('leaves the host page DOMPurify without our hooks or config', () => {
    const dirty = '<a href="https://example.com">x</a>';
    expect(DOMPurify.sanitize(dirty)).to.equal(dirty);
    sanitizeHtml(dirty);
    expect(DOMPurify.sanitize(dirty)).to.equal(dirty);
    expect(DOMPurify.sanitize('<p style="color:red">s</p>')).to.contain('style');
  });

  it('returns a string and handles empty input', () => {
    expect(sanitizeHtml('')).to.equal('');
    const div = document.createElement('div');
    div.innerHTML = sanitizeHtml('plain text & more &lt;b&gt;');
    expect(div.textContent).to.equal('plain text & more <b>');
    expect(div.children).to.have.length(0);
    expect(typeof sanitizeHtml('<b>x</b>')).to.equal('string');
  });

  /** sanitizeHtml() in a frame that enforces Trusted Types with `names` allowed; what it returned and what the frame saw. */
  async function inTrustedTypesFrame(names: string) {
    const frame = document.createElement('iframe');
    const moduleUrl = new URL('../../../src/core/sanitize.ts', import.meta.url).href;
    frame.srcdoc = `<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types ${names}">
      </head><body><script type="module">
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.sample), true);
      const created = [];
      const create = trustedTypes.createPolicy.bind(trustedTypes);
      trustedTypes.createPolicy = (name, rules) => { created.push(name); return create(name, rules); };
      window.__run = async () => {
        const { sanitizeHtml } = await import(${JSON.stringify(moduleUrl)});
        const out = sanitizeHtml('<p>ok <a href="https://example.com">l</a><img src=x onerror=alert(1)></p>');
        await new Promise((r) => setTimeout(r, 50));
        const seen = [...violations];
        let blocked = false;
        try { document.body.innerHTML = out; } catch { blocked = true; }
        return { out, blocked, type: typeof out, created, violations: seen };
      };
      </script></body></html>`;
    document.body.append(frame);
    try {
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      const win = frame.contentWindow as Window & {
        __run?: () => Promise<{ out: string; blocked: boolean; type: string; created: string[]; violations: string[] }>;
      };
      for (let i = 0; i < 50 && !win.__run; i++) await new Promise((r) => setTimeout(r, 20));
      return await win.__run!();
    } finally {
      frame.remove();
    }
  }

  it('works in a document that enforces Trusted Types, through the one policy named portico', async () => {
    const result = await inTrustedTypesFrame('portico lit-html');
    expect(result.type).to.equal('string');
    // The frame enforces Trusted Types: a plain string into innerHTML is refused there…
    expect(result.blocked).to.equal(true);
    // …yet sanitizing worked, through Portico's policy, and DOMPurify made none of its own.
    expect(result.created).to.deep.equal(['portico']);
    expect(result.violations).to.deep.equal([]);
    expect(result.out).to.contain('<a href="https://example.com"');
    expect(result.out).to.contain('rel="noopener noreferrer"');
    expect(result.out).not.to.contain('onerror');
  });

  it('where the host does not allow the name portico, shows the text and asks for no other policy', async () => {
    const result = await inTrustedTypesFrame('lit-html');
    expect(result.created).to.deep.equal(['portico']);
    // No markup gets through without a policy: the text, escaped.
    expect(result.out).to.equal('ok l');
  });
});
