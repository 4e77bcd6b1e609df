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

  test('a registry package fetched from another host is left to lockfile-binding', () => {
    const history = makeHistory({ name: 'pkg', versions: [makeVersion({ version: '1.0.0' })] });
    const pkg = makeLockedPackage({ resolved: 'https://evil.example/pkg/-/pkg-1.0.0.tgz' });
    expect(nonRegistrySourceRule.evaluate(createRuleContext(pkg, found(history), NOW), params)).toEqual([]);
  });
});
