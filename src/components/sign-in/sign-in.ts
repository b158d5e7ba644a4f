import { PorticoSignIn } from './sign-in.component.js';

export { PorticoSignIn };
PorticoSignIn.define('portico-sign-in');

declare global {
  interface HTMLElementTagNameMap {
    'portico-sign-in': PorticoSignIn;
  }
}
