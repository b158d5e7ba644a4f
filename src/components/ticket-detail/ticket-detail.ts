import { PorticoTicketDetail } from './ticket-detail.component.js';
// Rendered in place of the ticket when nobody is signed in.
import '../sign-in/sign-in.js';

export { PorticoTicketDetail };
PorticoTicketDetail.define('portico-ticket-detail');

declare global {
  interface HTMLElementTagNameMap {
    'portico-ticket-detail': PorticoTicketDetail;
  }
}
