/**
 * The packages Bun hands its Security Scanner (`{name, version, requestedRange, tarball}`)
 * -> LockedPackage entries for the engine. Pure.
 *
 * Where a package comes from is judged from `requestedRange` (what package.json or the
 * command line asked for): `workspace:`, `link:`, `file:`, git specs and URLs are non-registry
 * kinds; everything else (ranges, tags, exact versions, `npm:` aliases) is a registry package
 * and is looked up. The tarball URL is not trusted for that: a registry package must never
 * escape the registry checks because its tarball lives somewhere unusual.
 */
import type { LockedPackage, SourceKind } from '../model/types.js';
import { classifyV1Spec, hasGitPrefix } from '../lockfile/source-kind.js';

export interface BunScannedPackage {
  name: string;
  version: string;
  requestedRange: string;
  tarball: string;
}

export function sourceOfRequest(requestedRange: string): SourceKind {
  if (requestedRange.startsWith('workspace:')) return 'workspace';
  if (requestedRange.startsWith('link:')) return 'link';
  if (requestedRange.startsWith('npm:')) return 'registry';
  if (requestedRange.startsWith('file:') || /^https?:\/\//i.test(requestedRange)) return classifyV1Spec(requestedRange);
  if (hasGitPrefix(requestedRange) || /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(requestedRange)) return 'git';
  return 'registry';
}

/** `npm:real@^1.0.0` -> `^1.0.0`; a range or tag as written; nothing for non-registry specs. */
function requestedRangesOf(requestedRange: string, source: SourceKind): string[] {
  if (source !== 'registry') return [];
  const range = requestedRange.startsWith('npm:') ? requestedRange.slice(requestedRange.lastIndexOf('@') + 1) : requestedRange;
  return range === '' || range.startsWith('npm:') ? [] : [range];
}

/**
 * One LockedPackage per distinct name@version and source (non-registry ones also per tarball
 * URL), like the lockfile readers: a git copy of a registry version is its own package, and the
 * tarball URLs of every registry copy are kept in `copies` to be judged. `directNames` are the
 * project's own dependencies (package.json), so remedies say `bun add` rather than an override.
 */
export function lockedPackagesFromBun(packages: readonly BunScannedPackage[], directNames: ReadonlySet<string>): LockedPackage[] {
  const byKey = new Map<string, LockedPackage>();
  for (const pkg of packages) {
    const source = sourceOfRequest(pkg.requestedRange);
    const resolved = pkg.tarball === '' ? null : pkg.tarball;
    const key = JSON.stringify([pkg.name, pkg.version, source, source === 'registry' ? '' : resolved]);
    const known = byKey.get(key);
    const step = `${pkg.name}@${pkg.version}`;
    if (known) {
      for (const range of requestedRangesOf(pkg.requestedRange, source)) if (!known.requestedRanges.includes(range)) known.requestedRanges.push(range);
      // Bun's scanner gives no integrity: a copy is its tarball URL.
      if (!known.copies.some((copy) => copy.resolved === resolved)) known.copies.push({ location: null, resolved, integrity: null, recordsIntegrity: false });
      continue;
    }
    byKey.set(key, {
      name: pkg.name,
      version: pkg.version,
      source,
      aliases: [],
      resolved,
      integrity: null,
      copies: [{ location: null, resolved, integrity: null, recordsIntegrity: false }],
      dev: false,
      optional: false,
      direct: directNames.has(pkg.name),
      paths: [[step]],
      pathCount: 1,
      requestedRanges: requestedRangesOf(pkg.requestedRange, source),
      // Bun names no dependents: the engine infers them from the registry (check-lockfile.ts).
      dependents: null,
    });
  }
  return [...byKey.values()];
}
