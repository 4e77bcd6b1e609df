import { releaseAgeRule } from '../../src/rules/release-age.js';
import { days, daysAgo, makeHistory, makeVersion, NOW } from '../support/history.js';
import { ruleContextFor } from '../support/rule-context.js';

const params = { severity: 'block', minReleaseAge: days(7) } as const;

function evaluate(publishedAt: number | null, now = NOW) {
  const history = makeHistory({ versions: [makeVersion({ version: '1.0.0', publishedAt })] });
  return releaseAgeRule.evaluate(ruleContextFor(history, '1.0.0', now), params);
}

describe('release-age', () => {
  test('a version younger than minReleaseAge is held until it is old enough', () => {
    expect(evaluate(daysAgo(2))).toEqual([
      {
        rule: 'release-age',
        severity: 'block',
        publishedAt: daysAgo(2),
        minReleaseAge: days(7),
        eligibleAt: daysAgo(2) + days(7),
      },
    ]);
  });

  test('a version older than minReleaseAge passes', () => {
    expect(evaluate(daysAgo(8))).toEqual([]);
  });

  test('the version becomes eligible exactly at publishedAt + minReleaseAge', () => {
    expect(evaluate(daysAgo(7))).toEqual([]);
    expect(evaluate(daysAgo(7) + 1)).toHaveLength(1);
  });

  test('an unknown publish time is left to unknown-publish-time', () => {
    expect(evaluate(null)).toEqual([]);
  });

  test('the finding carries the configured severity', () => {
    const history = makeHistory({ versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(1) })] });
    const [finding] = releaseAgeRule.evaluate(ruleContextFor(history, '1.0.0'), { ...params, severity: 'warn' });
    expect(finding?.severity).toBe('warn');
  });

  test('severity off produces nothing', () => {
    const history = makeHistory({ versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(1) })] });
    expect(releaseAgeRule.evaluate(ruleContextFor(history, '1.0.0'), { ...params, severity: 'off' })).toEqual([]);
  });
});
