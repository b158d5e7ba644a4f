/**
 * Settings of the rt connector, from the environment, falling back to the
 * file `npm run rt:up` writes (.portico-data/rt.env) for what is not set.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RtAuth } from './rt-client.js';
import { type FieldMapping, parseFieldMap } from './rt-fields.js';

export interface RtSettings {
  url: string;
  auth: RtAuth;
  queue: string;
  pollMs: number;
  timeoutMs: number;
  fieldMap: Record<string, FieldMapping>;
}

export const DEFAULT_RT_URL = 'http://127.0.0.1:8780';
export const DEFAULT_ENV_FILE = '.portico-data/rt.env';

/** KEY=value lines; `#` comments. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

function readEnvFile(path: string): Record<string, string> {
  try {
    return parseEnvFile(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
}

function positiveInt(raw: string | undefined, fallback: number, name: string, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}`);
  return n;
}

export function rtSettingsFromEnv(env: NodeJS.ProcessEnv): RtSettings {
  const file = readEnvFile(resolve(env.RT_ENV_FILE ?? DEFAULT_ENV_FILE));
  const hasOwnCredentials = !!(env.RT_TOKEN || env.RT_USER);
  // Take the file's URL/queue only together with its token: they describe one RT.
  const pick = (key: string) => env[key] || (hasOwnCredentials ? undefined : file[key]) || undefined;

  const token = env.RT_TOKEN || (env.RT_USER ? undefined : file.RT_TOKEN);
  let auth: RtAuth;
  if (token) auth = { token };
  else if (env.RT_USER && env.RT_PASSWORD !== undefined) auth = { user: env.RT_USER, password: env.RT_PASSWORD };
  else {
    throw new Error(
      'rt connector: set RT_TOKEN (or RT_USER and RT_PASSWORD), or run `npm run rt:up`, which writes .portico-data/rt.env',
    );
  }

  const url = pick('RT_URL') ?? DEFAULT_RT_URL;
  if (!/^https?:\/\//.test(url)) throw new Error('RT_URL must be an http(s) URL');
  return {
    url,
    auth,
    queue: pick('RT_QUEUE') ?? 'General',
    pollMs: positiveInt(env.RT_POLL_MS, 5000, 'RT_POLL_MS', 100),
    timeoutMs: positiveInt(env.RT_TIMEOUT_MS, 15_000, 'RT_TIMEOUT_MS', 100),
    fieldMap: parseFieldMap(env.RT_FIELD_MAP),
  };
}
