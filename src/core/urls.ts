/**
 * Only http(s) links and images from settings a site owner or helpdesk
 * typed in (privacy policy, logo); anything else (javascript:, data:, a
 * broken value) is dropped. Relative URLs resolve against the page.
 */
export function safeUrl(url: string | null | undefined, base: string = document.baseURI): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
