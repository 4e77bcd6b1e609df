/**
 * Package-name globs for policy overrides and exceptions: `*` matches within one path segment
 * (`@myorg/*`, `eslint-plugin-*`), `**` matches anything. Everything else is literal, and
 * matching is exact (npm names are lower case; legacy mixed-case names match as written).
 */

const NAME_CHARS = /^[A-Za-z0-9@/._~*-]+$/;

/** A pattern is usable when it is non-empty and made of name characters and `*`. */
export function isValidNamePattern(pattern: string): boolean {
  return NAME_CHARS.test(pattern) && !pattern.includes('***');
}

const compiled = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  let cached = compiled.get(pattern);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.\\^$+?()[\]{}|-]/g, '\\$&');
    }
  }
  cached = new RegExp(`^${source}$`);
  compiled.set(pattern, cached);
  return cached;
}

export function matchesNamePattern(name: string, pattern: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  return toRegExp(pattern).test(name);
}

/** `left-pad@1.3.0` -> name and version; `left-pad`, `@myorg/*` -> version null. */
export function splitPackageSpec(spec: string): { name: string; version: string | null } {
  const at = spec.indexOf('@', 1);
  if (at === -1) return { name: spec, version: null };
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

/**
 * A glob that matches (nearly) every package: no letter or digit to pin it to a name or a
 * scope (`*`, `**`, `@*\/*`, `*-*`). An exception with one switches the gate off.
 */
export function isCatchAllPattern(pattern: string): boolean {
  return pattern.includes('*') && !/[A-Za-z0-9]/.test(pattern);
}
