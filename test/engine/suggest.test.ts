import { newestAllowed } from '../../src/engine/suggest.js';
import type { VersionRecord } from '../../src/model/types.js';
import { daysAgo, makeHistory, makeUnpublishedVersion, makeVersion, NOW } from '../support/history.js';
import { makePolicy } from '../support/policy.js';

const policy = makePolicy();

function aged(version: string, ageDays: number, fields: Partial<VersionRecord> = {}): VersionRecord {
  return makeVersion({ version, publishedAt: daysAgo(ageDays), ...fields });
}

// 1.2.0 and 2.1.0 are too young under the 7-day test policy.
const versions = [aged('1.0.0', 400), aged('1.1.0', 300), aged('2.0.0', 100), aged('1.2.0', 3), aged('2.1.0', 2)];

function suggest(ranges: string[], list = versions, p = policy) {
  return newestAllowed(makeHistory({ versions: list }), ranges, p, NOW);
}

describe('newestAllowed', () => {
  test('finds the newest passing version inside the ranges and overall', () => {
    expect(suggest(['^1.0.0'])).toEqual({ inRange: '1.1.0', anyRange: '2.0.0' });
  });

  test('every requested range must be satisfied', () => {
    expect(suggest(['^1.0.0', '<1.1.0'])).toEqual({ inRange: '1.0.0', anyRange: '2.0.0' });
  });

  test('ranges that are not semver ranges are ignored', () => {
    expect(suggest(['latest', 'https://example.com/pkg.tgz', '^1.0.0'])).toEqual({ inRange: '1.1.0', anyRange: '2.0.0' });
    expect(suggest(['latest'])).toEqual({ inRange: '2.0.0', anyRange: '2.0.0' });
  });

  test('prereleases are never suggested', () => {
    const list = [...versions, aged('2.2.0-beta.1', 50), aged('1.3.0-rc.1', 50)];
    expect(suggest(['^1.0.0'], list)).toEqual({ inRange: '1.1.0', anyRange: '2.0.0' });
  });

  test('unpublished and deprecated versions are skipped', () => {
    const list = [aged('1.0.0', 400), aged('1.1.0', 300, { deprecated: 'use 1.0.0' }), makeUnpublishedVersion('2.0.0', daysAgo(100))];
    expect(suggest(['^1.0.0'], list)).toEqual({ inRange: '1.0.0', anyRange: '1.0.0' });
  });

  test('unpublished versions are skipped even when missing-version is off', () => {
    const lenient = makePolicy({ 'missing-version': { severity: 'off' } });
    const list = [aged('1.0.0', 400), makeUnpublishedVersion('1.1.0', daysAgo(100))];
    expect(suggest(['^1.0.0'], list, lenient)).toEqual({ inRange: '1.0.0', anyRange: '1.0.0' });
  });

  test('a warned version passes; only blocks are skipped', () => {
    const warnAge = makePolicy({ 'release-age': { severity: 'warn' } });
    expect(suggest(['^1.0.0'], versions, warnAge)).toEqual({ inRange: '1.2.0', anyRange: '2.1.0' });
  });

  test('a version blocked by another rule is skipped', () => {
    const list = [aged('1.0.0', 400), aged('1.1.0', 300, { installScripts: ['postinstall'] })];
    expect(suggest(['^1.0.0'], list)).toEqual({ inRange: '1.0.0', anyRange: '1.0.0' });
  });

  test('nothing passes: both null', () => {
    expect(suggest(['^1.0.0'], [aged('1.0.0', 1), aged('1.1.0', 2)])).toEqual({ inRange: null, anyRange: null });
  });

  test('nothing in range passes: only anyRange', () => {
    expect(suggest(['^3.0.0'])).toEqual({ inRange: null, anyRange: '2.0.0' });
  });
});
