/**
 * What the built-in chat keeps for the browser tab (sessionStorage, per
 * backend): the conversation it has open, so a reload resumes it, and the
 * message being typed. The chat element and the page's outbox (a message it
 * delivered or had refused while no chat was on the page) both go through
 * here. Storage blocked (a sandboxed iframe, privacy settings): nothing is
 * kept, and the chat still works for the page load.
 */

const conversationKey = (baseUrl: string) => `portico.chat.conversation:${baseUrl}`;
const draftKey = (baseUrl: string) => `portico.chat.draft:${baseUrl}`;

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // Storage blocked: kept in memory only, by the element.
  }
}

/** The conversation this tab has open, if any. */
export function recallChatConversation(baseUrl: string): string | null {
  return read(conversationKey(baseUrl));
}

export function rememberChatConversation(baseUrl: string, id: string | null): void {
  write(conversationKey(baseUrl), id);
}

/** The chat message being typed in this tab ('' when none). */
export function loadChatDraft(baseUrl: string): string {
  return read(draftKey(baseUrl)) ?? '';
}

export function saveChatDraft(baseUrl: string, text: string): void {
  write(draftKey(baseUrl), text);
}
