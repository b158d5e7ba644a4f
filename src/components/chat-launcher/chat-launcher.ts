import { PorticoChatLauncher } from './chat-launcher.component.js';
// What the panel shows first; a ticket, New ticket, Chat and the account are
// fetched when opened (shared/lazy-elements.ts).
import '../sign-in/sign-in.js';
import '../ticket-list/ticket-list.js';

export { PorticoChatLauncher };
export type { LauncherView } from './chat-launcher.component.js';
PorticoChatLauncher.define('portico-chat-launcher');

declare global {
  interface HTMLElementTagNameMap {
    'portico-chat-launcher': PorticoChatLauncher;
  }
}
