import type { SourceKind } from '../../src/model/types.js';
import { nonRegistrySourceRule } from '../../src/rules/non-registry-source.js';
import { createRuleContext } from '../../src/model/rule.js';
import { found, makeHistory, makeLockedPackage, makeVersion, NOW } from '../support/history.js';

const params = { severity: 'block' } as const;

function evaluate(source: SourceKind, resolved: string | null) {
  return nonRegistrySourceRule.evaluate(createRuleContext(makeLockedPackage({ source, resolved }), null, NOW), params);
}

describe('non-registry-source', () => {
  test.each<[SourceKind, string]>([
    ['git', 'git+ssh://git@github.com/acme/pkg.git#0123abc'],
    ['tarball', 'https://example.com/pkg-1.0.0.tgz'],
    ['file', 'file:../vendor/pkg'],
    ['link', 'link:../pkg'],
  ])('%s sources are reported with what the lockfile says', (source, resolved) => {
    expect(evaluate(source, resolved)).toEqual([
      { rule: 'non-registry-source', severity: 'block', eligibleAt: null, source, resolved },
    ]);
  });

  test('workspace packages are the project itself and are not reported', () => {
    expect(evaluate('workspace', null)).toEqual([]);
  });

  test('registry packages are not reported', () => {
    expect(evaluate('registry', 'https://registry.npmjs.org/pkg/-/pkg-1.0.0.tgz')).toEqual([]);
  });

  describe('a registry-shaped URL on another host (lockfile injection)', () => {
    const history = makeHistory({ name: 'pkg', registry: 'https://npm.corp.example:8443/', versions: [makeVersion({ version: '1.0.0' })] });
    const check = (resolved: string | null) =>
      nonRegistrySourceRule.evaluate(createRuleContext(makeLockedPackage({ resolved }), found(history), NOW), params);

    test('is reported with the URL and the registry whose history was checked', () => {
      const resolved = 'https://evil.example/pkg/-/pkg-1.0.0.tgz';
      expect(check(resolved)).toEqual([
        { rule: 'non-registry-source', severity: 'block', eligibleAt: null, source: 'tarball', resolved, checkedRegistry: history.registry },
      ]);
    });

    test('the checked registry itself, and the public npm hosts that npm and Yarn rewrite, are not', () => {
      expect(check('https://npm.corp.example:8443/pkg/-/pkg-1.0.0.tgz')).toEqual([]);
      expect(check('https://registry.npmjs.org/pkg/-/pkg-1.0.0.tgz')).toEqual([]);
      expect(check('https://registry.yarnpkg.com/pkg/-/pkg-1.0.0.tgz')).toEqual([]);
      expect(check(null)).toEqual([]);
    });

    test('the same host on another port is another server', () => {
      expect(check('https://npm.corp.example:9999/pkg/-/pkg-1.0.0.tgz')).toHaveLength(1);
    });

    test('is off when the rule is off', () => {
      const off = nonRegistrySourceRule.evaluate(
        createRuleContext(makeLockedPackage({ resolved: 'https://evil.example/pkg/-/pkg-1.0.0.tgz' }), found(history), NOW),
        { severity: 'off' },
      );
      expect(off).toEqual([]);
    });
  });
});
