import type { FieldValue } from '../protocol/index.js';

/**
 * Values the host page wants in the support form (`Portico.prefill({...})`):
 * field ids → values, plus `requester.name` / `requester.email` / … for the
 * requester block. Page-wide and kept on globalThis, so a second copy of the
 * bundle (or an element mounted later) sees the same values.
 */

export type PrefillValues = Record<string, FieldValue>;
export type PrefillListener = (values: Readonly<PrefillValues>) => void;

interface PrefillHolder {
  values: PrefillValues;
  listeners: Set<PrefillListener>;
}

const KEY = Symbol.for('portico.prefill');
type Global = { [KEY]?: PrefillHolder };

function holder(): PrefillHolder {
  const g = globalThis as Global;
  return (g[KEY] ??= { values: {}, listeners: new Set() });
}

function isFieldValue(v: unknown): v is FieldValue {
  return (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v)) ||
    (Array.isArray(v) && v.every((x) => typeof x === 'string'))
  );
}

/**
 * Sets the page's prefill. Replaces what was there unless `merge` is true.
 * Values that are not a string, number, boolean, null or list of strings are
 * dropped with one console error, the rest still applies.
 */
export function setPrefill(values: Record<string, unknown>, options: { merge?: boolean } = {}): void {
  const clean: PrefillValues = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (isFieldValue(value)) clean[key] = Array.isArray(value) ? [...value] : value;
    else
      console.error(
        `[Portico] prefill: value for "${key}" ignored — expected text, a number, true/false or a list of texts`,
      );
  }
  const h = holder();
  h.values = options.merge ? { ...h.values, ...clean } : clean;
  const snapshot = getPrefill();
  for (const listener of [...h.listeners]) {
    try {
      listener(snapshot);
    } catch (err) {
      console.error('[Portico] prefill listener failed', err);
    }
  }
}

export function getPrefill(): Readonly<PrefillValues> {
  return Object.freeze({ ...holder().values });
}

export function clearPrefill(): void {
  setPrefill({});
}

/** Calls `listener` after every setPrefill(); returns the unsubscribe function. */
export function onPrefillChange(listener: PrefillListener): () => void {
  const h = holder();
  h.listeners.add(listener);
  return () => h.listeners.delete(listener);
}

/** Parses the `prefill` attribute (a JSON object); a bad value logs once and yields nothing. */
export function parsePrefillAttribute(json: string | null | undefined): PrefillValues {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    const out: PrefillValues = {};
    for (const [k, v] of Object.entries(parsed)) if (isFieldValue(v)) out[k] = v;
    return out;
  } catch {
    console.error(
      `[Portico] <portico-support-form>: attribute "prefill" ignored — expected a JSON object like {"subject":"…"}`,
    );
    return {};
  }
}
