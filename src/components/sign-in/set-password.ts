import { PorticoSetPassword } from './set-password.component.js';

export { PorticoSetPassword };
PorticoSetPassword.define('portico-set-password');

declare global {
  interface HTMLElementTagNameMap {
    'portico-set-password': PorticoSetPassword;
  }
}
