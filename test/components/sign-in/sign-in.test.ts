import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import '../../../src/components/sign-in/sign-in.js';
import type { PorticoSignIn } from '../../../src/components/sign-in/sign-in.component.js';
import { setLocale } from '../../../src/core/i18n.js';
import type { PorticoServices } from '../../../src/core/services.js';
import { DEMO_PASSWORD } from '../../reference/fixtures.js';
import { mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';
import { activeContent, installSentinel, settle } from '../ticket-detail/hostile-content.js';

const shadow = (el: PorticoSignIn) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: PorticoSignIn, selector: string) =>
  shadow(el).querySelector<T>(selector);

function type(el: PorticoSignIn, selector: string, value: string) {
  const input = $<HTMLInputElement>(el, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function buttonNamed(el: PorticoSignIn, text: string): HTMLButtonElement {
  const button = [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

async function render(): Promise<PorticoSignIn> {
  const el = await fixture<PorticoSignIn>(html`<portico-sign-in></portico-sign-in>`);
  // The portal settings decide whether the magic-link button shows.
  await waitUntil(() => mockState.requests.some((r) => r.path === '/portal'), 'portal never asked');
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  await el.updateComplete;
  return el;
}

describe('<portico-sign-in>', () => {
  let services: PorticoServices;

  beforeEach(async () => {
    services = await useMockServices({ as: null });
  });

  it('labels its fields for password managers and assistive technology', async () => {
    const el = await render();
    const email = $<HTMLInputElement>(el, 'input[name="email"]')!;
    const password = $<HTMLInputElement>(el, 'input[name="password"]')!;
    expect(email.type).to.equal('email');
    expect(email.autocomplete).to.equal('username');
    expect(password.type).to.equal('password');
    expect(password.autocomplete).to.equal('current-password');
    expect($(el, `label[for="${email.id}"]`)!.textContent!.trim()).to.equal('Email address');
    expect($(el, `label[for="${password.id}"]`)!.textContent!.trim()).to.equal('Password');
    expect($(el, 'h2')!.textContent).to.equal('Sign in');
    await expect(el).to.be.accessible();
  });

  it('shows a wrong password in the alert region, moves focus there and keeps the input', async () => {
    const el = await render();
    type(el, 'input[name="email"]', 'carol@acme.example');
    type(el, 'input[name="password"]', 'not-the-password');
    buttonNamed(el, 'Sign in').click();
    await waitUntil(() => $(el, '[role="alert"]')!.textContent!.trim() !== '', 'no error shown');
    await el.updateComplete;
    const alert = $(el, '[role="alert"]')!;
    expect(alert.textContent).to.contain('email address or password is not right');
    expect(shadow(el).activeElement === alert, 'focus is not where expected').to.be.true;
    expect($<HTMLInputElement>(el, 'input[name="email"]')!.value).to.equal('carol@acme.example');
    expect($<HTMLInputElement>(el, 'input[name="password"]')!.value).to.equal('not-the-password');
    expect(services.session.signedIn).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('asks for the e-mail address before calling the gateway', async () => {
    const el = await render();
    buttonNamed(el, 'Sign in').click();
    await el.updateComplete;
    expect($(el, '[role="alert"]')!.textContent).to.contain('Enter your email address');
    expect($(el, 'input[name="email"]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(mockState.requests.filter((r) => r.path === '/session' && r.method === 'POST')).to.have.length(0);
  });

  it('signs in: sets the shared session and emits portico-signed-in with the user id', async () => {
    const el = await render();
    type(el, 'input[name="email"]', 'carol@acme.example');
    type(el, 'input[name="password"]', DEMO_PASSWORD);
    const event = oneEvent(el, 'portico-signed-in');
    buttonNamed(el, 'Sign in').click();
    const { detail, bubbles, composed } = await event;
    expect(detail).to.deep.equal({ userId: 'u-carol' });
    expect(bubbles && composed).to.be.true;
    expect(services.session.session?.user.email).to.equal('carol@acme.example');
    // On its own on a page, it then says who is signed in instead of showing the form again.
    await waitUntil(() => !$(el, 'form'), 'the form stayed after signing in');
    expect(shadow(el).textContent).to.contain('Signed in as Carol');
  });

  it('shows a pending state while signing in', async () => {
    const el = await render();
    mockState.delayMs = 300;
    type(el, 'input[name="email"]', 'carol@acme.example');
    type(el, 'input[name="password"]', DEMO_PASSWORD);
    buttonNamed(el, 'Sign in').click();
    await el.updateComplete;
    const submit = $<HTMLButtonElement>(el, '[part~="submit"]')!;
    expect(submit.textContent!.trim()).to.equal('Signing in…');
    expect(submit.disabled).to.be.true;
    expect($(el, 'form')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await waitUntil(() => services.session.signedIn, 'never signed in');
  });

  it('sends a magic link and says to check the inbox', async () => {
    const el = await render();
    type(el, 'input[name="email"]', 'dave@acme.example');
    buttonNamed(el, 'Email me a sign-in link').click();
    await waitUntil(() => $(el, 'h2')!.textContent === 'Check your inbox', 'no confirmation');
    expect(shadow(el).textContent).to.contain('dave@acme.example');
    const request = mockState.requests.find((r) => r.path === '/session' && r.method === 'POST');
    expect(request).to.exist;
    expect(shadow(el).activeElement === $(el, 'h2'), 'focus is not where expected').to.be.true;
    await expect(el).to.be.accessible();
    buttonNamed(el, 'Back to sign in').click();
    await el.updateComplete;
    expect($(el, 'h2')!.textContent).to.equal('Sign in');
    expect($<HTMLInputElement>(el, 'input[name="email"]')!.value).to.equal('dave@acme.example');
  });

  it('offers no magic link where the portal does not', async () => {
    mockState.portal.loginMethods = ['password'];
    const el = await render();
    expect([...shadow(el).querySelectorAll('button')].map((b) => b.textContent!.trim())).not.to.include(
      'Email me a sign-in link',
    );
  });

  it('requests a password reset and confirms it', async () => {
    const el = await render();
    type(el, 'input[name="email"]', 'carol@acme.example');
    buttonNamed(el, 'Forgot password?').click();
    await el.updateComplete;
    expect($(el, 'h2')!.textContent).to.equal('Reset your password');
    expect(shadow(el).activeElement === $(el, 'h2'), 'focus is not where expected').to.be.true;
    // The address typed on the sign-in view carries over.
    expect($<HTMLInputElement>(el, 'input[name="email"]')!.value).to.equal('carol@acme.example');
    await expect(el).to.be.accessible();
    buttonNamed(el, 'Send reset link').click();
    await waitUntil(() => $(el, 'h2')!.textContent === 'Check your inbox', 'no confirmation');
    expect(mockState.requests.some((r) => r.path === '/password-reset' && r.method === 'POST')).to.be.true;
    expect(shadow(el).textContent).to.contain('choose a new password');
    await expect(el).to.be.accessible();
  });

  it('tells the user when the helpdesk cannot be reached', async () => {
    const el = await render();
    mockState.offline = true;
    type(el, 'input[name="email"]', 'carol@acme.example');
    type(el, 'input[name="password"]', DEMO_PASSWORD);
    buttonNamed(el, 'Sign in').click();
    await waitUntil(() => $(el, '[role="alert"]')!.textContent!.trim() !== '', 'no error shown');
    expect($(el, '[role="alert"]')!.textContent).to.contain('cannot be reached');
    expect($<HTMLInputElement>(el, 'input[name="password"]')!.value).to.equal(DEMO_PASSWORD);
  });

  it('shows a hostile e-mail address as text only', async () => {
    const sentinel = installSentinel();
    try {
      const el = await render();
      const hostile = '<img/src=x/onerror=window.__pwned()>@x.example';
      type(el, 'input[name="email"]', hostile);
      buttonNamed(el, 'Email me a sign-in link').click();
      // The e-mail rule refuses the markup characters, so the address never leaves the browser.
      await waitUntil(() => $(el, '[role="alert"]')?.textContent?.includes('name@example.com'), 'no refusal');
      await settle();
      expect($<HTMLInputElement>(el, 'input[name="email"]')!.value).to.equal(hostile);
      expect(shadow(el).querySelector('img') === null, "unexpected shadow(el).querySelector('img')").to.be.true;
      expect(activeContent(shadow(el))).to.deep.equal([]);
      expect(sentinel.calls).to.equal(0);
    } finally {
      sentinel.restore();
    }
  });

  it('renders Dutch when the locale is nl', async () => {
    const el = await render();
    try {
      await setLocale('nl');
      await el.updateComplete;
      expect($(el, 'h2')!.textContent).to.equal('Inloggen');
      expect($(el, 'label[for="sign-in-email"]')!.textContent!.trim()).to.equal('E-mailadres');
      expect(buttonNamed(el, 'Stuur mij een inloglink')).to.exist;
      buttonNamed(el, 'Inloggen').click();
      await el.updateComplete;
      expect($(el, '[role="alert"]')!.textContent).to.contain('Vul je e-mailadres in');
    } finally {
      await setLocale('en');
    }
  });
});
