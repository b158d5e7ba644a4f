import { expect } from '@open-wc/testing';

interface FrameResult {
  created: string[];
  allowedSrc: string;
  refused: string;
  sanitized: string;
}

/**
 * Portico's one policy in a frame that enforces Trusted Types and allows
 * only `portico` and `lit-html`: script URLs by each caller's rule, and the
 * sanitizer, through the same single policy.
 */
describe('the portico Trusted Types policy', () => {
  it('passes script URLs only by their rule, and serves the sanitizer too, as one policy', async () => {
    const frame = document.createElement('iframe');
    const typesUrl = new URL('../../../src/core/trusted-types.ts', import.meta.url).href;
    const sanitizeUrl = new URL('../../../src/core/sanitize.ts', import.meta.url).href;
    frame.srcdoc = `<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'; trusted-types portico lit-html">
      </head><body><script type="module">
      const created = [];
      const create = trustedTypes.createPolicy.bind(trustedTypes);
      trustedTypes.createPolicy = (name, rules) => { created.push(name); return create(name, rules); };
      window.__run = async () => {
        const { scriptUrlPolicy } = await import(${JSON.stringify(typesUrl)});
        const { loadSanitizer, sanitizeHtml } = await import(${JSON.stringify(sanitizeUrl)});
        await loadSanitizer('dompurify');
        const cdnOnly = scriptUrlPolicy((u) => u.startsWith('https://cdn.example/'));
        const script = document.createElement('script');
        script.src = cdnOnly('https://cdn.example/widget.js');
        let refused = '';
        try { cdnOnly('https://evil.example/x.js'); } catch (e) { refused = String(e); }
        const sanitized = sanitizeHtml('<b>bold</b><img src=x onerror=alert(1)><iframe></iframe>');
        return { created, allowedSrc: script.src, refused, sanitized };
      };
      </script></body></html>`;
    document.body.append(frame);
    try {
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      const win = frame.contentWindow as Window & { __run?: () => Promise<FrameResult> };
      for (let i = 0; i < 50 && !win.__run; i++) await new Promise((r) => setTimeout(r, 20));
      const result = await win.__run!();
      expect(result.allowedSrc).to.equal('https://cdn.example/widget.js');
      expect(result.refused).to.contain('refused script URL https://evil.example/x.js');
      expect(result.sanitized).to.equal('<b>bold</b><img>');
      expect(result.created).to.deep.equal(['portico']);
    } finally {
      frame.remove();
    }
  });
});
