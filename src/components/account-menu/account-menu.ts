import { PorticoAccountMenu } from './account-menu.component.js';

export { PorticoAccountMenu };
export type { AccountSection } from './account-menu.component.js';
PorticoAccountMenu.define('portico-account-menu');

declare global {
  interface HTMLElementTagNameMap {
    'portico-account-menu': PorticoAccountMenu;
  }
}
