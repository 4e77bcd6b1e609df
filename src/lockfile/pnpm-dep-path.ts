/**
 * pnpm dependency paths ("dep paths": the keys of `packages` and `snapshots`) and references
 * (the values of dependency maps), for the three key formats pnpm has written:
 *
 * - 5.x (pnpm 5 to 7): `/name/1.0.0`, `/@scope/name/1.0.0`, peers as `_react@18.2.0` (scoped
 *   peers with `+` for `/`, or a hash). A reference is a version (`1.0.0_react@18.2.0`), a
 *   dep path (`/real/1.0.0` for an alias), `link:`, `file:` or another key (`@host+port/x.tgz`).
 * - 6.x (pnpm 8): `/name@1.0.0`, peers as `(react@18.2.0)`; non-registry keys carry no `/`
 *   prefix (`file:x.tgz(peer@1.0.0)`, `@127.0.0.1+8080/x.tgz`, `github.com/u/r/<commit>`).
 * - 9.x (pnpm 9 to 12): `name@1.0.0` in `packages`; `name@1.0.0(react@18.2.0)` in `snapshots`;
 *   non-registry versions are written in place: `name@file:x.tgz`, `name@https://…`, `name@git+…`.
 */

export type PnpmFormat = 5 | 6 | 9;

/** The key without its peer (and patch-hash) suffix: the key of the package it instantiates. */
export function stripPeerSuffix(format: PnpmFormat, key: string): string {
  const at = format === 5 ? registryPeerIndex5(key) : key.indexOf('(');
  return at === -1 ? key : key.slice(0, at);
}

/**
 * 5.x suffixes follow the version segment of `/name/version_…`. Other 5.x keys are used as
 * they are (pnpm writes their name and version as fields, so their suffix is never parsed).
 */
function registryPeerIndex5(key: string): number {
  return key.startsWith('/') ? key.indexOf('_', key.lastIndexOf('/') + 1) : -1;
}

/** Name and, when the key encodes one, the registry version of a (suffix-free) dep path. */
export function nameVersionOfKey(format: PnpmFormat, key: string): { name: string; version: string | null } | null {
  if (format === 5) {
    if (!key.startsWith('/')) return null;
    const parts = key.slice(1).split('/');
    const scoped = parts[0]?.startsWith('@') === true;
    if (parts.length !== (scoped ? 3 : 2)) return null;
    const version = parts[parts.length - 1] as string;
    return { name: parts.slice(0, -1).join('/'), version: isPlainVersion(version) ? version : null };
  }
  let body = key;
  if (format === 6) {
    if (!key.startsWith('/')) return null;
    body = key.slice(1);
  }
  const at = body.indexOf('@', 1);
  if (at <= 0) return null;
  const name = body.slice(0, at);
  const rest = body.slice(at + 1);
  if (name.includes(':') || (name.startsWith('@') ? name.split('/').length !== 2 : name.includes('/'))) return null;
  return { name, version: isPlainVersion(rest) ? rest : null };
}

/** A version as written in a registry key: no scheme, no path. */
export function isPlainVersion(text: string): boolean {
  return /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(text);
}

/**
 * The dep path a dependency map entry `alias: ref` points at; null for `link:` references
 * (a directory, see linkTargetOf).
 */
export function refToKey(format: PnpmFormat, alias: string, ref: string): string | null {
  if (ref.startsWith('link:')) return null;
  if (format === 9) return refToKey9(alias, ref);
  if (ref.startsWith('file:')) return ref;
  const bare = format === 5 ? ref.replace(/_.*$/, '') : ref.replace(/(?:\([^)]*\))+$/, '');
  if (!bare.includes('/')) return format === 5 ? `/${alias}/${ref}` : `/${alias}@${ref}`;
  return ref;
}

/** pnpm 9's rule: `real@1.0.0` (an alias) stands as it is, `1.0.0(peer@1.0.0)` gets the name. */
function refToKey9(alias: string, ref: string): string {
  if (ref.startsWith('@')) return ref;
  const at = ref.indexOf('@');
  if (at === -1) return `${alias}@${ref}`;
  const colon = ref.indexOf(':');
  const bracket = ref.indexOf('(');
  if ((colon === -1 || at < colon) && (bracket === -1 || at < bracket)) return ref;
  return `${alias}@${ref}`;
}

/** `link:../ws-a` from importer `packages/ws-b` -> `packages/ws-a` (posix, normalised). */
export function linkTargetOf(ref: string, fromDirectory: string): string | null {
  if (!ref.startsWith('link:')) return null;
  return joinPosix(fromDirectory, ref.slice('link:'.length));
}

export function joinPosix(base: string, relative: string): string {
  const parts: string[] = [];
  const input = relative.startsWith('/') ? relative : `${base}/${relative}`;
  for (const part of input.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  const joined = parts.join('/');
  if (relative.startsWith('/')) return `/${joined}`;
  return joined === '' ? '.' : joined;
}
