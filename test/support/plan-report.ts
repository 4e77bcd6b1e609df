/**
 * A check report made by checkLockfile (so the plan is the engine's) for the reporters' tests of
 * issue 16: vite brings rollup 4.50.0 and its 20 platform packages of the same release;
 * @babel/core 7.29.16 asks for @babel/generator ^7.29.16; left-pad has nothing in its range.
 */
import { checkLockfile } from '../../src/engine/check-lockfile.js';
import type { HistoryResult, HistorySource } from '../../src/model/history-source.js';
import type { CheckReport } from '../../src/model/report.js';
import type { LockedPackage, ReleaseHistory } from '../../src/model/types.js';
import { daysAgo, found, makeHistory, makeLockedPackage, makeVersion, notFound, NOW } from './history.js';
import { makePolicy } from './policy.js';
import { checkReport } from './report.js';

export const PLATFORMS = Array.from({ length: 20 }, (_, i) => `@rollup/rollup-platform-${String(i).padStart(2, '0')}`);

const history = (name: string, versions: Array<[string, number]>): ReleaseHistory =>
  makeHistory({ name, versions: versions.map(([version, age]) => makeVersion({ version, publishedAt: daysAgo(age) })) });

const histories = [
  history('vite', [['7.0.0', 100]]),
  history('rollup', [['4.49.0', 30], ['4.50.0', 1]]),
  ...PLATFORMS.map((name) => history(name, [['4.49.0', 30], ['4.50.0', 1]])),
  history('@babel/core', [['7.29.13', 30], ['7.29.16', 2]]),
  history('@babel/generator', [['7.29.15', 12], ['8.1.3', 20], ['7.29.16', 2]]),
  history('left-pad', [['2.9.0', 200], ['3.0.1', 1]]),
];
const source: HistorySource = {
  async fetchHistory(name): Promise<HistoryResult> {
    const found_ = histories.find((h) => h.name === name);
    return found_ ? found(found_) : notFound(name);
  },
};

const packages: LockedPackage[] = [
  makeLockedPackage({ name: 'vite', version: '7.0.0', direct: true, dependents: [{ dependent: null, range: '^7.0.0' }], paths: [['vite@7.0.0']] }),
  makeLockedPackage({ name: 'rollup', version: '4.50.0', dependents: [{ dependent: 'vite@7.0.0', range: '^4.43.0' }], requestedRanges: ['^4.43.0'], paths: [['vite@7.0.0', 'rollup@4.50.0']] }),
  ...PLATFORMS.map((name) =>
    makeLockedPackage({ name, version: '4.50.0', optional: true, dependents: [{ dependent: 'rollup@4.50.0', range: '4.50.0' }], paths: [['vite@7.0.0', 'rollup@4.50.0', `${name}@4.50.0`]] }),
  ),
  makeLockedPackage({ name: '@babel/core', version: '7.29.16', direct: true, dependents: [{ dependent: null, range: '^7.24.0' }], paths: [['@babel/core@7.29.16']] }),
  makeLockedPackage({
    name: '@babel/generator',
    version: '7.29.16',
    dependents: [{ dependent: '@babel/core@7.29.16', range: '^7.29.16' }],
    requestedRanges: ['^7.29.16'],
    paths: [['@babel/core@7.29.16', '@babel/generator@7.29.16']],
  }),
  makeLockedPackage({ name: 'left-pad', version: '3.0.1', direct: true, dependents: [{ dependent: null, range: '^3.0.0' }], requestedRanges: ['^3.0.0'], paths: [['left-pad@3.0.1']] }),
];

export async function planReport(): Promise<CheckReport> {
  const result = await checkLockfile(packages, { source, policy: makePolicy(), now: NOW });
  return checkReport(result.packages);
}

