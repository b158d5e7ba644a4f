import { PorticoElement } from '../shared/portico-element.js';
import { PorticoProvider } from './provider.component.js';

export { PorticoProvider };
PorticoElement.define('portico-provider', PorticoProvider);

declare global {
  interface HTMLElementTagNameMap {
    'portico-provider': PorticoProvider;
  }
}
