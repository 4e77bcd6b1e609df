import { unknownPublishTimeRule } from '../../src/rules/unknown-publish-time.js';
import { daysAgo, makeHistory, makeVersion, TEST_REGISTRY } from '../support/history.js';
import { ruleContextFor } from '../support/rule-context.js';

const params = { severity: 'block' } as const;

describe('unknown-publish-time', () => {
  test('a version without a publish time is reported with the registry that lacked it', () => {
    const history = makeHistory({
      versions: [makeVersion({ version: '1.0.0' }), makeVersion({ version: '1.1.0', publishedAt: null })],
    });
    expect(unknownPublishTimeRule.evaluate(ruleContextFor(history, '1.1.0'), params)).toEqual([
      { rule: 'unknown-publish-time', severity: 'block', eligibleAt: null, registry: TEST_REGISTRY },
    ]);
  });

  test('a version with a publish time is not reported', () => {
    const history = makeHistory({
      versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(1) }), makeVersion({ version: '1.1.0', publishedAt: null })],
    });
    expect(unknownPublishTimeRule.evaluate(ruleContextFor(history, '1.0.0'), params)).toEqual([]);
  });

  test('a registry that gives no times at all (GitHub Packages) is reported, not waved through', () => {
    const history = makeHistory({
      registry: 'https://npm.pkg.github.com/',
      versions: [makeVersion({ version: '1.0.0', publishedAt: null }), makeVersion({ version: '2.0.0', publishedAt: null })],
    });
    expect(history.created).toBeNull();
    for (const version of ['1.0.0', '2.0.0']) {
      const findings = unknownPublishTimeRule.evaluate(ruleContextFor(history, version), params);
      expect(findings).toEqual([expect.objectContaining({ registry: 'https://npm.pkg.github.com/' })]);
    }
  });

  test('a version the registry does not have is left to missing-version', () => {
    const history = makeHistory({ versions: [makeVersion({ version: '1.0.0', publishedAt: null })] });
    expect(unknownPublishTimeRule.evaluate(ruleContextFor(history, '9.9.9'), params)).toEqual([]);
  });
});
