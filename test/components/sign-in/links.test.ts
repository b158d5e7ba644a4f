import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/sign-in/sign-in.js';
import type { PorticoSignIn } from '../../../src/components/sign-in/sign-in.component.js';
import { setPendingAuthLink, takeAuthLinkFromUrl } from '../../../src/core/auth-link.js';
import { setLocale } from '../../../src/core/i18n.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { mailedToken, mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';

/** Text of the element's shadow root and the shadow roots of the views it holds. */
function deepText(el: Element): string {
  const root = el.shadowRoot;
  if (!root) return el.textContent ?? '';
  const inner = [...root.querySelectorAll('*')].filter((n) => n.shadowRoot).map(deepText);
  return `${root.textContent} ${inner.join(' ')}`.replace(/\s+/g, ' ');
}

/** The element whose shadow root holds a selector: the sign-in itself or a view inside it. */
function find<T extends Element>(el: Element, selector: string): T | null {
  const root = el.shadowRoot;
  if (!root) return null;
  const here = root.querySelector<T>(selector);
  if (here) return here;
  for (const child of root.querySelectorAll('*')) {
    const found = child.shadowRoot ? find<T>(child, selector) : null;
    if (found) return found;
  }
  return null;
}

function type(el: Element, selector: string, value: string) {
  const input = find<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function button(el: Element, text: string): HTMLButtonElement {
  const root = el.shadowRoot!;
  const all = [root, ...[...root.querySelectorAll('*')].flatMap((n) => (n.shadowRoot ? [n.shadowRoot] : []))];
  const found = all.flatMap((r) => [...r.querySelectorAll('button')]).find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

describe('<portico-sign-in> and mailed links', () => {
  let services: PorticoServices;

  beforeEach(async () => {
    services = await useMockServices({ as: null });
  });

  afterEach(async () => {
    setPendingAuthLink(null);
    await setLocale('en');
  });

  it('takes the token and the address out of the address bar', () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?keep=1&portico_magic=tok-123&email=carol%40acme.example#x`);
    const link = takeAuthLinkFromUrl();
    expect(link).to.deep.equal({ kind: 'magic', token: 'tok-123', email: 'carol@acme.example' });
    expect(location.search).to.equal('?keep=1');
    expect(location.hash).to.equal('#x');
    history.replaceState(null, '', before);
    expect(takeAuthLinkFromUrl()).to.equal(null);
  });

  it('signs in with a magic link and then shows who is signed in, not the form', async () => {
    setPendingAuthLink({ kind: 'magic', token: 'magic-u-carol', email: 'carol@acme.example' });
    const el = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
    const { detail } = await oneEvent(el, 'portico-signed-in');
    expect(detail.userId).to.equal('u-carol');
    await el.updateComplete;
    expect(services.session.signedIn).to.be.true;
    expect(find(el, 'form')).to.equal(null);
    expect(deepText(el)).to.contain('Signed in as Carol');
    await expect(el).to.be.accessible();
  });

  it('says a dead magic link expired and keeps the address for a new one', async () => {
    setPendingAuthLink({ kind: 'magic', token: 'magic-wrong', email: 'carol@acme.example' });
    const el = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
    await waitUntil(() => deepText(el).includes('expired or was used'), 'no dead-link message');
    expect(find<HTMLInputElement>(el, 'input[name="email"]')!.value).to.equal('carol@acme.example');
    expect(services.session.signedIn).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('a reset link asks for a new password with its rule, then signs in with it', async () => {
    setPendingAuthLink({ kind: 'reset', token: 'reset-u-dave', email: 'dave@acme.example' });
    const el = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
    await waitUntil(() => find(el, 'input[autocomplete="new-password"]'), 'no new-password field');
    expect(deepText(el)).to.contain('Choose a new password');
    expect(deepText(el)).to.contain('At least 8 characters.');
    await expect(el).to.be.accessible();

    type(el, 'input[name="password"]', 'short');
    button(el, 'Save password and sign in').click();
    await waitUntil(() => deepText(el).includes('must be at least 8 characters'), 'no rule message');
    expect(mockState.requests.some((r) => r.path === '/password-reset/confirm')).to.be.false;

    type(el, 'input[name="password"]', 'dave-new-password');
    button(el, 'Save password and sign in').click();
    const { detail } = await oneEvent(el, 'portico-signed-in');
    expect(detail.userId).to.equal('u-dave');
    expect(mockState.users.find((u) => u.id === 'u-dave')!.password).to.equal('dave-new-password');
  });

  it('a used reset link says so and offers to send a new one', async () => {
    mockState.usedTokens.add('reset-u-dave');
    setPendingAuthLink({ kind: 'reset', token: 'reset-u-dave', email: 'dave@acme.example' });
    const el = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
    await waitUntil(() => find(el, 'input[autocomplete="new-password"]'), 'no new-password field');
    type(el, 'input[name="password"]', 'dave-new-password');
    button(el, 'Save password and sign in').click();
    await waitUntil(() => deepText(el).includes('This link does not work any more'), 'no dead-link view');
    await expect(el).to.be.accessible();
    button(el, 'Send me a new link').click();
    await waitUntil(() => deepText(el).includes('Reset your password'), 'no reset request');
    expect(find<HTMLInputElement>(el, 'input[name="email"]')!.value).to.equal('dave@acme.example');
  });

  it('tells an idle timeout apart, in Dutch too', async () => {
    const signedIn = await useMockServices({ as: 'carol' });
    // The session said 30 minutes when it started; the last answer came 31 minutes ago.
    const session = signedIn.session.session!;
    signedIn.session.set(null);
    signedIn.session.set({ ...session, expiresAt: new Date(Date.now() + 30 * 60_000).toISOString() });
    signedIn.session.expire(Date.now() - 31 * 60_000);
    const el = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
    await el.updateComplete;
    expect(deepText(el)).to.contain('You were signed out after 30 minutes of inactivity.');
    await setLocale('nl');
    await el.updateComplete;
    expect(deepText(el)).to.contain('Je bent uitgelogd na 30 minuten zonder activiteit.');
    await expect(el).to.be.accessible();
  });

  it('registers with the consent text and its checkbox, then the mailed link signs in', async () => {
    const el = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
    await waitUntil(() => deepText(el).includes('Create an account'), 'no register offer');
    button(el, 'Create an account').click();
    await waitUntil(() => find(el, 'input[name="consent"]'), 'no register form');
    expect(deepText(el)).to.contain(
      'I agree that Acme Support stores my name and e-mail address to handle my requests.',
    );
    await expect(el).to.be.accessible();

    type(el, 'input[name="name"]', 'Nina New');
    type(el, 'input[name="email"]', 'nina@example.org');
    type(el, 'input[name="password"]', 'nina-password');
    button(el, 'Create account').click();
    await waitUntil(() => deepText(el).includes('Agree to continue'), 'consent not asked for');

    const consent = find<HTMLInputElement>(el, 'input[name="consent"]')!;
    consent.click();
    button(el, 'Create account').click();
    await waitUntil(() => deepText(el).includes('We have emailed a link to nina@example.org'), 'no check-your-inbox');
    // No account before the address is confirmed.
    expect(mockState.users.some((u) => u.email === 'nina@example.org')).to.be.false;
    await expect(el).to.be.accessible();

    // The mailed link: the account exists and is signed in.
    const token = mailedToken('nina@example.org', 'portico_verify');
    expect(token, 'a verification mail').to.be.a('string');
    setPendingAuthLink({ kind: 'verify', token: token!, email: '' });
    const landing = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
    const { detail } = await oneEvent(landing, 'portico-signed-in');
    expect(mockState.users.find((u) => u.id === detail.userId)!.email).to.equal('nina@example.org');
  });

  it('signs up in Dutch with the Dutch consent text, and the Dutch sign-up asks for that consent', async () => {
    await setLocale('nl');
    const el = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
    await waitUntil(() => deepText(el).includes('Account aanmaken'), 'no Dutch register offer');
    button(el, 'Account aanmaken').click();
    await waitUntil(() => find(el, 'input[name="consent"]'), 'no register form');
    expect(deepText(el)).to.contain(
      'Ik ga ermee akkoord dat Acme Support mijn naam en e-mailadres bewaart om mijn vragen af te handelen.',
    );
    expect(deepText(el)).not.to.contain('I agree that Acme Support');
    await expect(el).to.be.accessible();
    type(el, 'input[name="name"]', 'Noor Nieuw');
    type(el, 'input[name="email"]', 'noor@example.org');
    type(el, 'input[name="password"]', 'noor-wachtwoord');
    button(el, 'Account aanmaken').click();
    await waitUntil(() => deepText(el).includes('Ga akkoord om verder te gaan.'), 'consent not asked for');
    find<HTMLInputElement>(el, 'input[name="consent"]')!.click();
    button(el, 'Account aanmaken').click();
    await waitUntil(() => deepText(el).includes('noor@example.org'), 'no check-your-inbox');
    const portal = mockState.requests.filter((r) => r.path === '/portal').at(-1)!;
    expect(portal.headers['accept-language']).to.equal('nl');
  });
});
