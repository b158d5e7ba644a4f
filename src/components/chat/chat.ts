import { PorticoChat } from './chat.component.js';
import { PorticoChatOffline } from './chat-offline.component.js';
import { PorticoChatExternal } from './chat-external.component.js';

export { PorticoChat, PorticoChatOffline, PorticoChatExternal };

PorticoChatOffline.define('portico-chat-offline');
PorticoChatExternal.define('portico-chat-external');
PorticoChat.define('portico-chat');

declare global {
  interface HTMLElementTagNameMap {
    'portico-chat': PorticoChat;
    'portico-chat-offline': PorticoChatOffline;
    'portico-chat-external': PorticoChatExternal;
  }
}
