import { scriptUrlPolicy } from './trusted-types.js';

/**
 * Analytics consent (TOPdesk's SSP analytics; DESIGN §3 "Consent"). The
 * decision is stored per site — page origin + backend — and per consent
 * version, so bumping the version asks everyone again. Nothing is loaded from
 * an analytics host before an Accept. Where the host page runs gtag, Portico
 * only sends Consent Mode v2 updates; where the portal configures a GA4
 * measurement id and the page has no gtag, Portico loads gtag.js after Accept.
 *
 * State is kept on globalThis so a second copy of the bundle shares it.
 */

export interface ConsentDecision {
  analytics: boolean;
  version: string;
  /** ISO 8601 UTC. */
  decidedAt: string;
}

/** What the banner learns from `GET /portal` and the configuration. */
export interface ConsentSite {
  backend: string;
  version: string;
  ga4MeasurementId?: string | null;
  /** CSP nonce for gtag.js; falls back to the nonce of the script that loaded Portico. */
  nonce?: string | null;
}

export type ConsentListener = (decision: ConsentDecision | null) => void;

/** Window event asking a mounted banner to show itself; cancelled by the banner that handles it. */
export const CONSENT_OPEN_EVENT = 'portico-consent-open';

const GTAG_ORIGIN = 'https://www.googletagmanager.com';

interface ConsentHolder {
  site: ConsentSite | null;
  listeners: Set<ConsentListener>;
  /** Where localStorage is unavailable (sandboxed iframe, storage blocked): this page only. */
  memory: Map<string, string>;
  /** The measurement id Portico itself loaded gtag.js for; null when the host's gtag is in charge. */
  loadedFor: string | null;
  /** The last decision applied to gtag, so repeated applies send nothing new. */
  applied: string | null;
  storageListener: boolean;
}

const KEY = Symbol.for('portico.consent');
type Global = { [KEY]?: ConsentHolder };

function holder(): ConsentHolder {
  const g = globalThis as Global;
  return (g[KEY] ??= {
    site: null,
    listeners: new Set(),
    memory: new Map(),
    loadedFor: null,
    applied: null,
    storageListener: false,
  });
}

// ---------------------------------------------------------------- storage

/** cyrb53: a short, stable, synchronous hash; the key must not spell out the backend URL. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** `portico:consent:<hash of origin + backend>`: one decision per site, apart from the host page's own keys. */
export function consentStorageKey(backend: string, origin: string = globalThis.location?.origin ?? ''): string {
  return `portico:consent:${hash(`${origin}|${backend}`)}`;
}

function readStored(key: string): ConsentDecision | null {
  let raw: string | null | undefined;
  try {
    raw = globalThis.localStorage?.getItem(key);
  } catch {
    raw = undefined;
  }
  if (raw === undefined || raw === null) raw = holder().memory.get(key) ?? null;
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<ConsentDecision>;
    if (typeof d.analytics !== 'boolean' || typeof d.version !== 'string') return null;
    return { analytics: d.analytics, version: d.version, decidedAt: String(d.decidedAt ?? '') };
  } catch {
    return null;
  }
}

function writeStored(key: string, decision: ConsentDecision): void {
  const raw = JSON.stringify(decision);
  holder().memory.set(key, raw);
  try {
    globalThis.localStorage?.setItem(key, raw);
  } catch {
    // Storage blocked: the in-memory copy holds the decision for this page.
  }
}

// ---------------------------------------------------------------- decision

/**
 * The stored decision for the current site and consent version, or null when
 * there is none (or it was given for an older version). Until a banner (or
 * the embed) has called configureConsent() the version is unknown, so this is
 * null; listen with onConsentChange() to learn when it becomes known.
 */
export function getConsentDecision(
  site: Pick<ConsentSite, 'backend' | 'version'> | null = holder().site,
): ConsentDecision | null {
  if (!site) return null;
  const stored = readStored(consentStorageKey(site.backend));
  return stored && stored.version === site.version ? stored : null;
}

/** True only after an Accept for the current site and consent version. */
export function hasAnalyticsConsent(): boolean {
  return getConsentDecision()?.analytics === true;
}

/** Calls `listener` when the decision changes or first becomes known; returns the unsubscribe function. */
export function onConsentChange(listener: ConsentListener): () => void {
  const h = holder();
  h.listeners.add(listener);
  return () => h.listeners.delete(listener);
}

function notify(decision: ConsentDecision | null): void {
  for (const listener of [...holder().listeners]) {
    try {
      listener(decision);
    } catch (err) {
      console.error('[Portico] consent listener failed', err);
    }
  }
}

/**
 * Tells consent which site and version apply (the banner calls this once the
 * portal settings are loaded). A decision already stored is applied at once —
 * gtag loaded or updated — and announced to listeners.
 */
export function configureConsent(site: ConsentSite): ConsentDecision | null {
  const h = holder();
  const changed = h.site?.backend !== site.backend || h.site?.version !== site.version;
  h.site = { ...site };
  listenToOtherTabs();
  const decision = getConsentDecision();
  if (decision) applyAnalyticsConsent(decision);
  if (changed) notify(decision);
  return decision;
}

export function getConsentSite(): ConsentSite | null {
  const site = holder().site;
  return site ? { ...site } : null;
}

/** Stores the user's choice for the configured site and version, applies it to gtag and tells listeners. */
export function setConsentDecision(analytics: boolean): ConsentDecision {
  const site = holder().site;
  if (!site) throw new Error('[Portico] consent: configureConsent() must run before a decision is stored');
  const decision: ConsentDecision = { analytics, version: site.version, decidedAt: new Date().toISOString() };
  writeStored(consentStorageKey(site.backend), decision);
  applyAnalyticsConsent(decision);
  notify(decision);
  return decision;
}

/** A decision taken in another tab of the same site applies here too. */
function listenToOtherTabs(): void {
  const h = holder();
  if (h.storageListener || typeof globalThis.addEventListener !== 'function') return;
  h.storageListener = true;
  globalThis.addEventListener('storage', (event: Event) => {
    const site = holder().site;
    const key = (event as StorageEvent).key;
    if (!site || key !== consentStorageKey(site.backend)) return;
    holder().memory.delete(key);
    const decision = getConsentDecision();
    if (decision) applyAnalyticsConsent(decision);
    notify(decision);
  });
}

/**
 * Shows the banner again so a decision can be changed (Portico.consent.open(),
 * the profile's "Cookie settings"). A banner on the page handles it; where
 * there is none, one is mounted at the end of <body>.
 */
export function openConsentBanner(): void {
  const event = new CustomEvent(CONSENT_OPEN_EVENT, { cancelable: true });
  const handled = !globalThis.dispatchEvent(event);
  if (handled || !globalThis.document?.body) return;
  const banner = document.createElement('portico-consent-banner');
  banner.setAttribute('open', '');
  document.body.append(banner);
}

/**
 * Makes sure the page has a consent banner (the script-tag entry calls this):
 * an existing one is kept, otherwise one is added at the end of <body>. It
 * shows itself only when there is something to ask.
 */
export function mountConsentBanner(doc: Document | undefined = globalThis.document): Element | null {
  if (!doc?.body) return null;
  const existing = doc.querySelector('portico-consent-banner');
  if (existing) return existing;
  const banner = doc.createElement('portico-consent-banner');
  doc.body.append(banner);
  return banner;
}

// ---------------------------------------------------------------- gtag

type Gtag = (...args: unknown[]) => void;
interface GtagWindow {
  gtag?: Gtag;
  dataLayer?: unknown[];
  [disable: `ga-disable-${string}`]: boolean | undefined;
}

/** The host page runs gtag of its own (not the one Portico set up). */
export function hostRunsGtag(): boolean {
  return typeof (globalThis as GtagWindow).gtag === 'function' && holder().loadedFor === null;
}

/** Consent Mode v2 values. The banner asks about analytics only, so the ad signals stay denied. */
export function consentModeValues(analytics: boolean): Record<string, 'granted' | 'denied'> {
  return {
    analytics_storage: analytics ? 'granted' : 'denied',
    ad_storage: 'denied',
    ad_user_data: 'denied',
    ad_personalization: 'denied',
  };
}

/** The nonce of the <script> that loaded Portico: the embed tag (data-backend) or a portico*.js file. */
export function findPorticoScriptNonce(doc: Document | undefined = globalThis.document): string | null {
  if (!doc) return null;
  for (const script of Array.from(doc.scripts)) {
    const isPortico = script.dataset.backend !== undefined || /\/portico[^/]*\.js(\?|#|$)/.test(script.src);
    // The nonce attribute is blanked after parsing; the property keeps it.
    if (isPortico && script.nonce) return script.nonce;
  }
  return null;
}

/** Only gtag.js passes. */
const trustedGtagUrl = scriptUrlPolicy((u) => u.startsWith(`${GTAG_ORIGIN}/gtag/js?`));

export function gtagScriptUrl(measurementId: string): string {
  return `${GTAG_ORIGIN}/gtag/js?id=${encodeURIComponent(measurementId)}`;
}

/** GA's own cookies (_ga, _ga_<id>) on this host and its parent domains, removed on withdrawal. */
function removeAnalyticsCookies(): void {
  const doc = globalThis.document;
  if (!doc) return;
  const names = doc.cookie
    .split(';')
    .map((c) => c.split('=')[0].trim())
    .filter((n) => n === '_ga' || n.startsWith('_ga_') || n === '_gid');
  const parts = globalThis.location.hostname.split('.');
  const domains = [''];
  for (let i = 0; i < parts.length - 1; i++) domains.push(`; domain=.${parts.slice(i).join('.')}`);
  for (const name of names) {
    for (const domain of domains) doc.cookie = `${name}=; Max-Age=0; path=/${domain}`;
  }
}

function loadGtag(measurementId: string, nonce: string | null): void {
  const w = globalThis as unknown as GtagWindow;
  w.dataLayer = w.dataLayer ?? [];
  const dataLayer = w.dataLayer;
  // gtag.js reads Arguments objects from the dataLayer, not arrays.
  w.gtag = function gtag() {
    // eslint-disable-next-line prefer-rest-params
    dataLayer.push(arguments);
  };
  holder().loadedFor = measurementId;
  w[`ga-disable-${measurementId}`] = false;
  // Consent defaults before config, so the first hit already carries them.
  w.gtag('consent', 'default', consentModeValues(true));
  w.gtag('js', new Date());
  w.gtag('config', measurementId);
  const script = document.createElement('script');
  script.async = true;
  if (nonce) script.nonce = nonce;
  script.dataset.porticoAnalytics = '';
  script.src = trustedGtagUrl(gtagScriptUrl(measurementId));
  (document.head ?? document.documentElement).append(script);
}

/**
 * Applies a decision to the page: a Consent Mode update for the host's gtag
 * (or the one Portico loaded before), gtag.js loaded on Accept where the
 * portal has a measurement id and the page has no gtag, and on withdrawal GA
 * disabled for Portico's measurement id and its cookies removed.
 */
export function applyAnalyticsConsent(decision: ConsentDecision): void {
  const h = holder();
  const w = globalThis as unknown as GtagWindow;
  const site = h.site;
  const id = site?.ga4MeasurementId ?? null;
  const signature = `${decision.analytics}|${decision.version}|${id}`;

  if (typeof w.gtag === 'function') {
    if (h.applied !== signature) w.gtag('consent', 'update', consentModeValues(decision.analytics));
    if (h.loadedFor) {
      w[`ga-disable-${h.loadedFor}`] = !decision.analytics;
      if (!decision.analytics) removeAnalyticsCookies();
    }
  } else if (decision.analytics && id && globalThis.document) {
    loadGtag(id, site?.nonce ?? findPorticoScriptNonce());
  }
  h.applied = signature;
}

/** Analytics are worth asking about: the portal has a GA4 id, or the host page runs gtag. */
export function analyticsConfigured(ga4MeasurementId: string | null | undefined): boolean {
  return !!ga4MeasurementId || typeof (globalThis as GtagWindow).gtag === 'function';
}

/** For tests: forget the page-wide state (not the stored decisions). */
export function resetConsentStateForTests(): void {
  const h = holder();
  h.site = null;
  h.loadedFor = null;
  h.applied = null;
  h.memory.clear();
}
