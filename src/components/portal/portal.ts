import { PorticoPortal } from './portal.component.js';
import { PorticoPortalProfile } from './portal-profile.js';
// The views the portal shows; each defines itself once even if loaded twice.
import '../ticket-list/ticket-list.js';
import '../ticket-detail/ticket-detail.js';
import '../sign-in/sign-in.js';
import '../support-form/support-form.js';

export { PorticoPortal, PorticoPortalProfile };

PorticoPortal.define('portico-portal');

declare global {
  interface HTMLElementTagNameMap {
    'portico-portal': PorticoPortal;
  }
}
