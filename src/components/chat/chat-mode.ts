import { externalChatOptions, isExternalProvider } from '../../core/chat-providers.js';
import type { ChatAvailability, PortalSettings } from '../../protocol/index.js';

export interface ChatSetup {
  portal: PortalSettings;
  availability: ChatAvailability;
  signedIn: boolean;
}

/** What the chat element shows: nothing, the built-in chat, "leave a message", or an external provider's button. */
export type ChatMode = 'hidden' | 'builtin' | 'offline' | 'external';

export function chatMode(setup: ChatSetup): ChatMode {
  const { chat } = setup.portal;
  const { availability } = setup;
  if (!chat.enabled || chat.provider === 'none') return 'hidden';
  if (!availability.available && (availability.reason === 'disabled' || availability.reason === 'not-eligible')) {
    return 'hidden';
  }
  if (isExternalProvider(chat.provider)) {
    // The provider answers for itself when its agents are away.
    return externalChatOptions(chat) ? 'external' : 'hidden';
  }
  return availability.available ? 'builtin' : 'offline';
}

/** The `reason` of `portico-chat-availability`: why the launcher hides its Chat tab, or shows it offline. */
export function availabilityReason(mode: ChatMode, setup: ChatSetup): 'not-eligible' | 'disabled' | 'offline' | null {
  if (mode === 'hidden') return setup.availability.reason === 'not-eligible' ? 'not-eligible' : 'disabled';
  return mode === 'offline' ? 'offline' : null;
}

/** A chat provider was chosen but cannot start without its ids: said once in the console for the site owner. */
export function isMisconfiguredProvider(setup: ChatSetup): boolean {
  return isExternalProvider(setup.portal.chat.provider) && !externalChatOptions(setup.portal.chat);
}
