import type { Marked } from 'marked';
import { loadSanitizer, sanitizeHtml } from './sanitize.js';

/**
 * Markdown bodies (helpdesk messages, knowledge articles) as safe HTML:
 * `marked` (GFM, line breaks kept) turns them into HTML, which then goes
 * through the same sanitizer as every HTML body (src/core/sanitize.ts).
 * Raw HTML inside the Markdown is escaped, not passed on, and an image is
 * shown as a link to it: a body never fetches a remote resource on its own.
 *
 * `marked` is loaded on first use, in its own chunk: pages without a
 * Markdown body never download it.
 */

type Renderer = Marked;

let loading: Promise<Renderer> | null = null;
const done = new Map<string, string>();
const MAX_CACHED = 200;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function load(): Promise<Renderer> {
  loading ??= import('marked').then((lib) => {
    const instance = new lib.Marked({ gfm: true, breaks: true, async: false });
    instance.use({
      renderer: {
        html: ({ text }) => escapeHtml(text),
        image: ({ href, text }) => `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`,
      },
    });
    return instance;
  });
  return loading;
}

/** The sanitized HTML of a Markdown text already rendered once on this page, else undefined. */
export function renderedMarkdown(markdown: string): string | undefined {
  return done.get(markdown);
}

/** The Markdown text as sanitized HTML (loads the renderer on first use). */
export async function markdownToHtml(markdown: string): Promise<string> {
  const cached = done.get(markdown);
  if (cached !== undefined) return cached;
  const [marked] = await Promise.all([load(), loadSanitizer()]);
  const html = sanitizeHtml(marked.parse(markdown, { async: false }) as string);
  if (done.size >= MAX_CACHED) done.delete(done.keys().next().value!);
  done.set(markdown, html);
  return html;
}
