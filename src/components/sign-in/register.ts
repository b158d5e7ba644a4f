import { PorticoRegister } from './register.component.js';

export { PorticoRegister };
PorticoRegister.define('portico-register');

declare global {
  interface HTMLElementTagNameMap {
    'portico-register': PorticoRegister;
  }
}
