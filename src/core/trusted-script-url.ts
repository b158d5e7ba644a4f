/**
 * Under an enforced Trusted Types CSP a plain string may not be assigned to
 * script.src. scriptUrlPolicy() makes a named policy that passes only the URLs
 * `allow` accepts; when the host's CSP does not list the name, it falls back
 * to the plain string (which the browser then judges by the CSP).
 */
interface TrustedTypesLike {
  createPolicy(
    name: string,
    rules: { createScriptURL(url: string): string },
  ): { createScriptURL(url: string): unknown };
}

export function scriptUrlPolicy(name: string, allow: (url: string) => boolean): (url: string) => string {
  let policy: { createScriptURL(url: string): unknown } | null | undefined;
  return (url) => {
    if (policy === undefined) {
      const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
      try {
        policy = tt
          ? tt.createPolicy(name, {
              createScriptURL: (u) => {
                if (!allow(u)) throw new TypeError(`[Portico] refused script URL ${u}`);
                return u;
              },
            })
          : null;
      } catch {
        policy = null;
      }
    }
    return (policy ? policy.createScriptURL(url) : url) as string;
  };
}
