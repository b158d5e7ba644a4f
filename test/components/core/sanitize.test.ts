import { expect } from '@open-wc/testing';
import DOMPurify from 'dompurify';
import { waitUntil } from '../../helpers/wait-until.js';
import { loadSanitizer, sanitizeHtml, sanitizerReady, type SanitizerEngine } from '../../../src/core/sanitize.js';

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

describe('sanitizer loading', () => {
  it('loads nothing until asked, and shows only text meanwhile', () => {
    expect(sanitizerReady()).to.equal(false);
    const out = sanitizeHtml('<p>Hi <b>there</b><img src=x onerror="window.__porticoXss()"></p>');
    const div = document.createElement('div');
    div.innerHTML = out;
    expect(div.children).to.have.length(0);
    expect(div.textContent).to.equal('Hi there');
  });

  it('uses the browser’s HTML Sanitizer API where it exists, DOMPurify otherwise', async () => {
    const native = typeof (Element.prototype as { setHTML?: unknown }).setHTML === 'function';
    expect(await loadSanitizer()).to.equal(native ? 'native' : 'dompurify');
    expect(sanitizerReady()).to.equal(true);
  });

  it('keeps the same elements and attributes either way (one allow-list), and nothing more on hostile input', async () => {
    const benign = [
      '<p title="javascript:x" lang="en" dir="rtl">t</p><table><tr><td scope="col" colspan="2">c</td></tr></table>',
      '<a href="https://example.com" target="_self" rel="opener" title="T">a</a><a href="mailto:a@b.c">m</a>',
      '<img src="https://example.com/a.png" alt="A" width="10"><img src="data:image/png;base64,iVBORw0KGgo=">',
      '<ol start="3" reversed><li>x</li></ol><time datetime="2024-01-01">d</time><q cite="https://e.com">q</q>',
      '<span data-x="1" aria-label="a" class="c" id="i" name="n">s</span><blockquote cite="javascript:x">b</blockquote>',
    ];
    const parse = (html: string) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      return div;
    };
    // What an engine let through: each element with its attributes, in document order.
    const kept = (html: string) =>
      [...parse(html).querySelectorAll('*')].map(
        (e) => `${e.localName}[${[...e.attributes].map((a) => `${a.name}=${a.value}`).join(' ')}]`,
      );
    if ((await loadSanitizer('native')) !== 'native') return; // no native engine in this browser: nothing to compare
    const native = [...PAYLOADS, ...benign].map((i) => sanitizeHtml(i));
    expect(await loadSanitizer('dompurify')).to.equal('dompurify');
    const purified = [...PAYLOADS, ...benign].map((i) => sanitizeHtml(i));
    // Hostile input: the browser's engine keeps nothing DOMPurify would not (it may drop more: it removes the
    // content of elements it refuses, where DOMPurify keeps the text of some).
    PAYLOADS.forEach((input, i) => {
      const allowed = kept(purified[i]!);
      for (const element of kept(native[i]!)) expect(allowed, input).to.include(element);
    });
    // Bodies a helpdesk sends come out the same, text and all.
    benign.forEach((input, i) =>
      expect(parse(native[PAYLOADS.length + i]!).innerHTML, input).to.equal(
        parse(purified[PAYLOADS.length + i]!).innerHTML,
      ),
    );
  });
});

const ENGINES: SanitizerEngine[] =
  typeof (Element.prototype as { setHTML?: unknown }).setHTML === 'function' ? ['native', 'dompurify'] : ['dompurify'];

for (const engine of ENGINES)
  describe(`sanitizeHtml (${engine})`, () => {
    let called = 0;

    before(async () => {
      expect(await loadSanitizer(engine)).to.equal(engine);
    });

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
        `<img src="${location.origin}/a.png" alt="A" width="10">` +
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
      expect(imgs[0].getAttribute('src')).to.equal(`${location.origin}/a.png`);
      expect(imgs[0].getAttribute('alt')).to.equal('A');
      expect(imgs[1].getAttribute('src')).to.equal('data:image/png;base64,iVBORw0KGgo=');
      expect(out.querySelector('pre code')!.textContent).to.equal('line 1\nline 2');
    });

    it('turns an image from another origin into a link and never fetches it', async () => {
      const pixel = `http://127.0.0.1:9/track-${engine}-${Date.now()}.gif`;
      const named = `https://cdn.example.net/logo-${engine}.png`;
      // An image of the page's own origin still loads: once its fetch is on record, the others would be too.
      const own = `${location.origin}/own-${engine}-${Date.now()}.png`;
      const html = sanitizeHtml(
        `<p>Hello</p><img src="${pixel}" width="1" height="1"><img src="${named}" alt="Our logo"><img src="${own}">`,
      );
      const out = document.createElement('div');
      out.innerHTML = html;
      document.body.append(out);
      try {
        expect([...out.querySelectorAll('img')].map((i) => i.getAttribute('src'))).to.deep.equal([own]);
        const links = [...out.querySelectorAll('a')];
        expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([pixel, named]);
        expect(links.map((a) => a.textContent)).to.deep.equal(['Image: 127.0.0.1:9', 'Image: Our logo']);
        for (const a of links) {
          expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
          expect(a.getAttribute('target')).to.equal('_blank');
        }
        const fetched = () => performance.getEntriesByType('resource').map((e) => e.name);
        await waitUntil(() => fetched().includes(own), 'the own-origin image was never fetched');
        expect(fetched().filter((u) => u === pixel || u === named)).to.deep.equal([]);
      } finally {
        out.remove();
      }
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
        const { loadSanitizer, sanitizeHtml } = await import(${JSON.stringify(moduleUrl)});
        const engine = await loadSanitizer(${JSON.stringify(engine)});
        const out = sanitizeHtml('<p>ok <a href="https://example.com">l</a><img src=x onerror=alert(1)></p>');
        await new Promise((r) => setTimeout(r, 50));
        const seen = [...violations];
        let blocked = false;
        try { document.body.innerHTML = out; } catch { blocked = true; }
        return { out, blocked, type: typeof out, engine, created, violations: seen };
      };
      </script></body></html>`;
      document.body.append(frame);
      try {
        await new Promise((r) => frame.addEventListener('load', r, { once: true }));
        const win = frame.contentWindow as Window & {
          __run?: () => Promise<{
            out: string;
            blocked: boolean;
            type: string;
            engine: string;
            created: string[];
            violations: string[];
          }>;
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
      expect(result.engine).to.equal(engine);
      // The frame enforces Trusted Types: a plain string into innerHTML is refused there…
      expect(result.blocked).to.equal(true);
      // …yet sanitizing worked: DOMPurify through Portico's policy (it made none of its own); setHTML needs none.
      expect(result.created).to.deep.equal(engine === 'dompurify' ? ['portico'] : []);
      expect(result.violations).to.deep.equal([]);
      expect(result.out).to.contain('<a href="https://example.com"');
      expect(result.out).to.contain('rel="noopener noreferrer"');
      expect(result.out).not.to.contain('onerror');
    });

    it('where the host does not allow the name portico, asks for no other policy and lets no markup through unsanitized', async () => {
      const result = await inTrustedTypesFrame('lit-html');
      if (engine === 'dompurify') {
        expect(result.created).to.deep.equal(['portico']);
        // DOMPurify cannot parse without a policy: the text, escaped.
        expect(result.out).to.equal('ok l');
      } else {
        // setHTML is no Trusted Types sink: the allow-list still applies.
        expect(result.created).to.deep.equal([]);
        expect(result.out).to.contain('rel="noopener noreferrer"');
        expect(result.out).not.to.contain('onerror');
      }
    });
  });
