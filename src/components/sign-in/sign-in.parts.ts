import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { problemCodeText } from '../../core/problem-text.js';
import type { SessionExpiry } from '../../core/session.js';
import type { PortalSettings } from '../../protocol/index.js';

/** Why the person has to sign in again, when the session ended by itself. */
export function renderExpiry(expiry: SessionExpiry | null) {
  if (!expiry) return nothing;
  const minutes = expiry.idleMinutes;
  return html`<p class="notice" role="status">
    ${
      minutes
        ? msg(str`You were signed out after ${minutes} minutes of inactivity. Sign in again to continue.`, {
            id: 'signIn.expired.idle',
          })
        : problemCodeText('session-expired')
    }
  </p>`;
}

/** "New here? Create an account", where the portal lets people sign up. */
export function renderRegisterOffer(portal: PortalSettings | null, busy: boolean, open: () => void) {
  if (!portal?.registration.enabled || portal.capabilities?.registration === false) return nothing;
  return html`<p class="register-offer">
    ${msg('New here?', { id: 'signIn.register.question' })}
    <button class="link" type="button" ?disabled=${busy} @click=${open}>
      ${msg('Create an account', { id: 'signIn.register.open' })}
    </button>
  </p>`;
}
