/**
 * The remedy plan (engine/plan.ts) through checkLockfile: one consistent fix for the whole
 * lockfile, grouped by root cause (issue 16). Histories are shaped like the real cases the
 * issue reports: @babel/core and @babel/generator, rollup and its platform packages.
 */
import { checkLockfile } from '../../src/engine/check-lockfile.js';
import { majorLine, planRemedies, sameMajorLine } from '../../src/engine/plan.js';
import { evaluatePackage } from '../../src/engine/evaluate.js';
import { versionPicker } from '../../src/engine/suggest.js';
import type { HistoryResult, HistorySource } from '../../src/model/history-source.js';
import type { CheckedPackage } from '../../src/model/report.js';
import type { Dependent, LockedPackage, ReleaseHistory, VersionRecord } from '../../src/model/types.js';
import { daysAgo, found, makeHistory, makeLockedPackage, makeVersion, notFound, NOW } from '../support/history.js';
import { makePolicy } from '../support/policy.js';

function sourceOf(histories: ReleaseHistory[]): HistorySource {
  return {
    async fetchHistory(name: string): Promise<HistoryResult> {
      const history = histories.find((entry) => entry.name === name);
      return history ? found(history) : notFound(name);
    },
  };
}

const history = (name: string, versions: Array<[string, number, Partial<VersionRecord>?]>): ReleaseHistory =>
  makeHistory({ name, versions: versions.map(([version, age, fields]) => makeVersion({ version, publishedAt: daysAgo(age), ...fields })) });

const locked = (name: string, version: string, dependents: Dependent[], fields: Partial<LockedPackage> = {}): LockedPackage =>
  makeLockedPackage({ name, version, dependents, requestedRanges: [...new Set(dependents.flatMap((d) => (d.range === null ? [] : [d.range])))], ...fields });

const policy = makePolicy();

async function check(packages: LockedPackage[], histories: ReleaseHistory[]): Promise<Map<string, CheckedPackage>> {
  const result = await checkLockfile(packages, { source: sourceOf(histories), policy, now: NOW });
  return new Map(result.packages.map((entry) => [`${entry.name}@${entry.version}`, entry]));
}

describe('targets after the dependents\' own fixes', () => {
  // @babel/core 7.29.16 asks for @babel/generator ^7.29.16; both are 2 days old. jest-snapshot
  // (old, allowed) asks for ^7.7.2. 7.29.15 is 12 days old; 8.1.3 is a new major.
  const histories = [
    history('@babel/core', [['7.29.12', 60], ['7.29.13', 30], ['7.29.16', 2]]),
    history('@babel/generator', [['7.29.13', 30], ['7.29.15', 12], ['8.1.3', 20], ['7.29.16', 2]]),
    history('jest-snapshot', [['30.2.0', 90]]),
  ];
  const packages = [
    locked('@babel/core', '7.29.16', [{ dependent: null, range: '^7.24.0' }], { direct: true, dev: true }),
    locked('@babel/generator', '7.29.16', [
      { dependent: '@babel/core@7.29.16', range: '^7.29.16' },
      { dependent: 'jest-snapshot@30.2.0', range: '^7.7.2' },
    ]),
    locked('jest-snapshot', '30.2.0', [{ dependent: null, range: '^30.0.0' }], { direct: true }),
  ];

  test('@babel/core held at 7.29.13 frees its ^7.29.16 demand: @babel/generator is held at 7.29.15, not 8.1.3', async () => {
    const checked = await check(packages, histories);
    const core = checked.get('@babel/core@7.29.16');
    const generator = checked.get('@babel/generator@7.29.16');
    expect(core?.plan).toMatchObject({ role: 'cause', target: '7.29.13', fit: 'in-range', heldDependents: [] });
    expect(generator?.plan).toMatchObject({
      role: 'cause',
      target: '7.29.15',
      fit: 'in-range',
      ranges: ['^7.0.0', '^7.7.2'],
      heldDependents: [{ name: '@babel/core', version: '7.29.16', target: '7.29.13' }],
    });
    // Each package alone (the old suggestion) finds nothing in ^7.29.16 and offers the new major.
    expect(generator?.suggestion).toEqual({ inRange: null, anyRange: '8.1.3' });
    expect(generator?.remedies[0]).toEqual({ kind: 'override', packageManager: 'npm', field: 'overrides', name: '@babel/generator', version: '7.29.15', fit: 'in-range' });
    expect(core?.remedies[0]).toEqual({ kind: 'install', packageManager: 'npm', args: ['npm', 'install', '--save-dev', '@babel/core@7.29.13'], version: '7.29.13', fit: 'in-range' });
  });

  test('the plan does not depend on the order of the entries (a dependent planned after its child)', () => {
    const entries = packages.map((pkg) => {
      const h = histories.find((entry) => entry.name === pkg.name)!;
      const verdict = evaluatePackage(pkg, found(h), policy, NOW);
      return { pkg, verdict, picker: verdict.verdict === 'block' ? versionPicker(h, policy, NOW, pkg.dev) : null };
    });
    for (const order of [entries, [...entries].reverse()]) {
      expect(planRemedies(order).get('@babel/generator@7.29.16')).toMatchObject({ target: '7.29.15', fit: 'in-range' });
    }
  });

  test('when the dependent cannot move (nothing of it passes), its demand still binds', async () => {
    const stuck = [history('@babel/core', [['7.29.16', 2]]), ...histories.slice(1)];
    const generator = (await check(packages, stuck)).get('@babel/generator@7.29.16');
    expect(generator?.plan).toMatchObject({ target: '8.1.3', fit: 'crosses-major', heldDependents: [] });
    expect(generator?.remedies[0]).toMatchObject({ kind: 'override', version: '8.1.3', fit: 'crosses-major' });
  });

  test('a parent and a child both blocked, the child not pinned: the child is held within the parent\'s older line', async () => {
    const checked = await check(
      [
        locked('app-kit', '2.1.0', [{ dependent: null, range: '^2.0.0' }], { direct: true }),
        locked('tiny-lib', '1.5.0', [{ dependent: 'app-kit@2.1.0', range: '^1.5.0' }]),
      ],
      [history('app-kit', [['2.0.0', 100], ['2.1.0', 3]]), history('tiny-lib', [['1.4.0', 100], ['1.5.0', 5]])],
    );
    expect(checked.get('app-kit@2.1.0')?.plan).toMatchObject({ role: 'cause', target: '2.0.0', fit: 'in-range', members: [] });
    // Its range is not exact, so holding app-kit does not by itself move tiny-lib: its own remedy.
    expect(checked.get('tiny-lib@1.5.0')?.plan).toMatchObject({
      role: 'cause',
      target: '1.4.0',
      fit: 'in-range',
      heldDependents: [{ name: 'app-kit', version: '2.1.0', target: '2.0.0' }],
    });
  });

  test('nothing in range passes: the newest passing version is offered, marked as crossing a major', async () => {
    const checked = await check(
      [locked('left-pad', '3.0.1', [{ dependent: null, range: '^3.0.0' }], { direct: true })],
      [history('left-pad', [['2.9.0', 200], ['3.0.0', 2], ['3.0.1', 1]])],
    );
    const entry = checked.get('left-pad@3.0.1');
    expect(entry?.plan).toMatchObject({ target: '2.9.0', fit: 'crosses-major', ranges: ['^3.0.0'] });
    expect(entry?.remedies[0]).toMatchObject({ kind: 'install', version: '2.9.0', fit: 'crosses-major' });
  });

  test('outside the range but in the same major line is marked outside-range', async () => {
    const checked = await check(
      [locked('qs', '6.14.1', [{ dependent: 'express@5.0.0', range: '^6.14.0' }])],
      [history('qs', [['6.13.0', 200], ['6.14.0', 2], ['6.14.1', 1]])],
    );
    expect(checked.get('qs@6.14.1')?.plan).toMatchObject({ target: '6.13.0', fit: 'outside-range' });
  });

  test('no range recorded (pnpm\'s transitive entries): the locked major line stands in, and a new major is marked', async () => {
    const pkg = locked('js-tokens', '4.0.1', [{ dependent: 'loose-envify@1.4.0', range: null }]);
    const inLine = await check([pkg], [history('js-tokens', [['3.0.2', 400], ['4.0.0', 300], ['4.0.1', 1]])]);
    expect(inLine.get('js-tokens@4.0.1')?.plan).toMatchObject({ target: '4.0.0', fit: 'in-range', rangesKnown: false, ranges: ['^4.0.0'] });
    const across = await check([pkg], [history('js-tokens', [['3.0.2', 400], ['4.0.1', 1]])]);
    expect(across.get('js-tokens@4.0.1')?.plan).toMatchObject({ target: '3.0.2', fit: 'crosses-major', rangesKnown: false });
  });
});

describe('root causes', () => {
  const PLATFORMS = [
    'android-arm-eabi', 'android-arm64', 'darwin-arm64', 'darwin-x64', 'freebsd-arm64', 'freebsd-x64', 'linux-arm-gnueabihf',
    'linux-arm-musleabihf', 'linux-arm64-gnu', 'linux-arm64-musl', 'linux-loong64-gnu', 'linux-ppc64-gnu', 'linux-riscv64-gnu',
    'linux-riscv64-musl', 'linux-s390x-gnu', 'linux-x64-gnu', 'linux-x64-musl', 'win32-arm64-msvc', 'win32-ia32-msvc', 'win32-x64-msvc',
  ].map((platform) => `@rollup/rollup-${platform}`);
  const histories = [
    history('rollup', [['4.49.0', 30], ['4.50.0', 1]]),
    ...PLATFORMS.map((name) => history(name, [['4.49.0', 30], ['4.50.0', 1]])),
  ];
  const packages = [
    locked('rollup', '4.50.0', [{ dependent: null, range: '^4.0.0' }], { direct: true, dev: true }),
    ...PLATFORMS.map((name) => locked(name, '4.50.0', [{ dependent: 'rollup@4.50.0', range: '4.50.0' }], { optional: true, dev: true })),
  ];

  test('rollup and its 20 platform packages of the same release: one remedy, on rollup', async () => {
    const checked = await check(packages, histories);
    const rollup = checked.get('rollup@4.50.0');
    expect(rollup?.plan).toMatchObject({ role: 'cause', target: '4.49.0', fit: 'in-range', membersOptional: true });
    expect(rollup?.plan?.members).toEqual(PLATFORMS.map((name) => `${name}@4.50.0`).sort());
    for (const name of PLATFORMS) {
      const member = checked.get(`${name}@4.50.0`);
      expect(member?.plan).toMatchObject({ role: 'member', cause: 'rollup@4.50.0', target: null });
      // The member's fix is rollup's; its own exception stays (each version needs its own).
      expect(member?.remedies.map((r) => r.kind)).toEqual(['install', 'exception']);
      expect(member?.remedies[0]).toMatchObject({ args: ['npm', 'install', '--save-dev', 'rollup@4.49.0'] });
    }
  });

  test('a platform package blocked for something else than its age is never hidden in the group', async () => {
    const tampered = histories.map((h) =>
      h.name === '@rollup/rollup-linux-x64-gnu'
        ? history(h.name, [['4.49.0', 30], ['4.50.0', 1, { installScripts: ['postinstall'] }]])
        : h,
    );
    const checked = await check(packages, tampered);
    expect(checked.get('@rollup/rollup-linux-x64-gnu@4.50.0')?.plan).toMatchObject({ role: 'cause', target: '4.49.0' });
    expect(checked.get('rollup@4.50.0')?.plan?.members).toHaveLength(19);
  });

  test('a child published long before its parent is not of the same release, nor one asked for with a caret', async () => {
    const checked = await check(
      [
        locked('vite', '7.1.0', [{ dependent: null, range: '^7.0.0' }], { direct: true }),
        locked('esbuild', '0.25.9', [{ dependent: 'vite@7.1.0', range: '^0.25.0' }]),
        locked('vite-helper', '1.0.1', [{ dependent: 'vite@7.1.0', range: '1.0.1' }]),
      ],
      [history('vite', [['7.0.0', 60], ['7.1.0', 1]]), history('esbuild', [['0.25.8', 60], ['0.25.9', 1]]), history('vite-helper', [['1.0.0', 60], ['1.0.1', 5]])],
    );
    expect(checked.get('vite@7.1.0')?.plan?.members).toEqual([]);
    expect(checked.get('esbuild@0.25.9')?.plan).toMatchObject({ role: 'cause', target: '0.25.8', heldDependents: [{ name: 'vite', target: '7.0.0' }] });
    expect(checked.get('vite-helper@1.0.1')?.plan).toMatchObject({ role: 'cause', target: '1.0.0' });
  });
});

test('majorLine and sameMajorLine follow caret semantics (0.x: the minor is the major)', () => {
  expect([majorLine('7.29.16'), majorLine('0.25.9'), majorLine('0.0.3'), majorLine('not-semver')]).toEqual(['^7.0.0', '^0.25.0', '^0.0.3', null]);
  expect([sameMajorLine('7.29.16', '7.0.1'), sameMajorLine('7.29.16', '8.1.3'), sameMajorLine('0.25.9', '0.24.0')]).toEqual([true, false, false]);
});
