/**
 * Configuration from the script tag's data-* attributes, a <portico-provider>
 * element, or Portico.configure({...}). Validation never throws: each bad key
 * or value gets one console error naming it, and the rest still applies.
 */

export type AuthMode = 'cookie' | 'bearer';
export type ThemeMode = 'auto' | 'light' | 'dark';
export type LauncherPosition = 'bottom-right' | 'bottom-left';

export interface PorticoConfig {
  /** Base URL of the gateway's protocol, e.g. https://support.example.com/portico/v1 */
  backend: string;
  locale: string | null;
  authMode: AuthMode;
  /** Bearer mode: called before each request for the host's current token. */
  getToken: (() => string | null | Promise<string | null>) | null;
  timeoutMs: number;
  theme: ThemeMode;
  position: LauncherPosition;
  /** Mount the floating launcher from the script tag (default true). */
  launcher: boolean;
  /** Origins allowed to talk to the iframe bridge. */
  allowedOrigins: string[];
  /** Form used by the New ticket view. */
  formId: string | null;
  /** CSP nonce passed on to scripts Portico loads (gtag, chat providers). */
  nonce: string | null;
}

/** Settings the backend client is built with: changing one of them needs new services. */
export const CLIENT_KEYS = ['backend', 'authMode', 'timeoutMs', 'getToken'] as const satisfies ReadonlyArray<
  keyof PorticoConfig
>;

/** Whether going from `before` to `after` needs a new backend client (and so new services). */
export function needsNewClient(before: PorticoConfig, after: PorticoConfig): boolean {
  return CLIENT_KEYS.some((key) => before[key] !== after[key]);
}

export const DEFAULT_CONFIG: PorticoConfig = {
  backend: '',
  locale: null,
  authMode: 'cookie',
  getToken: null,
  timeoutMs: 15000,
  theme: 'auto',
  position: 'bottom-right',
  launcher: true,
  allowedOrigins: [],
  formId: null,
  nonce: null,
};

type Validator = (value: unknown) => { ok: true; value: unknown } | { ok: false; reason: string };

const str: Validator = (v) =>
  typeof v === 'string' ? { ok: true, value: v } : { ok: false, reason: 'expected a string' };
const nullableStr: Validator = (v) => (v === null || v === undefined || v === '' ? { ok: true, value: null } : str(v));
const oneOf =
  (...allowed: string[]): Validator =>
  (v) =>
    typeof v === 'string' && allowed.includes(v)
      ? { ok: true, value: v }
      : { ok: false, reason: `expected one of ${allowed.join(', ')}` };
const bool: Validator = (v) => {
  if (typeof v === 'boolean') return { ok: true, value: v };
  if (v === 'true' || v === '' || v === '1') return { ok: true, value: true };
  if (v === 'false' || v === '0') return { ok: true, value: false };
  return { ok: false, reason: 'expected true or false' };
};
const url: Validator = (v) => {
  if (typeof v !== 'string' || v.trim() === '') return { ok: false, reason: 'expected a URL' };
  try {
    const parsed = new URL(v, globalThis.location?.href ?? 'http://localhost/');
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      return { ok: false, reason: 'expected an http(s) URL' };
    }
    return { ok: true, value: parsed.href.replace(/\/$/, '') };
  } catch {
    return { ok: false, reason: 'expected a URL' };
  }
};
const locale: Validator = (v) => {
  if (v === null || v === undefined || v === '') return { ok: true, value: null };
  if (typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v)) return { ok: true, value: v };
  return { ok: false, reason: 'expected a language tag like "en" or "nl"' };
};
const positiveInt: Validator = (v) => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 600000
    ? { ok: true, value: n }
    : { ok: false, reason: 'expected a whole number of milliseconds (1–600000)' };
};
const fn: Validator = (v) =>
  v === null || typeof v === 'function' ? { ok: true, value: v } : { ok: false, reason: 'expected a function' };
/** An attribute's list: items split on spaces and commas, empties dropped. */
export function splitList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

const origins: Validator = (v) => {
  const list = typeof v === 'string' ? splitList(v) : v;
  if (!Array.isArray(list)) return { ok: false, reason: 'expected a list of origins' };
  for (const o of list) {
    try {
      if (typeof o !== 'string' || new URL(o).origin !== o) throw new Error();
    } catch {
      return { ok: false, reason: `"${String(o)}" is not an origin like https://intranet.example.com` };
    }
  }
  return { ok: true, value: list };
};

const VALIDATORS: Record<keyof PorticoConfig, Validator> = {
  backend: url,
  locale,
  authMode: oneOf('cookie', 'bearer'),
  getToken: fn,
  timeoutMs: positiveInt,
  theme: oneOf('auto', 'light', 'dark'),
  position: oneOf('bottom-right', 'bottom-left'),
  launcher: bool,
  allowedOrigins: origins,
  formId: nullableStr,
  nonce: nullableStr,
};

/** data-* attribute names (kebab-case, as HTML authors write them) → config keys. */
const ATTRIBUTE_KEYS: Record<string, keyof PorticoConfig> = {
  backend: 'backend',
  locale: 'locale',
  'auth-mode': 'authMode',
  'timeout-ms': 'timeoutMs',
  theme: 'theme',
  position: 'position',
  launcher: 'launcher',
  'allowed-origins': 'allowedOrigins',
  'form-id': 'formId',
  nonce: 'nonce',
};

export interface ConfigResult {
  config: Partial<PorticoConfig>;
  errors: string[];
}

/** Validates a partial configuration; unknown keys and bad values are reported and dropped. */
export function validateConfig(input: Record<string, unknown>, source = 'Portico.configure'): ConfigResult {
  const config: Partial<PorticoConfig> = {};
  const errors: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const validator = VALIDATORS[key as keyof PorticoConfig];
    if (!validator) {
      errors.push(`[Portico] ${source}: unknown option "${key}" ignored`);
      continue;
    }
    const result = validator(value);
    if (result.ok) {
      (config as Record<string, unknown>)[key] = result.value;
    } else {
      errors.push(`[Portico] ${source}: option "${key}" ignored — ${result.reason} (got ${JSON.stringify(value)})`);
    }
  }
  return { config, errors };
}

/** Reads data-* attributes (e.g. from the script tag) into raw config input. */
export function configFromDataset(dataset: DOMStringMap): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [camel, value] of Object.entries(dataset)) {
    const kebab = camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const key = ATTRIBUTE_KEYS[kebab];
    raw[key ?? `data-${kebab}`] = value;
  }
  return raw;
}

/** Validates, logs each problem once to the console, and merges onto a base config. */
export function applyConfig(base: PorticoConfig, input: Record<string, unknown>, source?: string): PorticoConfig {
  const { config, errors } = validateConfig(input, source);
  for (const e of errors) console.error(e);
  return { ...base, ...config };
}
