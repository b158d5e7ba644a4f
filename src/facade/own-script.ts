/**
 * `document.currentScript`, else the first `<script src*="portico" data-backend>`
 * (for loaders that inject the tag, where currentScript is null). Call it
 * while the script runs: currentScript is null afterwards.
 */
export function findOwnScript(doc: Document = document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return doc.querySelector<HTMLScriptElement>('script[src*="portico"][data-backend]');
}
