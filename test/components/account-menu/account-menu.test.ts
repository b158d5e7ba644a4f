import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/chat-launcher/chat-launcher.js';
import '../../../src/components/portal/portal.js';
import type { PorticoChatLauncher } from '../../../src/components/chat-launcher/chat-launcher.component.js';
import type { PorticoAccountMenu } from '../../../src/components/account-menu/account-menu.component.js';
import { CONSENT_OPEN_EVENT } from '../../../src/core/consent.js';
import { getLocale, setLocale } from '../../../src/core/i18n.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { useMockServices } from '../../mocks/services.js';
import { mockState } from '../../reference/handlers.js';

const shadow = (el: Element) => el.shadowRoot!;

async function openLauncher(): Promise<{ el: PorticoChatLauncher; menu: PorticoAccountMenu }> {
  const el = await fixture<PorticoChatLauncher>(html`<portico-chat-launcher></portico-chat-launcher>`);
  await el.show();
  let menu: PorticoAccountMenu | null = null;
  await waitUntil(() => {
    menu = shadow(el).querySelector('portico-account-menu');
    return !!menu?.shadowRoot?.querySelector('.trigger');
  }, 'the account menu never showed');
  return { el, menu: menu! };
}

const trigger = (menu: PorticoAccountMenu) => shadow(menu).querySelector<HTMLButtonElement>('.trigger')!;
const items = (menu: PorticoAccountMenu) => [...shadow(menu).querySelectorAll<HTMLElement>('[role^="menuitem"]')];
const item = (menu: PorticoAccountMenu, text: string) => {
  const found = items(menu).find((i) => i.textContent!.trim().endsWith(text));
  if (!found) throw new Error(`no menu item "${text}"`);
  return found;
};

describe('<portico-account-menu> in the launcher', () => {
  let services: PorticoServices;

  beforeEach(async () => {
    services = await useMockServices({ as: 'carol' });
    await setLocale('en');
  });

  afterEach(async () => {
    await setLocale('en');
  });

  it('is a menu button naming who is signed in, with profile, password, language and sign-out', async () => {
    const { menu } = await openLauncher();
    expect(trigger(menu).getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger(menu).textContent).to.contain('Account');
    await expect(menu).to.be.accessible();

    trigger(menu).click();
    await menu.updateComplete;
    expect(trigger(menu).getAttribute('aria-expanded')).to.equal('true');
    const text = shadow(menu).querySelector('[role="menu"]')!.textContent!;
    expect(text).to.contain(services.session.session!.user.name);
    expect(text).to.contain('carol@acme.example');
    await waitUntil(() => items(menu).some((i) => i.textContent!.includes('Nederlands')), 'no languages');
    const labels = items(menu).map((i) => i.textContent!.trim());
    expect(labels).to.include.members(['Profile', 'Change password', 'Sign out']);
    expect(labels, 'no analytics, no cookie settings').to.not.include('Cookie settings');
    expect(labels.some((l) => l.includes('Nederlands'))).to.be.true;
    expect(shadow(menu).activeElement).to.equal(items(menu)[0]);
    await expect(menu).to.be.accessible();
  });

  it('moves with the arrow keys; Esc closes the menu, not the panel, and returns focus', async () => {
    const { el, menu } = await openLauncher();
    trigger(menu).focus();
    await sendKeys({ press: 'ArrowDown' });
    await menu.updateComplete;
    expect(shadow(menu).activeElement).to.equal(items(menu)[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(shadow(menu).activeElement).to.equal(items(menu)[1]);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(shadow(menu).activeElement).to.equal(items(menu).at(-1));
    await sendKeys({ press: 'Escape' });
    await menu.updateComplete;
    await menu.updateComplete;
    expect(shadow(menu).querySelector('[role="menu"]')).to.equal(null);
    expect(el.open, 'the panel stays open').to.be.true;
    expect(shadow(menu).activeElement).to.equal(trigger(menu));
  });

  it('Change password shows the profile at its password form; Back returns to the tickets', async () => {
    const { el, menu } = await openLauncher();
    trigger(menu).click();
    await menu.updateComplete;
    item(menu, 'Change password').click();
    let profile: Element | null = null;
    await waitUntil(() => {
      profile = shadow(el).querySelector('portico-portal-profile');
      return profile?.shadowRoot?.activeElement?.id === 'password-current';
    }, 'focus never reached the current-password field');
    await expect(el).to.be.accessible();
    [...shadow(el).querySelectorAll<HTMLButtonElement>('.account > button')]
      .find((b) => b.textContent!.includes('Back'))!
      .click();
    await waitUntil(() => shadow(el).querySelector('portico-ticket-list'), 'no ticket list after Back');
  });

  it('switches the language and remembers it on the account', async () => {
    const { menu } = await openLauncher();
    trigger(menu).click();
    // The languages come with the portal settings.
    await waitUntil(() => items(menu).some((i) => i.textContent!.includes('Nederlands')), 'no languages');
    item(menu, 'Nederlands').click();
    await waitUntil(() => getLocale() === 'nl', 'the page never switched to Dutch');
    await waitUntil(() => mockState.users.find((u) => u.id === 'u-carol')!.locale === 'nl', 'locale not saved');
    await waitUntil(() => trigger(menu).textContent!.includes('Account'), 'menu label');
  });

  it('offers Cookie settings where the portal sets analytics cookies, and it opens the consent banner', async () => {
    mockState.portal = {
      ...mockState.portal,
      analytics: { ...mockState.portal.analytics, ga4MeasurementId: 'G-TEST123' },
    };
    const { menu } = await openLauncher();
    trigger(menu).click();
    await menu.updateComplete;
    // The portal's settings reach the menu a moment after it shows.
    await waitUntil(() => items(menu).some((i) => i.textContent!.includes('Cookie settings')), 'no Cookie settings');
    const asked = oneEvent(globalThis as unknown as HTMLElement, CONSENT_OPEN_EVENT);
    item(menu, 'Cookie settings').click();
    await asked;
    await menu.updateComplete;
    expect(trigger(menu).getAttribute('aria-expanded')).to.equal('false');
  });

  it('signs out: the event reaches the page and the panel shows the sign-in form', async () => {
    const { el, menu } = await openLauncher();
    trigger(menu).click();
    await menu.updateComplete;
    const signedOut = oneEvent(document, 'portico-signed-out');
    item(menu, 'Sign out').click();
    await signedOut;
    expect(services.session.signedIn).to.be.false;
    await waitUntil(() => shadow(el).querySelector('portico-sign-in'), 'no sign-in form after sign-out');
    expect(shadow(el).querySelector('portico-account-menu')).to.equal(null);
    expect(mockState.cookieSession).to.equal(null);
  });
});
