import { PorticoConsentBanner } from './consent-banner.component.js';

export { PorticoConsentBanner };
PorticoConsentBanner.define('portico-consent-banner');

declare global {
  interface HTMLElementTagNameMap {
    'portico-consent-banner': PorticoConsentBanner;
  }
}
