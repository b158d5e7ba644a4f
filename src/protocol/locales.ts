/**
 * The languages Portico speaks, and how a requested tag maps to one of them:
 * the widget picks its strings with this, the gateway its mails.
 */

export const SOURCE_LOCALE = 'en';
export const TARGET_LOCALES = ['nl', 'it', 'nb', 'de', 'fr', 'he'] as const;
export const ALL_LOCALES: readonly string[] = [SOURCE_LOCALE, ...TARGET_LOCALES];
export type PorticoLocale = typeof SOURCE_LOCALE | (typeof TARGET_LOCALES)[number];

/** Tags browsers and pages use for a language we carry under another tag. */
const ALIASES: Record<string, string> = { no: 'nb', nn: 'nb', iw: 'he' };

/** Languages written right to left (of those we carry, and a few more a page may ask for). */
const RIGHT_TO_LEFT = new Set(['he', 'iw', 'ar', 'fa', 'ur', 'yi']);

/** The writing direction of a locale: 'rtl' for Hebrew and the like, else 'ltr'. */
export function localeDirection(locale: string | null | undefined): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has((locale ?? '').trim().toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr';
}

/** The best supported locale for a requested one ("nl-BE" → "nl"), or null. */
export function matchLocale(requested: string | null | undefined): PorticoLocale | null {
  if (!requested) return null;
  const lower = requested.trim().toLowerCase();
  if (ALL_LOCALES.includes(lower)) return lower as PorticoLocale;
  const base = lower.split('-')[0]!;
  const known = ALIASES[base] ?? base;
  return ALL_LOCALES.includes(known) ? (known as PorticoLocale) : null;
}

/** The first supported language of an `Accept-Language` header, by its q-values. */
export function matchAcceptLanguage(header: string | null | undefined): PorticoLocale | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? '', q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const m = matchLocale(tag);
    if (m) return m;
  }
  return null;
}
