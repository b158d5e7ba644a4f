import { scriptUrlPolicy } from './trusted-types.js';
import type { ChatSettings } from '../protocol/index.js';

/**
 * External chat providers (TOPdesk offers SnapEngage and others; Chatwoot's
 * website SDK here too). Their scripts are third-party code that may set
 * cookies, so nothing is fetched until the user asks for a chat: the first
 * openExternalChat() call adds the <script> (with the page's CSP nonce), later
 * calls reuse it and only open the widget again.
 */

export type ExternalChatProvider = 'chatwoot' | 'snapengage';

export interface ExternalChatOptions {
  provider: ExternalChatProvider;
  /** Chatwoot website token, or SnapEngage widget id. */
  providerId: string;
  /**
   * Chatwoot: the installation's URL (the SDK is `<base>/packs/js/sdk.js`).
   * SnapEngage: where `<widget id>.js` lives, defaulting to SnapEngage's CDN
   * (a site may mirror it).
   */
  providerBaseUrl?: string | null;
  /** CSP nonce for the script element. */
  nonce?: string | null;
  /** Widget language, where the provider takes one. */
  locale?: string;
  /** How long to wait for the provider to start. */
  timeoutMs?: number;
}

export const PROVIDER_NAMES: Record<ExternalChatProvider, string> = {
  chatwoot: 'Chatwoot',
  snapengage: 'SnapEngage',
};

const SNAPENGAGE_CDN = 'https://storage.googleapis.com/code.snapengage.com/js';

export function isExternalProvider(provider: string | null | undefined): provider is ExternalChatProvider {
  return provider === 'chatwoot' || provider === 'snapengage';
}

/** The external-provider options for the portal's chat settings, or null for built-in / none / misconfigured. */
export function externalChatOptions(
  chat: ChatSettings,
  extra: { nonce?: string | null; locale?: string } = {},
): ExternalChatOptions | null {
  if (!isExternalProvider(chat.provider) || !chat.providerId) return null;
  if (chat.provider === 'chatwoot' && !chat.providerBaseUrl) return null;
  return {
    provider: chat.provider,
    providerId: chat.providerId,
    providerBaseUrl: chat.providerBaseUrl ?? null,
    nonce: extra.nonce ?? null,
    locale: extra.locale,
  };
}

/** Where the provider's script comes from. */
export function providerScriptUrl(options: ExternalChatOptions): string {
  const base = (options.providerBaseUrl ?? '').replace(/\/+$/, '');
  const id = encodeURIComponent(options.providerId);
  switch (options.provider) {
    case 'chatwoot':
      return new URL(`${base}/packs/js/sdk.js`, document.baseURI).href;
    case 'snapengage':
      return new URL(`${base || SNAPENGAGE_CDN}/${id}.js`, document.baseURI).href;
  }
}

// ------------------------------------------------------------ script loading

/** Only http(s) URLs built by providerScriptUrl() pass. */
const trustedScriptUrl = scriptUrlPolicy((u) => /^https?:\/\//.test(u));

// Shared through globalThis so a second copy of the bundle does not load the script again.
const LOADS = Symbol.for('portico.chat-provider-loads');
type LoadHolder = { [LOADS]?: Map<string, Promise<void>> };

function loads(): Map<string, Promise<void>> {
  const holder = globalThis as LoadHolder;
  return (holder[LOADS] ??= new Map());
}

/** Adds `<script src>` once per URL; later calls share the first load. A failed load may be tried again. */
export function loadProviderScript(
  src: string,
  nonce: string | null | undefined,
  doc: Document = document,
): Promise<void> {
  const existing = loads().get(src);
  if (existing) return existing;
  const promise = new Promise<void>((resolve, reject) => {
    const script = doc.createElement('script');
    script.async = true;
    if (nonce) script.nonce = nonce;
    script.dataset.porticoChatProvider = '';
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener(
      'error',
      () => {
        script.remove();
        loads().delete(src);
        reject(new Error(`[Portico] could not load the chat provider's script from ${src}`));
      },
      { once: true },
    );
    script.src = trustedScriptUrl(src);
    (doc.head ?? doc.documentElement).append(script);
  });
  loads().set(src, promise);
  return promise;
}

// ------------------------------------------------------------ providers

interface ChatwootGlobals {
  chatwootSDK?: { run(options: { websiteToken: string; baseUrl: string }): void };
  $chatwoot?: { hasLoaded?: boolean; toggle(state?: 'open' | 'close'): void };
  chatwootSettings?: Record<string, unknown>;
}

interface SnapEngageGlobals {
  SnapEngage?: { startLink(): void };
}

function waitFor<T>(check: () => T | undefined, readyEvent: string | null, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = check();
    if (now !== undefined) return resolve(now);
    const finish = () => {
      const value = check();
      if (value === undefined) return;
      clearInterval(poll);
      clearTimeout(timer);
      if (readyEvent) globalThis.removeEventListener(readyEvent, finish);
      resolve(value);
    };
    // The ready event where the provider has one; polling covers providers that have none.
    if (readyEvent) globalThis.addEventListener(readyEvent, finish);
    const poll = setInterval(finish, 50);
    const timer = setTimeout(() => {
      clearInterval(poll);
      if (readyEvent) globalThis.removeEventListener(readyEvent, finish);
      reject(new Error('[Portico] the chat provider did not start in time'));
    }, timeoutMs);
  });
}

const started = new Set<string>();

async function openChatwoot(options: ExternalChatOptions, src: string): Promise<void> {
  const w = globalThis as unknown as ChatwootGlobals;
  const baseUrl = (options.providerBaseUrl ?? '').replace(/\/+$/, '');
  const timeout = options.timeoutMs ?? 20000;
  if (!started.has(src)) {
    // Settings must be in place before run(); keep whatever the host page set itself.
    w.chatwootSettings ??= { locale: options.locale ?? 'en' };
    await loadProviderScript(src, options.nonce);
    const sdk = await waitFor(() => w.chatwootSDK, null, timeout);
    if (!started.has(src)) {
      sdk.run({ websiteToken: options.providerId, baseUrl });
      started.add(src);
    }
  }
  // $chatwoot exists right after run(), but toggle() only works once the widget's iframe is ready.
  const api = await waitFor(() => (w.$chatwoot?.hasLoaded ? w.$chatwoot : undefined), 'chatwoot:ready', timeout);
  api.toggle('open');
}

async function openSnapEngage(options: ExternalChatOptions, src: string): Promise<void> {
  const w = globalThis as unknown as SnapEngageGlobals;
  await loadProviderScript(src, options.nonce);
  const api = await waitFor(() => w.SnapEngage, null, options.timeoutMs ?? 20000);
  started.add(src);
  api.startLink();
}

/** Loads the provider's script on first use, then opens its chat window. */
export function openExternalChat(options: ExternalChatOptions): Promise<void> {
  const src = providerScriptUrl(options);
  return options.provider === 'chatwoot' ? openChatwoot(options, src) : openSnapEngage(options, src);
}
