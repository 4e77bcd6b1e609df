/**
 * Yarn descriptors (`name@range`) and Berry locators (`name@reference`): splitting, source
 * kinds, `patch:` unwrapping, and the range a dependent asked for. Pure string work.
 */
import type { SourceKind } from '../model/types.js';
import { parseAliasSpec } from './install-graph.js';
import { hasGitPrefix } from './source-kind.js';

/** `@s/a@npm:^1` -> `{ name: '@s/a', range: 'npm:^1' }`; null when there is no `@` after the name. */
export function splitDescriptor(text: string): { name: string; range: string } | null {
  const at = text.indexOf('@', 1);
  if (at <= 0 || at === text.length - 1) return null;
  return { name: text.slice(0, at), range: text.slice(at + 1) };
}

/** The part of a Berry range or reference before its `::` parameters (`::locator=...`). */
export function withoutParams(range: string): string {
  const at = range.indexOf('::');
  return at === -1 ? range : range.slice(0, at);
}

/** `patch:<source>#<patch files>::<params>` -> the decoded source (`left-pad@npm:1.3.0`). */
export function patchSource(reference: string): string | null {
  if (!reference.startsWith('patch:')) return null;
  const body = withoutParams(reference.slice('patch:'.length));
  const hash = body.indexOf('#');
  try {
    return decodeURIComponent(hash === -1 ? body : body.slice(0, hash));
  } catch {
    return null;
  }
}

export interface BerryPackage {
  /** Real name (an npm alias reference resolves to its target). */
  name: string;
  source: SourceKind;
  /** The version the reference itself names (`npm:1.2.3`), else null (use the entry's). */
  version: string | null;
}

/**
 * Classifies a Berry locator. `patch:` is unwrapped (repeatedly): a patched registry package
 * is that registry package. When in doubt the answer is a non-registry kind.
 */
export function classifyBerryLocator(name: string, reference: string): BerryPackage {
  const inner = patchSource(reference);
  if (inner !== null) {
    const split = splitDescriptor(inner);
    return split === null ? { name, source: 'file', version: null } : classifyBerryLocator(split.name, split.range);
  }
  if (reference.startsWith('npm:')) {
    const alias = parseAliasSpec(reference);
    const body = reference.slice('npm:'.length);
    if (alias !== null && body.includes('@', 1)) return { name: alias.name, source: 'registry', version: alias.range };
    return { name, source: 'registry', version: withoutParams(body) };
  }
  return { name, source: classifyNonRegistry(reference), version: null };
}

function classifyNonRegistry(reference: string): SourceKind {
  if (reference.startsWith('workspace:')) return 'workspace';
  if (reference.startsWith('link:') || reference.startsWith('portal:')) return 'link';
  if (reference.startsWith('file:') || reference.startsWith('exec:')) return 'file';
  if (hasGitPrefix(reference) || /#(?:.*&)?commit=/.test(reference) || /^https?:\/\/[^#]*\.git(?:#|$)/i.test(reference)) return 'git';
  if (/^https?:\/\//i.test(reference)) return 'tarball';
  return 'file';
}

/**
 * The range to record for a Berry descriptor: `npm:^1.2.0` -> `^1.2.0`, an alias
 * `npm:real@^1.0.0` -> `^1.0.0`, a patch -> the range of what it patches; anything else as
 * written without its `::` parameters.
 */
export function requestedBerryRange(range: string): string {
  const inner = patchSource(range);
  if (inner !== null) {
    const split = splitDescriptor(inner);
    return split === null ? withoutParams(range) : requestedBerryRange(split.range);
  }
  const plain = withoutParams(range);
  if (!plain.startsWith('npm:')) return plain;
  const body = plain.slice('npm:'.length);
  const at = body.indexOf('@', 1);
  return at === -1 ? body : body.slice(at + 1) || '*';
}
