import { checkLockfile } from '../../src/engine/check-lockfile.js';
import { evaluatePackage } from '../../src/engine/evaluate.js';
import type { HistoryResult, HistorySource } from '../../src/model/history-source.js';
import { mergeLockfiles } from '../../src/engine/merge-lockfiles.js';
import { remediesFor, type RemedyInput } from '../../src/engine/remedy.js';
import type { PlanFit } from '../../src/model/report.js';
import type { Finding, LockedPackage, Lockfile, PackageManager, ReleaseHistory } from '../../src/model/types.js';
import { days, daysAgo, found, makeHistory, makeLockedPackage, makeVersion, notFound, NOW } from '../support/history.js';
import { makePolicy } from '../support/policy.js';

// NOW is 2026-11-20T12:00Z: thirty days later is 2026-12-20.
const IN_30_DAYS = '2026-12-20';

const releaseAge = (publishedAt: number): Finding => ({
  rule: 'release-age',
  severity: 'block',
  eligibleAt: publishedAt + days(7),
  publishedAt,
  minReleaseAge: days(7),
});
const installScript: Finding = { rule: 'install-script', severity: 'block', eligibleAt: null, scripts: ['postinstall'], previousVersion: '1.0.0' };
const unknownTimeWarning: Finding = { rule: 'unknown-publish-time', severity: 'warn', eligibleAt: null, registry: 'https://registry.npmjs.org/' };

type Target = { version: string; fit: PlanFit } | null;

function input(fields: Partial<Omit<RemedyInput, 'pkg' | 'move'>> & { pkg?: Partial<RemedyInput['pkg']>; target?: Target } = {}): RemedyInput {
  const { pkg: fieldsPkg, target = { version: '1.1.0', fit: 'in-range' }, ...rest } = fields;
  const pkg = { name: 'lib', version: '1.2.0', direct: true, dev: false, aliases: [], ...fieldsPkg };
  return {
    pkg,
    findings: [releaseAge(daysAgo(1))],
    eligibleAt: daysAgo(1) + days(7),
    move: target === null ? null : { pkg, ...target },
    packageManagers: ['npm'],
    maxExceptionDays: 90,
    ...rest,
  };
}

const commandsOf = (packageManager: PackageManager, dev: boolean): string[] =>
  remediesFor(input({ pkg: { dev }, packageManagers: [packageManager] }), NOW).flatMap((r) => (r.kind === 'install' ? [r.args.join(' ')] : []));

describe('a direct dependency: the install command of each package manager', () => {
  test.each<[PackageManager, string, string]>([
    ['npm', 'npm install lib@1.1.0', 'npm install --save-dev lib@1.1.0'],
    ['pnpm', 'pnpm add lib@1.1.0', 'pnpm add --save-dev lib@1.1.0'],
    ['yarn-classic', 'yarn add lib@1.1.0', 'yarn add --dev lib@1.1.0'],
    ['yarn-berry', 'yarn add lib@1.1.0', 'yarn add --dev lib@1.1.0'],
    ['bun', 'bun add lib@1.1.0', 'bun add --dev lib@1.1.0'],
  ])('%s: prod and dev', (packageManager, prod, dev) => {
    expect(commandsOf(packageManager, false)).toEqual([prod]);
    expect(commandsOf(packageManager, true)).toEqual([dev]);
  });

  test('the whole list: install first, then the exception', () => {
    expect(remediesFor(input(), NOW)).toEqual([
      { kind: 'install', packageManager: 'npm', args: ['npm', 'install', 'lib@1.1.0'], version: '1.1.0', fit: 'in-range' },
      {
        kind: 'exception',
        args: ['quarantine', 'allow', 'lib@1.2.0', '--rule', 'release-age', '--reason', '<why this release is safe>', '--expires', '2026-11-26'],
        rules: ['release-age'],
        expires: '2026-11-26',
        capped: false,
      },
    ]);
  });
});

describe('a transitive dependency: the override field of each package manager', () => {
  test.each<[PackageManager, string]>([
    ['npm', 'overrides'],
    ['pnpm', 'pnpm.overrides'],
    ['yarn-classic', 'resolutions'],
    ['yarn-berry', 'resolutions'],
    ['bun', 'overrides'],
  ])('%s: %s', (packageManager, field) => {
    const remedies = remediesFor(input({ pkg: { direct: false }, packageManagers: [packageManager] }), NOW);
    expect(remedies[0]).toEqual({ kind: 'override', packageManager, field, name: 'lib', version: '1.1.0', fit: 'in-range' });
    expect(remedies.map((r) => r.kind)).toEqual(['override', 'exception']);
  });

  test('a dev-only transitive dependency is pinned the same way', () => {
    const remedies = remediesFor(input({ pkg: { direct: false, dev: true } }), NOW);
    expect(remedies[0]).toEqual({ kind: 'override', packageManager: 'npm', field: 'overrides', name: 'lib', version: '1.1.0', fit: 'in-range' });
  });
});

test('an aliased direct dependency cannot be moved by name: it gets an override for the real name', () => {
  const remedies = remediesFor(input({ pkg: { name: 'is-number', aliases: ['my-alias'] } }), NOW);
  expect(remedies.map((r) => r.kind)).toEqual(['override', 'exception']);
  expect(remedies[0]).toEqual({ kind: 'override', packageManager: 'npm', field: 'overrides', name: 'is-number', version: '1.1.0', fit: 'in-range' });
});

describe('which version', () => {
  test("the plan's version, with how it sits against the ranges", () => {
    const [first] = remediesFor(input({ target: { version: '1.1.0', fit: 'in-range' } }), NOW);
    expect(first).toMatchObject({ kind: 'install', version: '1.1.0', fit: 'in-range' });
  });

  test('a version across a major is marked so, never passed off as a plain fix', () => {
    const [first] = remediesFor(input({ target: { version: '2.0.0', fit: 'crosses-major' } }), NOW);
    expect(first).toEqual({ kind: 'install', packageManager: 'npm', args: ['npm', 'install', 'lib@2.0.0'], version: '2.0.0', fit: 'crosses-major' });
  });

  test('no move: only the exception remedy', () => {
    const remedies = remediesFor(input({ target: null }), NOW);
    expect(remedies.map((r) => r.kind)).toEqual(['exception']);
  });

  test("a member of a release gets its parent's move: the override names the parent", () => {
    const parent = { name: 'rollup', direct: false, dev: false, aliases: [] };
    const remedies = remediesFor({ ...input({ pkg: { name: '@rollup/rollup-linux-x64-gnu', direct: false } }), move: { pkg: parent, version: '4.49.0', fit: 'in-range' } }, NOW);
    expect(remedies[0]).toEqual({ kind: 'override', packageManager: 'npm', field: 'overrides', name: 'rollup', version: '4.49.0', fit: 'in-range' });
    expect(remedies[1]).toMatchObject({ kind: 'exception', args: expect.arrayContaining(['@rollup/rollup-linux-x64-gnu@1.2.0']) });
  });
});

describe('the exception remedy', () => {
  test('expires on the day the version becomes eligible by itself', () => {
    const [exception] = remediesFor(input({ target: null, eligibleAt: Date.parse('2026-11-23T23:59:59Z') }), NOW);
    expect(exception).toMatchObject({ kind: 'exception', expires: '2026-11-23' });
    expect(exception?.kind === 'exception' && exception.args.slice(-2)).toEqual(['--expires', '2026-11-23']);
  });

  test('thirty days from now when it never becomes eligible by itself', () => {
    const [exception] = remediesFor(input({ target: null, findings: [installScript], eligibleAt: null }), NOW);
    expect(exception).toMatchObject({ kind: 'exception', expires: IN_30_DAYS, rules: ['install-script'] });
  });

  test('thirty days from now when the eligible instant is not in the future', () => {
    for (const eligibleAt of [NOW, NOW - days(3)]) {
      const [exception] = remediesFor(input({ target: null, eligibleAt }), NOW);
      expect(exception).toMatchObject({ kind: 'exception', expires: IN_30_DAYS });
    }
    const [justAfter] = remediesFor(input({ target: null, eligibleAt: NOW + 1 }), NOW);
    expect(justAfter).toMatchObject({ kind: 'exception', expires: '2026-11-20' });
  });

  test("never past the policy's maxExceptionDays: a longer window or the thirty-day default is cut to that day", () => {
    // A 120-day window: eligible 2027-03-19, but the policy lets an exception run 90 days (2027-02-18).
    const [long] = remediesFor(input({ target: null, eligibleAt: NOW + days(120) }), NOW);
    expect(long).toMatchObject({ kind: 'exception', expires: '2027-02-18', capped: true });
    expect(long?.kind === 'exception' && long.args.slice(-2)).toEqual(['--expires', '2027-02-18']);
    const [short] = remediesFor(input({ target: null, findings: [installScript], eligibleAt: null, maxExceptionDays: 7 }), NOW);
    expect(short).toMatchObject({ expires: '2026-11-27', capped: true });
    // Exactly on the limit is not cut.
    const [onTheDay] = remediesFor(input({ target: null, eligibleAt: NOW + days(7), maxExceptionDays: 7 }), NOW);
    expect(onTheDay).toMatchObject({ expires: '2026-11-27', capped: false });
  });

  test('only blocking rules become --rule flags, each once, in finding order', () => {
    const findings = [releaseAge(daysAgo(1)), unknownTimeWarning, installScript, releaseAge(daysAgo(2))];
    const [exception] = remediesFor(input({ target: null, findings, eligibleAt: null }), NOW);
    expect(exception).toEqual({
      kind: 'exception',
      args: ['quarantine', 'allow', 'lib@1.2.0', '--rule', 'release-age', '--rule', 'install-script', '--reason', '<why this release is safe>', '--expires', IN_30_DAYS],
      rules: ['release-age', 'install-script'],
      expires: IN_30_DAYS,
      capped: false,
    });
  });

  test('a scoped name is used as is', () => {
    const remedies = remediesFor(input({ pkg: { name: '@myorg/ui' } }), NOW);
    expect(remedies[0]).toMatchObject({ args: ['npm', 'install', '@myorg/ui@1.1.0'] });
    expect(remedies[1]).toMatchObject({ args: expect.arrayContaining(['quarantine', 'allow', '@myorg/ui@1.2.0']) });
  });

  test('a name with characters a shell would interpret is one word, as is (reporters quote it)', () => {
    const [hostile] = remediesFor(input({ target: null, pkg: { name: 'x`id`$(id)"\\' } }), NOW);
    expect(hostile?.kind === 'exception' && hostile.args.slice(0, 3)).toEqual(['quarantine', 'allow', 'x`id`$(id)"\\@1.2.0']);
  });
});

describe('several package managers', () => {
  test('one remedy per package manager, duplicates removed, then one exception', () => {
    const remedies = remediesFor(input({ packageManagers: ['npm', 'pnpm', 'npm'] }), NOW);
    expect(remedies.map((r) => [r.kind, 'packageManager' in r ? r.packageManager : null])).toEqual([
      ['install', 'npm'],
      ['install', 'pnpm'],
      ['exception', null],
    ]);
    const overrides = remediesFor(input({ pkg: { direct: false }, packageManagers: ['yarn-berry', 'bun', 'yarn-berry'] }), NOW);
    expect(overrides.map((r) => (r.kind === 'override' ? `${r.packageManager} ${r.field}` : r.kind))).toEqual([
      'yarn-berry resolutions',
      'bun overrides',
      'exception',
    ]);
  });

  test('through checkLockfile: two lockfiles holding the same blocked package', async () => {
    const lib = makeHistory({
      name: 'lib',
      versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(300) }), makeVersion({ version: '1.2.0', publishedAt: daysAgo(1) })],
    });
    const source: HistorySource = {
      async fetchHistory(name: string): Promise<HistoryResult> {
        return name === lib.name ? found(lib) : notFound(name);
      },
    };
    const lockfile = (path: string, packageManager: PackageManager, pkg: LockedPackage): Lockfile => ({ path, packageManager, formatVersion: '1', packages: [pkg] });
    const merged = mergeLockfiles([
      lockfile('package-lock.json', 'npm', makeLockedPackage({ name: 'lib', version: '1.2.0', direct: false, requestedRanges: ['^1.0.0'] })),
      lockfile('pnpm-lock.yaml', 'pnpm', makeLockedPackage({ name: 'lib', version: '1.2.0', direct: true, requestedRanges: ['^1.0.0'] })),
    ]);
    const result = await checkLockfile(merged.packages, {
      source,
      policy: makePolicy(),
      now: NOW,
      lockfilesOf: merged.lockfilesOf,
      packageManagersOf: merged.packageManagersOf,
    });
    const [checked] = result.packages;
    expect(checked?.lockfiles).toEqual(['package-lock.json', 'pnpm-lock.yaml']);
    // direct in one lockfile makes it direct: the merged flag is an OR.
    expect(checked?.remedies).toEqual([
      { kind: 'install', packageManager: 'npm', args: ['npm', 'install', 'lib@1.0.0'], version: '1.0.0', fit: 'in-range' },
      { kind: 'install', packageManager: 'pnpm', args: ['pnpm', 'add', 'lib@1.0.0'], version: '1.0.0', fit: 'in-range' },
      {
        kind: 'exception',
        args: ['quarantine', 'allow', 'lib@1.2.0', '--rule', 'release-age', '--reason', '<why this release is safe>', '--expires', '2026-11-26'],
        rules: ['release-age'],
        expires: '2026-11-26',
        capped: false,
      },
    ]);
  });

  test('checkLockfile: npm is assumed without packageManagersOf; allowed packages get no remedies', async () => {
    const lib = makeHistory({
      name: 'lib',
      versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(300) }), makeVersion({ version: '1.2.0', publishedAt: daysAgo(1) })],
    });
    const source: HistorySource = { fetchHistory: async () => found(lib) };
    const result = await checkLockfile(
      [makeLockedPackage({ name: 'lib', version: '1.2.0', dev: true }), makeLockedPackage({ name: 'lib', version: '1.0.0', direct: true })],
      { source, policy: makePolicy(), now: NOW },
    );
    expect(result.packages.map((p) => [p.version, p.remedies.map((r) => r.kind)])).toEqual([
      ['1.0.0', []],
      ['1.2.0', ['override', 'exception']],
    ]);
    expect(result.packages[1]?.remedies[0]).toEqual({ kind: 'override', packageManager: 'npm', field: 'overrides', name: 'lib', version: '1.0.0', fit: 'in-range' });
  });
});

test('remedies are built from the findings that still count (an evaluated verdict)', () => {
  const history: ReleaseHistory = makeHistory({
    versions: [
      makeVersion({ version: '1.0.0', publishedAt: daysAgo(100) }),
      makeVersion({ version: '1.1.0', publishedAt: daysAgo(2), installScripts: ['postinstall'] }),
    ],
  });
  const pkg = makeLockedPackage({ version: '1.1.0', direct: true });
  const verdict = evaluatePackage(pkg, found(history), makePolicy(), NOW);
  const [exception] = remediesFor({ pkg, findings: verdict.findings, eligibleAt: verdict.eligibleAt, move: null, packageManagers: ['npm'], maxExceptionDays: 90 }, NOW);
  expect(exception).toMatchObject({ rules: ['release-age', 'install-script'], expires: IN_30_DAYS });
});
