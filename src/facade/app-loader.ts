/**
 * Loads the full app (dist/portico-app.js and its chunks) next to the facade
 * script, once. A module script imported from a classic script inherits that
 * script's CSP nonce, and import() is no Trusted Types sink, so nothing else
 * needs passing for the app itself to load under a strict CSP.
 */
import type { PorticoAppModule } from './handoff.js';

/** Set by the build (rollup.config.mjs) to the app's content-hashed file, e.g. chunks/portico-app-1a2b3c4d.js. */
declare const __PORTICO_APP_FILE__: string | undefined;

/** The app's file, relative to the facade script: content-hashed when built, portico-app.js when run from source. */
export const APP_FILE: string = typeof __PORTICO_APP_FILE__ === 'string' ? __PORTICO_APP_FILE__ : 'portico-app.js';

export type ImportModule = (url: string) => Promise<unknown>;

export interface AppLoader {
  /** Where the app is loaded from. */
  readonly url: string;
  /** Starts loading (or returns the load already under way). A failed load may be retried. */
  load(): Promise<PorticoAppModule>;
  /** Whether load() was called. */
  readonly started: boolean;
}

/** The app's URL: next to the facade script, else (no script found) next to the page. */
export function appUrl(script: HTMLScriptElement | null, doc: Document = document): string {
  return new URL(APP_FILE, script?.src || doc.baseURI).href;
}

/** The visitor asked to save data: nothing loads on mere intent (hover, focus), only on a click. */
export function saveDataRequested(nav: Navigator = navigator): boolean {
  const connection = (nav as Navigator & { connection?: { saveData?: boolean } }).connection;
  return connection?.saveData === true;
}

const importModule: ImportModule = (url) => import(/* @vite-ignore */ url);

export function createAppLoader(url: string, importer: ImportModule = importModule): AppLoader {
  let pending: Promise<PorticoAppModule> | null = null;
  let failures = 0;
  return {
    url,
    get started() {
      return pending !== null;
    },
    load() {
      // Browsers remember a failed module fetch per URL; a retry needs a URL of its own.
      pending ??= (
        importer(
          failures ? `${url}${url.includes('?') ? '&' : '?'}retry=${failures}` : url,
        ) as Promise<PorticoAppModule>
      ).catch((err: unknown) => {
        failures++;
        pending = null;
        throw err;
      });
      return pending;
    },
  };
}
