/**
 * lockfile-binding: a registry package's lockfile claims must be what the registry published
 * for that version. Every copy (install location) is judged: its `resolved` must be the
 * registry's `dist.tarball`, and its `integrity` must agree with `dist.integrity`/`dist.shasum`.
 *
 * Why: a pull request writes the lockfile. The other rules judge the registry's history of
 * name@version, but the package manager installs the bytes the lockfile names: fetched from
 * `resolved` (pnpm, Yarn classic and Bun fetch it as written) and checked against `integrity`.
 * A lockfile that pairs a trusted version with another URL and a matching digest of other bytes
 * installs those bytes while every other rule passes. Like pnpm 11's lockfile verifier
 * (`ERR_PNPM_TARBALL_URL_MISMATCH`, `ERR_PNPM_MISSING_TARBALL_INTEGRITY`); never lapses.
 *
 * What is legitimately different and accepted:
 * - no `resolved` (pnpm, npm's `omit-lockfile-registry-resolved`, Bun's `""`): the package
 *   manager builds the URL from the configured registry; a Yarn Berry locator is no URL;
 * - http vs https, default ports, `%2f`/`%40` escapes, and a `#<sha1>` fragment (Yarn classic);
 * - a `<name>/-/<name>-<version>.tgz` URL on a host the configuration names as a registry for
 *   the package (a lockfile written against a mirror, or against the public registry the
 *   default registry mirrors). The public npm hosts count only when no `@scope` mapping
 *   applies: for a scope mapped to a private registry, a public URL is someone else's package.
 * - a registry that publishes no digest binds nothing (there is nothing to compare with).
 *
 * With a history registry (policy `historyFrom`, engine/history-from.ts) the history judged is
 * that registry's: a version it does not have, or has with other digests, is not the version
 * installed, and is blocked whatever the lockfile says (kinds `history-missing`,
 * `history-integrity`; one finding per version, not per copy).
 */
import { compareIntegrity, parseIntegrity, sha1OfHex } from '../model/integrity.js';
import { httpHostOf, PUBLIC_NPM_HOSTS } from '../model/registry-url.js';
import type { Rule, RuleContext } from '../model/rule.js';
import type { LockedCopy, LockfileBindingFinding, VersionRecord } from '../model/types.js';

type Problem = Pick<LockfileBindingFinding, 'kind' | 'locked' | 'published'>;

/** The form two tarball URLs are compared in: scheme, default port, escapes and fragment set aside. */
export function canonicalTarballUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const path = parsed.pathname.replace(/%2f/gi, '/').replace(/%40/gi, '@');
  return `${parsed.host.toLowerCase()}${path}${parsed.search}`;
}

/** True when `url` is `<anything>/<name>/-/<unscoped>-<version>.tgz` (scoped names may be escaped). */
function isUsualTarballUrl(url: string, name: string, version: string): boolean {
  const canonical = canonicalTarballUrl(url);
  const unscoped = name.slice(name.indexOf('/') + 1);
  return canonical !== null && canonical.endsWith(`/${name}/-/${unscoped}-${version}.tgz`);
}

function registryHosts(context: RuleContext, registry: string): readonly string[] {
  const lookup = context.lookup;
  if (lookup?.status === 'found' && lookup.registryHosts) return lookup.registryHosts;
  const own = httpHostOf(registry);
  return own === null ? PUBLIC_NPM_HOSTS : [own, ...PUBLIC_NPM_HOSTS];
}

function tarballProblem(copy: LockedCopy, record: VersionRecord, hosts: readonly string[], name: string): Problem | null {
  const { resolved } = copy;
  // No URL: the package manager asks the configured registry (pnpm, npm, Bun); a Berry locator.
  if (resolved === null || !/^https?:\/\//i.test(resolved)) return null;
  const locked = canonicalTarballUrl(resolved);
  if (record.tarball !== null && locked !== null && locked === canonicalTarballUrl(record.tarball)) return null;
  const host = httpHostOf(resolved);
  const onRegistryHost = host !== null && hosts.includes(host);
  // The registry's own shape on a registry host: the same file, written against a mirror.
  if (onRegistryHost && (record.tarball === null || isUsualTarballUrl(resolved, name, record.version))) return null;
  return { kind: 'tarball', locked: resolved, published: record.tarball };
}

/** The lockfile's digest claim: `integrity`, else Yarn classic's `#<sha1>` fragment. */
function lockedIntegrity(copy: LockedCopy): string | null {
  if (copy.integrity !== null && parseIntegrity(copy.integrity).size > 0) return copy.integrity;
  const fragment = copy.resolved === null ? null : /#([0-9a-f]{40})$/i.exec(copy.resolved)?.[1];
  const sha1 = fragment ? sha1OfHex(fragment) : null;
  return sha1 === null ? copy.integrity : `sha1-${sha1}`;
}

function integrityProblem(copy: LockedCopy, record: VersionRecord): Problem | null {
  const published = record.integrity;
  if (published === null) return null;
  const locked = lockedIntegrity(copy);
  if (locked === null) return copy.recordsIntegrity ? { kind: 'missing-integrity', locked: null, published } : null;
  const comparison = compareIntegrity(locked, published);
  if (comparison.status === 'match') return null;
  return { kind: comparison.status === 'mismatch' ? 'integrity' : 'integrity-algorithm', locked, published };
}

export const lockfileBindingRule: Rule<'lockfile-binding'> = {
  id: 'lockfile-binding',
  evaluate(context, { severity }) {
    const { pkg, target } = context;
    if (severity === 'off' || target === null) return [];
    const mismatch = target.record.historyMismatch;
    const history: LockfileBindingFinding[] = mismatch === undefined ? [] : [{
      rule: 'lockfile-binding', severity, eligibleAt: null, kind: `history-${mismatch.kind}`, location: null,
      locked: target.record.integrity, published: mismatch.published, registry: target.history.registry, historyRegistry: mismatch.registry,
    }];
    if (pkg.copies === undefined) return history;
    const hosts = registryHosts(context, target.history.registry);
    const findings: LockfileBindingFinding[] = history;
    for (const copy of pkg.copies) {
      for (const problem of [tarballProblem(copy, target.record, hosts, pkg.name), integrityProblem(copy, target.record)]) {
        if (problem === null) continue;
        findings.push({ rule: 'lockfile-binding', severity, eligibleAt: null, ...problem, location: copy.location, registry: target.history.registry });
      }
    }
    return findings;
  },
};

