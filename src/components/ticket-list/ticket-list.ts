import { PorticoTicketList } from './ticket-list.component.js';
// Rendered in place of the list when nobody is signed in.
import '../sign-in/sign-in.js';

export { PorticoTicketList };
PorticoTicketList.define('portico-ticket-list');

declare global {
  interface HTMLElementTagNameMap {
    'portico-ticket-list': PorticoTicketList;
  }
}
