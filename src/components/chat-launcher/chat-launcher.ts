import { PorticoChatLauncher } from './chat-launcher.component.js';
// The views the launcher always offers. New ticket and Chat appear once
// <portico-support-form> / <portico-chat> are defined (import their files).
import '../sign-in/sign-in.js';
import '../ticket-list/ticket-list.js';
import '../ticket-detail/ticket-detail.js';

export { PorticoChatLauncher };
export type { LauncherView } from './chat-launcher.component.js';
PorticoChatLauncher.define('portico-chat-launcher');

declare global {
  interface HTMLElementTagNameMap {
    'portico-chat-launcher': PorticoChatLauncher;
  }
}
