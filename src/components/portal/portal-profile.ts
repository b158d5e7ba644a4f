import { PorticoPortalProfile } from './portal-profile.component.js';

export { PorticoPortalProfile };

PorticoPortalProfile.define('portico-portal-profile');

declare global {
  interface HTMLElementTagNameMap {
    'portico-portal-profile': PorticoPortalProfile;
  }
}
