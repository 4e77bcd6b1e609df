import type { HistoryResult } from '../../src/model/history-source.js';
import type { LockedPackage } from '../../src/model/types.js';
import { missingVersionRule } from '../../src/rules/missing-version.js';
import { createRuleContext } from '../../src/model/rule.js';
import {
  daysAgo,
  found,
  makeHistory,
  makeLockedPackage,
  makeUnpublishedVersion,
  makeVersion,
  notFound,
  NOW,
  TEST_REGISTRY,
} from '../support/history.js';

const params = { severity: 'block' } as const;

function evaluate(lookup: HistoryResult | null, pkg: Partial<LockedPackage> = {}) {
  return missingVersionRule.evaluate(createRuleContext(makeLockedPackage({ version: '1.1.0', ...pkg }), lookup, NOW), params);
}

describe('missing-version', () => {
  test('a package the registry does not know is kind package', () => {
    expect(evaluate(notFound('pkg', 'https://registry.example/'))).toEqual([
      { rule: 'missing-version', severity: 'block', eligibleAt: null, kind: 'package', registry: 'https://registry.example/', unpublishedAt: null },
    ]);
  });

  test('a version absent from the history is kind version', () => {
    const history = makeHistory({ versions: [makeVersion({ version: '1.0.0' })] });
    expect(evaluate(found(history))).toEqual([
      { rule: 'missing-version', severity: 'block', eligibleAt: null, kind: 'version', registry: TEST_REGISTRY, unpublishedAt: null },
    ]);
  });

  test('an unpublished version is missing', () => {
    const history = makeHistory({ versions: [makeVersion({ version: '1.0.0' }), makeUnpublishedVersion('1.1.0')] });
    expect(evaluate(found(history))).toEqual([expect.objectContaining({ kind: 'version' })]);
  });

  test('a fully unpublished package carries its unpublish time', () => {
    const history = makeHistory({
      unpublishedAt: daysAgo(3),
      versions: [makeUnpublishedVersion('1.0.0'), makeUnpublishedVersion('1.1.0')],
    });
    expect(evaluate(found(history))).toEqual([expect.objectContaining({ kind: 'version', unpublishedAt: daysAgo(3) })]);
  });

  test('a published version is not missing', () => {
    const history = makeHistory({ versions: [makeVersion({ version: '1.1.0' })] });
    expect(evaluate(found(history))).toEqual([]);
  });

  test('non-registry sources are never reported missing', () => {
    expect(evaluate(null, { source: 'git' })).toEqual([]);
    expect(evaluate(notFound(), { source: 'tarball' })).toEqual([]);
  });
});
