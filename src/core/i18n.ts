import { configureLocalization } from '@lit/localize';
import { localeDirection, matchLocale, SOURCE_LOCALE, TARGET_LOCALES } from '../protocol/locales.js';

/**
 * Locale handling. Only the entry point (embed.ts, or a developer's own
 * bootstrap) calls initLocalization(); importing an element never configures
 * anything. Elements read the active locale through getLocale().
 */

export { ALL_LOCALES, localeDirection, matchLocale, SOURCE_LOCALE, TARGET_LOCALES } from '../protocol/locales.js';

// Explicit loaders so bundlers can see every locale module.
const LOADERS = {
  nl: () => import('../locales/nl.js'),
  it: () => import('../locales/it.js'),
  nb: () => import('../locales/nb.js'),
  de: () => import('../locales/de.js'),
  fr: () => import('../locales/fr.js'),
  he: () => import('../locales/he.js'),
};

let controls: ReturnType<typeof configureLocalization> | null = null;

/** Config, then <html lang>, then the browser, then English. */
export function resolveLocale(configured: string | null | undefined): string {
  return (
    matchLocale(configured) ??
    matchLocale(globalThis.document?.documentElement.lang) ??
    (globalThis.navigator?.languages ?? []).map(matchLocale).find(Boolean) ??
    SOURCE_LOCALE
  );
}

type Templates = Awaited<ReturnType<(typeof LOADERS)['nl']>>['templates'];

/**
 * Sets up the locales, once per page. `more` adds a page's own strings to
 * every locale's (the console's, which customers never download).
 */
export function initLocalization(more?: (locale: string) => Promise<{ templates: Templates }>): void {
  if (controls) return;
  controls = configureLocalization({
    sourceLocale: SOURCE_LOCALE,
    targetLocales: TARGET_LOCALES,
    loadLocale: async (locale) => {
      const [base, extra] = await Promise.all([LOADERS[locale as (typeof TARGET_LOCALES)[number]](), more?.(locale)]);
      return extra ? { templates: { ...base.templates, ...extra.templates } } : base;
    },
  });
}

export async function setLocale(locale: string | null | undefined): Promise<string> {
  const resolved = resolveLocale(locale);
  initLocalization();
  await controls!.setLocale(resolved);
  return resolved;
}

/** The locale the page's Portico speaks, or null where nothing set one up (then the browser's language stands). */
export function activeLocale(): string | null {
  return controls?.getLocale() ?? null;
}

/** The active locale, for Intl. */
export function getLocale(): string {
  return controls?.getLocale() ?? SOURCE_LOCALE;
}

/**
 * The `lang` and `dir` a Portico element (or the facade's button) needs when
 * it speaks `locale` on `doc`: `lang` where the page says another language,
 * `dir` where the locale's direction is not the page's (Hebrew on an English
 * page, or a page that says lang="he" but lays out left to right); null where
 * the page's own attribute stands.
 */
export function languageMarks(
  locale: string | null,
  doc: Document = document,
): { lang: string | null; dir: 'ltr' | 'rtl' | null } {
  if (!locale) return { lang: null, dir: null };
  const root = doc.documentElement;
  const pageDir = (root.dir || doc.body?.dir || 'ltr').toLowerCase() === 'rtl' ? 'rtl' : 'ltr';
  const dir = localeDirection(locale);
  return {
    lang: locale !== (root.lang || '').toLowerCase().split('-')[0] ? locale : null,
    dir: dir !== pageDir ? dir : null,
  };
}
