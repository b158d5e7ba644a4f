/**
 * How a search reads its query, written once for the gateway and the
 * reference backend. A knowledge search reads words of two letters or more,
 * the language's filler words dropped, each word cut to a stem (a light
 * suffix stripper for English and Dutch, the two languages the demo's
 * articles are written in; other languages keep the whole word). An article matches when *any* stem occurs
 * in it; the more stems (and the more of them in the title), the higher it ranks.
 */

const STOP_WORDS: Record<string, ReadonlySet<string>> = {
  en: new Set(
    'a an and are at be but by can cannot do does for from have how i in is it its me my no not of on or our so that the this to we what when where which who why will with you your'.split(
      ' ',
    ),
  ),
  nl: new Set(
    'de het een en of is zijn ben was in op aan van voor met niet geen ik je jij u uw mijn me mij we wij hoe wat waar wanneer waarom wie dat die dit er te om bij naar ook maar kan kun kunt wil'.split(
      ' ',
    ),
  ),
};

/** Longest suffixes first; a stem keeps at least three letters. */
const SUFFIXES: Record<string, readonly string[]> = {
  en: ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ies', 'ied', 'ers', 'er', 'ed', 'es', 's'],
  nl: ['heden', 'heid', 'ingen', 'ing', 'tjes', 'tje', 'jes', 'je', 'en', 'er', 'te', 'de', 'st', 's', 'e', 't'],
};

const MIN_STEM = 3;

/** The language whose rules apply: the locale's base language, English when there are none for it. */
function language(locale: string | null | undefined): string {
  const base = (locale ?? 'en').toLowerCase().split('-')[0]!;
  return base in SUFFIXES ? base : 'en';
}

/** One word's stem in this language (lower case). */
export function stem(word: string, locale?: string | null): string {
  const w = word.toLowerCase();
  for (const suffix of SUFFIXES[language(locale)] ?? []) {
    if (w.length - suffix.length >= MIN_STEM && w.endsWith(suffix)) {
      let s = w.slice(0, -suffix.length);
      // Dutch doubles a vowel or consonant before some endings: "wachtwoorden" → "wachtwoord", "kapotte" → "kapot".
      if (locale && language(locale) === 'nl' && s.length > MIN_STEM && /([bdfgklmnprst])\1$/.test(s))
        s = s.slice(0, -1);
      return s;
    }
  }
  return w;
}

/** At most this many terms from one query. */
export const MAX_SEARCH_TERMS = 8;

/** A query's words: runs of letters and digits, lower case, in order. */
function words(q: string): string[] {
  return q.toLowerCase().split(/[^\p{L}\p{N}]+/u);
}

/** The stems a query searches for, without repeats and filler words (in the query's language and in English). */
export function searchTerms(q: string, locale?: string | null): string[] {
  const lang = language(locale);
  const stops = [STOP_WORDS[lang], STOP_WORDS.en];
  const out: string[] = [];
  for (const word of words(q)) {
    if (word.length < 2 || stops.some((s) => s?.has(word))) continue;
    const s = stem(word, lang);
    if (!out.includes(s)) out.push(s);
    if (out.length === MAX_SEARCH_TERMS) break;
  }
  return out;
}

/**
 * The rank of an article for these terms: 0 when no term occurs (not a match),
 * otherwise two points per term in the title and one per term in the rest.
 */
export function articleScore(
  terms: readonly string[],
  article: { title: string; excerpt: string; body?: string },
): number {
  const title = article.title.toLowerCase();
  const rest = `${article.excerpt} ${article.body ?? ''}`.toLowerCase();
  let score = 0;
  for (const t of terms) score += title.includes(t) ? 2 : rest.includes(t) ? 1 : 0;
  return score;
}

/**
 * The ticket number a search names: `#5` and `RT-5` name the number only,
 * a bare `5` the number or the word (a year, a model number in a subject).
 */
export function ticketNumberQuery(q: string): { number: string; only: boolean } | null {
  const m = /^(#|rt-?)?\s*0*(\d{1,12})$/i.exec(q.trim());
  return m ? { number: m[2]!, only: !!m[1] } : null;
}

/**
 * The words a ticket search filters by (`GET /tickets?q=`): each word of two
 * letters or more (or any number), whole and without repeats, at most
 * MAX_SEARCH_TERMS. A ticket matches when every word occurs, in any case, in
 * its subject, its requester's name or address, or (where the store can tell
 * them from agents' internal notes) a message the customer sees; or when the
 * query is its number.
 */
export function ticketSearchWords(q: string): string[] {
  if (ticketNumberQuery(q)?.only) return [];
  const out: string[] = [];
  for (const word of words(q)) {
    if (!word || (word.length < 2 && !/^\p{N}$/u.test(word)) || out.includes(word)) continue;
    out.push(word);
    if (out.length === MAX_SEARCH_TERMS) break;
  }
  return out;
}
