/** lockfile-binding: every copy's resolved URL and integrity against what the registry published. */
import { createRuleContext } from '../../src/model/rule.js';
import type { HistoryResult } from '../../src/model/history-source.js';
import { compactDigests } from '../../src/model/integrity.js';
import type { LockedCopy } from '../../src/model/types.js';
import { canonicalTarballUrl, lockfileBindingRule } from '../../src/rules/lockfile-binding.js';
import { found, makeHistory, makeLockedPackage, makeVersion, NOW } from '../support/history.js';

const params = { severity: 'block' } as const;
const SHA512 = Buffer.alloc(64, 1).toString('base64');
const OTHER = Buffer.alloc(64, 9).toString('base64');
const SHASUM = '5a'.repeat(20);
const REGISTRY = 'https://npm.corp.example:8443/';
const TARBALL = `${REGISTRY}pkg/-/pkg-1.0.0.tgz`;

const history = makeHistory({
  name: 'pkg',
  registry: REGISTRY,
  versions: [makeVersion({ version: '1.0.0', integrity: compactDigests(`sha512-${SHA512}`, SHASUM), tarball: TARBALL })],
});

const copy = (fields: Partial<LockedCopy>): LockedCopy => ({ location: 'node_modules/pkg', resolved: TARBALL, integrity: `sha512-${SHA512}`, recordsIntegrity: true, ...fields });

function check(copies: LockedCopy[], lookup: HistoryResult = found(history)) {
  return lockfileBindingRule.evaluate(createRuleContext(makeLockedPackage({ copies }), lookup, NOW), params);
}
const kinds = (copies: LockedCopy[], lookup?: HistoryResult) => check(copies, lookup).map((finding) => `${finding.location} ${finding.kind}`);

describe('lockfile-binding', () => {
  test('a copy that is what the registry published passes, however the URL is spelled', () => {
    expect(check([copy({})])).toEqual([]);
    expect(check([copy({ resolved: 'http://NPM.corp.example:8443/pkg/-/pkg-1.0.0.tgz#deadbeef' })])).toEqual([]);
    expect(check([copy({ resolved: null })])).toEqual([]);
    expect(check([copy({ integrity: `sha1-${Buffer.from(SHASUM, 'hex').toString('base64')}` })])).toEqual([]);
  });

  test('every copy is judged: a second copy from another host is reported with its location', () => {
    const evil = copy({ location: 'node_modules/z/node_modules/pkg', resolved: 'https://evil.example/pkg/-/pkg-1.0.0.tgz', integrity: `sha512-${OTHER}` });
    expect(check([copy({}), evil])).toEqual([
      { rule: 'lockfile-binding', severity: 'block', eligibleAt: null, kind: 'tarball', location: evil.location, locked: evil.resolved, published: TARBALL, registry: REGISTRY },
      { rule: 'lockfile-binding', severity: 'block', eligibleAt: null, kind: 'integrity', location: evil.location, locked: evil.integrity, published: history.versions[0]!.integrity, registry: REGISTRY },
    ]);
  });

  test('the usual tarball path on a host the configuration names is the same file (a mirror); another port is another server', () => {
    expect(kinds([copy({ resolved: 'https://registry.npmjs.org/pkg/-/pkg-1.0.0.tgz' })])).toEqual([]);
    expect(kinds([copy({ resolved: 'https://registry.yarnpkg.com/pkg/-/pkg-1.0.0.tgz#' + SHASUM })])).toEqual([]);
    expect(kinds([copy({ resolved: 'https://npm.corp.example:9999/pkg/-/pkg-1.0.0.tgz' })])).toEqual(['node_modules/pkg tarball']);
  });

  test('a scope mapped to a private registry names only that host: a public npm URL is reported', () => {
    const scoped: HistoryResult = { status: 'found', history, registryHosts: ['npm.corp.example:8443'] };
    expect(kinds([copy({ resolved: 'https://registry.npmjs.org/pkg/-/pkg-1.0.0.tgz' })], scoped)).toEqual(['node_modules/pkg tarball']);
    expect(kinds([copy({})], scoped)).toEqual([]);
  });

  test('on a registry host, a URL the registry did not publish (another GitHub Packages download) is reported', () => {
    expect(kinds([copy({ resolved: `${REGISTRY}download/pkg/1.0.0/0123` })])).toEqual(['node_modules/pkg tarball']);
  });

  test('integrity: missing, mismatched, or naming no algorithm the registry publishes', () => {
    expect(kinds([copy({ integrity: null })])).toEqual(['node_modules/pkg missing-integrity']);
    expect(kinds([copy({ integrity: `sha512-${OTHER} sha1-${Buffer.from(SHASUM, 'hex').toString('base64')}` })])).toEqual(['node_modules/pkg integrity']);
    expect(kinds([copy({ integrity: `sha384-${OTHER.slice(0, 64)}` })])).toEqual(['node_modules/pkg integrity-algorithm']);
  });

  test("Yarn classic's #sha1 fragment stands for a missing integrity", () => {
    expect(kinds([copy({ integrity: null, resolved: `${TARBALL}#${SHASUM}` })])).toEqual([]);
    expect(kinds([copy({ integrity: null, resolved: `${TARBALL}#${'00'.repeat(20)}` })])).toEqual(['node_modules/pkg integrity']);
  });

  test('nothing to bind: a format without integrity, a registry without digests or tarball, an unlocked version', () => {
    expect(check([copy({ integrity: null, recordsIntegrity: false })])).toEqual([]);
    const bare = makeHistory({ name: 'pkg', registry: REGISTRY, versions: [makeVersion({ version: '1.0.0' })] });
    expect(kinds([copy({ integrity: null })], found(bare))).toEqual([]);
    expect(kinds([copy({ resolved: `${REGISTRY}elsewhere/pkg.tgz` })], found(bare))).toEqual([]);
    expect(kinds([copy({ resolved: 'https://evil.example/pkg.tgz' })], found(bare))).toEqual(['node_modules/pkg tarball']);
    const unlocked = { name: 'pkg', version: '1.0.0', source: 'registry' as const, resolved: null };
    expect(lockfileBindingRule.evaluate(createRuleContext(unlocked, found(history), NOW), params)).toEqual([]);
  });

  test('is off when the rule is off', () => {
    const pkg = makeLockedPackage({ copies: [copy({ resolved: 'https://evil.example/x.tgz' })] });
    expect(lockfileBindingRule.evaluate(createRuleContext(pkg, found(history), NOW), { severity: 'off' })).toEqual([]);
  });

  test('canonicalTarballUrl sets aside scheme, default port, escapes and fragment', () => {
    expect(canonicalTarballUrl('http://R.example:80/@s%2Fpkg/-/pkg-1.0.0.tgz#abc')).toBe(canonicalTarballUrl('https://r.example/@s/pkg/-/pkg-1.0.0.tgz'));
    expect(canonicalTarballUrl('git+ssh://x')).toBeNull();
  });
});
