/** npm's folder layout: Node's module lookup over lockfile location keys, workspace globs. */

/**
 * Where Node looks for `name` required from the package at `location` (a lockfile key such as
 * `node_modules/a/node_modules/b` or `packages/foo`), nearest first: every ancestor folder's
 * `node_modules/<name>`, skipping folders that are themselves `node_modules`. A location
 * outside the project (`../lib`) stops at its outermost `..` instead of reaching the root.
 */
export function lookupCandidates(location: string, name: string): string[] {
  const segments = location === '' ? [] : location.split('/');
  let floor = 0;
  while (segments[floor] === '..') floor++;
  const candidates: string[] = [];
  for (let length = segments.length; length >= floor; length--) {
    if (length > 0 && segments[length - 1] === 'node_modules') continue;
    const dir = segments.slice(0, length).join('/');
    candidates.push(dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`);
  }
  return candidates;
}

/** `node_modules/@s/a` -> `@s/a`; null for a key that is not inside a node_modules folder. */
export function installedNameOf(location: string): string | null {
  const at = location.lastIndexOf('node_modules/');
  if (at === -1 || (at > 0 && location[at - 1] !== '/')) return null;
  return location.slice(at + 'node_modules/'.length) || null;
}

/** Normalises a link's `resolved` to a location key: drops `file:`, `./`, trailing `/`. */
export function normaliseLocation(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/^file:/, '').replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Compiles `workspaces` globs (`packages/*`, `apps/**`, `!packages/skip`) into a matcher. */
export function createWorkspaceMatcher(patterns: readonly string[]): (location: string) => boolean {
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    (negated ? exclude : include).push(globToRegExp(normaliseLocation(negated ? pattern.slice(1) : pattern)));
  }
  return (location) => include.some((re) => re.test(location)) && !exclude.some((re) => re.test(location));
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
