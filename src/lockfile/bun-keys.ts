/**
 * Bun's package keys: install paths written as package names joined by `/` (`a`, `a/b`,
 * `@s/a/@s/b`, `ws-name/a` for a copy installed under a workspace). A scoped name spans two
 * segments. Lookup follows Bun's `PkgMap.findResolution`: from `a/b`, dependency X is
 * `a/b/X`, then `a/X`, then `X`.
 */

/** Splits a key into package names: `a/@s/b/c` -> [`a`, `@s/b`, `c`]. */
export function namesOfKey(key: string): string[] {
  const parts = key.split('/');
  const names: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const next = parts[i + 1];
    if (part.startsWith('@') && next !== undefined) {
      names.push(`${part}/${next}`);
      i++;
    } else names.push(part);
  }
  return names;
}

/** The name a key installs its package under (its last name): `a/@s/b` -> `@s/b`. */
export function installedNameOfKey(key: string): string {
  const names = namesOfKey(key);
  return names[names.length - 1] ?? key;
}

/** Keys where `name`, needed by the package at `key` (or `""`, the root), may be installed, nearest first. */
export function lookupCandidates(key: string, name: string): string[] {
  const names = key === '' ? [] : namesOfKey(key);
  const candidates: string[] = [];
  for (let length = names.length; length >= 0; length--) {
    candidates.push(length === 0 ? name : `${names.slice(0, length).join('/')}/${name}`);
  }
  return candidates;
}
