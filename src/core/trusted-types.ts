/**
 * Portico's one Trusted Types policy, named `portico` (besides Lit's own
 * `lit-html`): a host that enforces Trusted Types lists exactly
 * `trusted-types portico lit-html`.
 *
 * The policy object never leaves this module. It does two things:
 * - `createHTML` only for DOMPurify (src/core/sanitize.ts), which needs to
 *   parse untrusted markup into an inert document before cleaning it; the
 *   page only ever receives DOMPurify's output, through `lit-html`.
 * - `createScriptURL` only for URLs the caller's own rule accepts (gtag.js,
 *   a chat provider's script): each call passes its rule along.
 *
 * When the host's CSP does not allow the name (or a second copy of Portico
 * created it already, without `'allow-duplicates'`), there is no policy:
 * sanitizing falls back to plain text and script URLs stay strings, which the
 * browser then judges by the CSP.
 */
export const TRUSTED_TYPES_POLICY_NAME = 'portico';

type ScriptUrlRule = (url: string) => boolean;

/** The part of a TrustedTypePolicy Portico uses; results are TrustedHTML / TrustedScriptURL. */
export interface PorticoPolicy {
  createHTML(input: string): string;
  createScriptURL(input: string, allow: ScriptUrlRule): string;
}

interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: {
      createHTML(input: string): string;
      createScriptURL(input: string, allow?: unknown): string;
    },
  ): PorticoPolicy;
}

let policy: PorticoPolicy | null | undefined;

/** The `portico` policy, created on first use; null without Trusted Types or when the name is refused. */
export function porticoPolicy(): PorticoPolicy | null {
  if (policy !== undefined) return policy;
  policy = null;
  const tt = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!tt || typeof tt.createPolicy !== 'function') return policy;
  try {
    policy = tt.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
      createHTML: (input) => input,
      createScriptURL: (input, allow) => {
        if (typeof allow !== 'function' || !(allow as ScriptUrlRule)(input))
          throw new TypeError(`[Portico] refused script URL ${input}`);
        return input;
      },
    });
  } catch {
    policy = null;
  }
  return policy;
}

/**
 * A function that turns URLs `allow` accepts into values for `script.src`
 * under enforced Trusted Types (and leaves them strings elsewhere).
 */
export function scriptUrlPolicy(allow: ScriptUrlRule): (url: string) => string {
  return (url) => {
    const p = porticoPolicy();
    if (p) return p.createScriptURL(url, allow);
    if (!allow(url)) throw new TypeError(`[Portico] refused script URL ${url}`);
    return url;
  };
}
