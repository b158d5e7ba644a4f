import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { formatMinutes } from '../../core/format.js';
import { getLocale } from '../../core/i18n.js';
import { problemCodeText } from '../../core/problem-text.js';
import type { SessionExpiry } from '../../core/session.js';
import type { AuthLink } from '../../core/auth-link.js';
import type { PorticoServices } from '../../core/services.js';
import type { PortalSettings, Session } from '../../protocol/index.js';

/** Finishes a mailed link that needs no form: the session it starts, or null (a confirmed ticket). */
export async function redeemLink(services: PorticoServices, link: AuthLink): Promise<Session | null> {
  const { backend, config } = services;
  if (link.kind === 'verify') return backend.verifyEmail(link.token);
  if (link.kind === 'confirm') {
    await backend.confirmTicket(link.token);
    return null;
  }
  const session = await backend.signIn({ email: link.email, magicToken: link.token, mode: config.authMode });
  if (!session) throw new Error('The gateway accepted the sign-in link but returned no session');
  return session;
}

/** Why the person has to sign in again (the session ended by itself), or another notice. */
export function renderExpiry(expiry: SessionExpiry | null, notice: string | null = null) {
  if (notice) return html`<p class="notice" role="status">${notice}</p>`;
  if (!expiry) return nothing;
  const minutes = expiry.idleMinutes;
  const duration = minutes ? formatMinutes(minutes, getLocale()) : '';
  return html`<p class="notice" role="status">
    ${
      minutes
        ? msg(str`You were signed out after ${duration} of inactivity. Sign in again to continue.`, {
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
