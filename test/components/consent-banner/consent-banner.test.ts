import { expect, fixture, html, oneEvent, aTimeout } from '@open-wc/testing';
import { waitUntil } from '../../helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { Task } from '@lit/task';
import '../../../src/components/consent-banner/consent-banner.js';
import type { PorticoConsentBanner } from '../../../src/components/consent-banner/consent-banner.component.js';
import {
  consentStorageKey,
  getConsentDecision,
  hasAnalyticsConsent,
  mountConsentBanner,
  onConsentChange,
  openConsentBanner,
  resetConsentStateForTests,
  type ConsentDecision,
} from '../../../src/core/consent.js';
import { setLocale } from '../../../src/core/i18n.js';
import { worker } from '../../mocks/browser.js';
import { BASE, mockState } from '../../reference/handlers.js';
import { useMockServices } from '../../mocks/services.js';

const GA_ID = 'G-TEST12345';
const ANALYTICS_HOSTS = /^https:\/\/(www\.)?(googletagmanager|google-analytics)\.com\//;

type GtagWindow = Window & { gtag?: (...args: unknown[]) => void; dataLayer?: unknown[]; [k: string]: unknown };
const w = window as unknown as GtagWindow;

/** Every request the page made to an analytics host, as msw saw it. */
let analyticsRequests: string[] = [];

function gtagScripts(): HTMLScriptElement[] {
  return [...document.querySelectorAll<HTMLScriptElement>('script')].filter((s) =>
    s.src.includes('googletagmanager.com'),
  );
}

function region(el: PorticoConsentBanner): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>('[role="region"]');
}

function button(el: PorticoConsentBanner, which: 'accept' | 'reject'): HTMLButtonElement {
  return el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${which}"]`)!;
}

async function mount(): Promise<PorticoConsentBanner> {
  const el = await fixture<PorticoConsentBanner>(html`<portico-consent-banner></portico-consent-banner>`);
  await settled(el);
  return el;
}

/** Until the portal settings answered: the banner has either shown itself or decided not to. */
async function settled(el: PorticoConsentBanner): Promise<void> {
  const task = (el as unknown as { portalTask: Task<unknown[], unknown> }).portalTask;
  await el.updateComplete;
  await task.taskComplete.catch(() => undefined);
  await el.updateComplete;
}

/** What a page reload would forget: page-wide state and whatever gtag the page had. */
function simulateReload(): void {
  resetConsentStateForTests();
  delete w.gtag;
  delete w.dataLayer;
  for (const s of gtagScripts()) s.remove();
  for (const key of Object.keys(w)) if (key.startsWith('ga-disable-')) delete w[key];
  for (const el of document.querySelectorAll('portico-consent-banner')) el.remove();
}

/** A reload also starts a new protocol client (which caches the portal settings). */
async function reload(): Promise<void> {
  simulateReload();
  await useMockServices({ as: 'carol', config: { nonce: 'config-nonce' }, reset: false });
}

describe('<portico-consent-banner>', () => {
  beforeEach(async () => {
    await setLocale('en');
    for (const key of Object.keys(localStorage)) if (key.startsWith('portico:consent:')) localStorage.removeItem(key);
    simulateReload();
    await useMockServices({ as: 'carol', config: { nonce: 'config-nonce' } });
    mockState.portal.analytics = {
      ga4MeasurementId: GA_ID,
      privacyPolicyUrl: 'https://www.example.com/privacy',
      consentVersion: 'v1',
      showLogoInBanner: true,
    };
    analyticsRequests = [];
    worker.use(
      http.all(ANALYTICS_HOSTS, ({ request }) => {
        analyticsRequests.push(request.url);
        return new HttpResponse('window.__gtagJsRan = (window.__gtagJsRan || 0) + 1;', {
          headers: { 'Content-Type': 'text/javascript' },
        });
      }),
    );
  });

  afterEach(() => {
    worker.resetHandlers();
    simulateReload();
    for (const s of document.querySelectorAll('script[data-test-portico-tag]')) s.remove();
  });

  it('shows a labelled region with the text, privacy link, logo and two choices when GA4 is configured', async () => {
    const el = await mount();
    const r = region(el);
    expect(r, 'banner shown').to.exist;
    expect(r!.getAttribute('aria-label')).to.equal('Cookie consent');
    expect(r!.getAttribute('aria-modal')).to.equal(null);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="privacy-link"]')!;
    expect(link.href).to.equal('https://www.example.com/privacy');
    expect(link.rel).to.contain('noopener');
    const logo = el.shadowRoot!.querySelector<HTMLImageElement>('[part="logo"]')!;
    expect(logo.getAttribute('src')).to.equal(mockState.portal.logoUrl);
    expect(logo.alt).to.equal('Acme Support');
    expect(button(el, 'accept').textContent!.trim()).to.equal('Allow analytics');
    expect(button(el, 'reject').textContent!.trim()).to.equal('Reject analytics');
    await expect(el).to.be.accessible();
  });

  it('hides the logo unless the portal asks for it', async () => {
    mockState.portal.analytics.showLogoInBanner = false;
    const el = await mount();
    expect(region(el)).to.exist;
    expect(el.shadowRoot!.querySelector('[part="logo"]')).to.equal(null);
  });

  it('stays away when there is nothing to consent to (no GA4 id, no gtag on the page)', async () => {
    mockState.portal.analytics.ga4MeasurementId = null;
    const el = await mount();
    expect(region(el)).to.equal(null);
  });

  it('shows when the host page runs gtag, even without a GA4 id', async () => {
    mockState.portal.analytics.ga4MeasurementId = null;
    w.gtag = () => undefined;
    const el = await mount();
    expect(region(el)).to.exist;
  });

  it('sends nothing to analytics hosts before Accept', async () => {
    const before = performance.getEntriesByType('resource').length;
    const el = await mount();
    expect(region(el)).to.exist;
    await aTimeout(200);
    expect(analyticsRequests).to.deep.equal([]);
    expect(gtagScripts()).to.have.length(0);
    expect(w.gtag, 'no gtag defined').to.equal(undefined);
    const analyticsResources = performance
      .getEntriesByType('resource')
      .slice(before)
      .filter((e) => ANALYTICS_HOSTS.test(e.name));
    expect(analyticsResources).to.have.length(0);
    expect(hasAnalyticsConsent()).to.equal(false);
  });

  it('Accept loads gtag.js once with the configured nonce, consent defaults before config, and emits portico-consent-change', async () => {
    const el = await mount();
    setTimeout(() => button(el, 'accept').click());
    const event = await oneEvent(el, 'portico-consent-change');
    expect(event.detail).to.deep.equal({ analytics: true, version: 'v1' });
    expect(event.bubbles && event.composed).to.equal(true);

    const scripts = gtagScripts();
    expect(scripts).to.have.length(1);
    expect(scripts[0].src).to.equal(`https://www.googletagmanager.com/gtag/js?id=${GA_ID}`);
    expect(scripts[0].nonce).to.equal('config-nonce');
    await waitUntil(() => analyticsRequests.length === 1, 'gtag.js fetched');
    expect(analyticsRequests[0]).to.contain(`id=${GA_ID}`);

    const calls = (w.dataLayer ?? []).map((args) => Array.from(args as ArrayLike<unknown>));
    const consentDefault = calls.findIndex((c) => c[0] === 'consent' && c[1] === 'default');
    const config = calls.findIndex((c) => c[0] === 'config' && c[1] === GA_ID);
    expect(consentDefault).to.be.greaterThan(-1);
    expect(config).to.be.greaterThan(consentDefault);
    expect(calls[consentDefault][2]).to.include({ analytics_storage: 'granted', ad_storage: 'denied' });

    expect(region(el), 'banner gone').to.equal(null);
    expect(hasAnalyticsConsent()).to.equal(true);
    const stored = JSON.parse(localStorage.getItem(consentStorageKey(BASE))!) as ConsentDecision;
    expect(stored).to.include({ analytics: true, version: 'v1' });
    await expect(el).to.be.accessible();
  });

  it('passes on the nonce of the script tag that loaded Portico when the config has none', async () => {
    await useMockServices({ as: 'carol', config: { nonce: null }, reset: false });
    const tag = document.createElement('script');
    tag.type = 'text/plain';
    tag.dataset.backend = BASE;
    tag.dataset.testPorticoTag = '';
    tag.nonce = 'tag-nonce';
    document.head.append(tag);
    const el = await mount();
    button(el, 'accept').click();
    await waitUntil(() => gtagScripts().length === 1);
    expect(gtagScripts()[0].nonce).to.equal('tag-nonce');
  });

  it('Reject stores the refusal, loads nothing and emits analytics: false', async () => {
    const el = await mount();
    setTimeout(() => button(el, 'reject').click());
    const event = await oneEvent(el, 'portico-consent-change');
    expect(event.detail).to.deep.equal({ analytics: false, version: 'v1' });
    await aTimeout(200);
    expect(analyticsRequests).to.deep.equal([]);
    expect(gtagScripts()).to.have.length(0);
    expect(getConsentDecision()).to.include({ analytics: false, version: 'v1' });
    expect(hasAnalyticsConsent()).to.equal(false);
    expect(region(el)).to.equal(null);
  });

  it('does not ask again after a reload, and applies the stored Accept at once', async () => {
    const first = await mount();
    button(first, 'accept').click();
    await waitUntil(() => analyticsRequests.length === 1);

    await reload();
    analyticsRequests = [];
    const second = await mount();
    expect(region(second), 'not asked again').to.equal(null);
    // The stored Accept applies on the new page: gtag.js loads without a click.
    await waitUntil(() => gtagScripts().length === 1, 'gtag loaded from the stored decision');
  });

  it('does not ask again after a stored Reject, and still loads nothing', async () => {
    const first = await mount();
    button(first, 'reject').click();
    await reload();
    const second = await mount();
    expect(region(second)).to.equal(null);
    await aTimeout(150);
    expect(analyticsRequests).to.deep.equal([]);
  });

  it('asks again when the consent version is bumped', async () => {
    const first = await mount();
    button(first, 'reject').click();
    await reload();
    mockState.portal.analytics.consentVersion = 'v2';
    const second = await mount();
    expect(region(second), 'asked again for v2').to.exist;
    expect(getConsentDecision()).to.equal(null);
  });

  it('keeps decisions apart per backend (site)', () => {
    expect(consentStorageKey(BASE)).to.match(/^portico:consent:[a-z0-9]+$/);
    expect(consentStorageKey(BASE)).not.to.equal(consentStorageKey('https://other.example/portico/v1'));
    expect(consentStorageKey(BASE)).not.to.contain('portico-mock');
  });

  it("sends Consent Mode v2 updates to the host's gtag and loads no gtag.js of its own", async () => {
    const calls: unknown[][] = [];
    w.gtag = (...args: unknown[]) => calls.push(args);
    const el = await mount();
    button(el, 'accept').click();
    expect(calls).to.deep.include([
      'consent',
      'update',
      { analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' },
    ]);
    expect(gtagScripts()).to.have.length(0);

    openConsentBanner();
    await el.updateComplete;
    button(el, 'reject').click();
    expect(calls.at(-1)).to.deep.equal([
      'consent',
      'update',
      { analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' },
    ]);
    await aTimeout(100);
    expect(analyticsRequests).to.deep.equal([]);
  });

  it('openConsentBanner() reopens the banner with focus in it, shows the current choice, and a change is stored', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'Cookie settings';
    document.body.append(opener);
    try {
      const el = await mount();
      button(el, 'accept').click();
      await el.updateComplete;
      expect(region(el)).to.equal(null);

      opener.focus();
      openConsentBanner();
      await el.updateComplete;
      expect(region(el), 'reopened').to.exist;
      expect(el.shadowRoot!.activeElement === region(el), 'focus in the banner').to.equal(true);
      expect(el.shadowRoot!.querySelector('[part="current"]')!.textContent).to.contain('allowed');
      await expect(el).to.be.accessible();

      const seen: Array<ConsentDecision | null> = [];
      const off = onConsentChange((d) => seen.push(d));
      button(el, 'reject').click();
      off();
      expect(seen.map((d) => d?.analytics)).to.deep.equal([false]);
      expect(hasAnalyticsConsent()).to.equal(false);
      expect(w[`ga-disable-${GA_ID}`]).to.equal(true);
      expect(document.activeElement === opener, 'focus back on the opener').to.equal(true);
    } finally {
      opener.remove();
    }
  });

  it('openConsentBanner() mounts a banner when the page has none', async () => {
    expect(document.querySelector('portico-consent-banner')).to.equal(null);
    const first = await mount();
    button(first, 'reject').click();
    first.remove();

    openConsentBanner();
    const mounted = document.querySelector('portico-consent-banner') as PorticoConsentBanner;
    expect(mounted).to.exist;
    await waitUntil(() => region(mounted), 'mounted banner shows');
    expect(mounted.shadowRoot!.querySelector('[part="current"]')!.textContent).to.contain('refused');
    button(mounted, 'accept').click();
    expect(hasAnalyticsConsent()).to.equal(true);
  });

  it('mountConsentBanner() adds one banner for the script-tag page, which asks only when needed', async () => {
    const banner = mountConsentBanner() as PorticoConsentBanner;
    expect(mountConsentBanner(), 'never a second one').to.equal(banner);
    expect(document.querySelectorAll('portico-consent-banner')).to.have.length(1);
    await settled(banner);
    expect(region(banner)).to.exist;
    button(banner, 'reject').click();
    await reload();
    const again = mountConsentBanner() as PorticoConsentBanner;
    await settled(again);
    expect(region(again), 'decided already').to.equal(null);
  });

  it('Escape closes a reopened banner without changing the decision', async () => {
    const el = await mount();
    button(el, 'reject').click();
    openConsentBanner();
    await el.updateComplete;
    button(el, 'accept').focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(region(el)).to.equal(null);
    expect(getConsentDecision()).to.include({ analytics: false });
  });

  it('gives Accept and Reject the same size and weight', async () => {
    const el = await mount();
    const a = button(el, 'accept');
    const r = button(el, 'reject');
    const ra = a.getBoundingClientRect();
    const rr = r.getBoundingClientRect();
    expect(Math.abs(ra.width - rr.width)).to.be.lessThan(1);
    expect(Math.abs(ra.height - rr.height)).to.be.lessThan(1);
    expect(ra.height).to.be.at.least(24);
    const sa = getComputedStyle(a);
    const sr = getComputedStyle(r);
    for (const prop of [
      'font-weight',
      'font-size',
      'background-color',
      'color',
      'border-top-width',
      'border-top-color',
    ]) {
      expect(sa.getPropertyValue(prop), prop).to.equal(sr.getPropertyValue(prop));
    }
  });

  it('is reachable by keyboard without trapping focus', async () => {
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.prepend(before);
    try {
      const el = await mount();
      before.focus();
      await sendKeys({ press: 'Tab' });
      // The fixture sits after `before`: Tab enters the banner's privacy link, then the two buttons.
      expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('privacy-link');
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === button(el, 'reject'), 'on Reject').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === button(el, 'accept'), 'on Accept').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement === null, 'focus leaves the banner').to.equal(true);
      await sendKeys({ press: 'Shift+Tab' });
      expect(el.shadowRoot!.activeElement === button(el, 'accept'), 'on Accept').to.equal(true);
      await sendKeys({ press: 'Enter' });
      expect(hasAnalyticsConsent()).to.equal(true);
    } finally {
      before.remove();
    }
  });

  it('is accessible while loading and when the settings cannot be loaded', async () => {
    mockState.delayMs = 400;
    openConsentBanner();
    const el = document.querySelector('portico-consent-banner') as PorticoConsentBanner;
    await el.updateComplete;
    expect(region(el)!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await reload();

    mockState.delayMs = 0;
    worker.use(http.get(`${BASE}/portal`, () => HttpResponse.json({ title: 'down', status: 503 }, { status: 503 })));
    openConsentBanner();
    const failing = document.querySelector('portico-consent-banner') as PorticoConsentBanner;
    await waitUntil(() => failing.shadowRoot!.querySelector('[role="alert"]'), 'error shown');
    await expect(failing).to.be.accessible();
  });

  it('speaks Dutch after a locale switch', async () => {
    const el = await mount();
    await setLocale('nl');
    await el.updateComplete;
    expect(button(el, 'accept').textContent!.trim()).to.equal('Analytics toestaan');
    expect(button(el, 'reject').textContent!.trim()).to.equal('Analytics weigeren');
    expect(region(el)!.getAttribute('aria-label')).to.equal('Cookietoestemming');
    await expect(el).to.be.accessible();
  });
});
