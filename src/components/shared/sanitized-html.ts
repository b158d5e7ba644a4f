import { nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { loadSanitizer, sanitizeHtml, sanitizerReady } from '../../core/sanitize.js';

/**
 * An HTML body from the helpdesk, sanitized (src/core/sanitize.ts). The
 * sanitizer loads the first time one is about to render; until then the body
 * shows as its text alone, then as HTML.
 */
class SanitizedHtmlDirective extends AsyncDirective {
  #content = '';

  render(content: string) {
    this.#content = content;
    if (sanitizerReady()) return unsafeHTML(sanitizeHtml(content));
    void loadSanitizer().then(() => {
      if (this.isConnected && this.#content === content) this.setValue(unsafeHTML(sanitizeHtml(content)));
    });
    // Tags dropped and escaped: text, never markup.
    return content ? unsafeHTML(sanitizeHtml(content)) : nothing;
  }
}

export const sanitizedHtml = directive(SanitizedHtmlDirective);
