import { PorticoKnowledge } from './knowledge.component.js';

export { PorticoKnowledge };
PorticoKnowledge.define('portico-knowledge');

declare global {
  interface HTMLElementTagNameMap {
    'portico-knowledge': PorticoKnowledge;
  }
}
