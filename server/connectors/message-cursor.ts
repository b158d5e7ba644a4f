import { BadInput } from '../errors.js';

/**
 * Conversation pages are keyset pages on the connector's own message order
 * (the embedded store's sequence, RT's transaction id): the cursor is the key
 * of the last message of the page, so every page costs the same however deep.
 */
const KEY = /^[1-9][0-9]{0,17}$/;

export function encodeMessageCursor(key: string | number): string {
  const text = String(key);
  if (!KEY.test(text)) throw new Error(`not a message key: ${text}`);
  return text;
}

/** null for a missing cursor; BadInput (400) for anything but a key this encoded. */
export function decodeMessageCursor(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (KEY.test(raw)) return raw;
  throw BadInput.field('cursor', 'invalid');
}
