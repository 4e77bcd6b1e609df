import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { isolatedEnv, runCli } from '../support/cli.js';
import { demoArgs, useDemoRegistry } from '../support/demo-registry.js';
import { daysBefore, FIXTURE_NOW, isoOf, makePackument } from '../support/packument.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();
const demo = (...args: string[]) => demoArgs(registryOf(), ...args);

interface WhyJson {
  schemaVersion: number;
  name: string;
  newestAllowed: string | null;
  notFound: boolean;
  publishers: Array<{ publisher: string; firstPublishedAt: string; versions: string[] }>;
  maintainerChanges: Array<{ version: string; added: string[]; removed: string[] }>;
  versions: Array<{
    version: string;
    locked: boolean;
    paths: string[][];
    publishedAt: string | null;
    publisher: string | null;
    verdict: string;
    eligibleAt: string | null;
    findings: Array<{ rule: string }>;
  }>;
}

async function whyJson(...args: string[]): Promise<WhyJson> {
  const result = await runCli(['why', ...args, '--json', ...demo()]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as WhyJson;
}

describe('quarantine why', () => {
  test('a taken-over package: publisher history, maintainer changes, findings, what passes', async () => {
    const report = await whyJson('event-pipe', 'examples/demo');
    expect(report).toMatchObject({ schemaVersion: 1, name: 'event-pipe', newestAllowed: '2.3.1', notFound: false });
    expect(report.publishers.map((span) => [span.publisher, span.versions])).toEqual([
      ['dom', ['2.0.0', '2.2.0', '2.3.0']],
      ['right9', ['2.3.1', '2.4.0']],
    ]);
    expect(report.maintainerChanges).toEqual([
      { version: '2.3.1', at: '2026-09-25T12:00:00.000Z', added: ['right9'], removed: [] },
      { version: '2.4.0', at: '2026-10-30T12:00:00.000Z', added: [], removed: ['dom'] },
    ]);
    expect(report.versions).toHaveLength(1);
    const [locked] = report.versions;
    expect(locked).toMatchObject({ version: '2.4.0', locked: true, paths: [['event-pipe@2.4.0']], publisher: 'right9', verdict: 'block' });
    expect(locked?.findings.map((finding) => finding.rule).sort()).toEqual(['install-script', 'new-publisher']);
    // Which signals fired, scored, and what was discounted (issue 14).
    expect(locked?.findings.find((finding) => finding.rule === 'new-publisher')).toMatchObject({
      severity: 'block',
      score: 4,
      signals: [{ signal: 'previous-publishers-gone' }, { signal: 'owners-replaced' }, { signal: 'install-script', scripts: ['postinstall'] }],
      graphKnown: true,
    });
    // The change of hands lapses when right9's first release (2.3.1, 56 days before) leaves the 90d window.
    expect(locked?.eligibleAt).toBe('2026-12-24T12:00:00.000Z');
  });

  test('a transitive package lists the path through its dependent', async () => {
    const report = await whyJson('deep-merge', 'examples/demo');
    expect(report.versions[0]).toMatchObject({ version: '1.6.0', locked: true, verdict: 'allow', paths: [['tiny-utils@2.1.0', 'deep-merge@1.6.0']] });
  });

  test('a package that is not in the lockfile: its latest version and what would pass', async () => {
    const report = await whyJson('quick-format', 'examples/demo/registry');
    expect(report.versions).toEqual([expect.objectContaining({ version: '3.1.1', locked: false, verdict: 'block' })]);
    expect(report.newestAllowed).toBe('3.1.0');
  });

  test('a specific version that is not locked', async () => {
    const report = await whyJson('safe-parse@4.9.3', 'examples/demo');
    expect(report.versions).toEqual([expect.objectContaining({ version: '4.9.3', locked: false, verdict: 'allow' })]);
  });

  test('a package the registry does not know', async () => {
    const report = await whyJson('no-such-package', 'examples/demo');
    expect(report.notFound).toBe(true);
    expect(report.newestAllowed).toBeNull();
  });

  test('text output of a change of hands: which signals fired, what was discounted, when it lapses (issue 14)', async () => {
    const result = await runCli(['why', 'event-pipe', 'examples/demo', ...demo()]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith('  block new-publisher: published by right9'));
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 6)).toEqual([
      '    signal (strong, 2 points): previous publishers gone: dom no longer maintains it or publishes since',
      '    signal (strong, 2 points): owners replaced since 2.3.0: now right9, before dom',
      '    signal (strong, 2 points): adds postinstall that 2.3.1 did not have',
      '    score 4 (4 blocks, 2 warns; a handover counts once)',
      '    lapses 2026-12-24 12:00 UTC (in 34 days)',
    ]);
  });

  test('text output explains history, verdict, eligibility and paths', async () => {
    const result = await runCli(['why', 'quick-format', 'examples/demo', ...demo()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('quick-format@3.1.1  BLOCK  (locked)');
    expect(result.stdout).toContain('published 2026-11-18 12:00 UTC (2 days ago) by kim; window 7d');
    expect(result.stdout).toContain('eligible on 2026-11-25 (in 5 days)');
    expect(result.stdout).toContain('newest allowed: 3.1.0');
    expect(result.stdout).toContain('Publishers:\n  lee: first 2025-02-18, last 2026-08-10, 2 versions (3.0.0, 3.1.0)\n  kim: first 2026-11-18');
    expect(result.stdout).toContain('dependency paths (1):\n    quick-format@3.1.1');
    expect(result.stdout).toContain('Newest version that passes today within the ranges its dependents ask for: 3.1.0 (latest: 3.1.1)');
  });
});

describe('why with a range (issue 16)', () => {
  it('explains the range: what it matches, the newest that passes, what blocks the newer ones; never missing-version', async () => {
    const result = await runCli(['why', 'quick-format@^3', 'examples/demo', ...demo()]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      [
        'quick-format@^3 matches 3 published versions (3.0.0 to 3.1.1).',
        '  newest that passes today: 3.1.0',
        '  blocked: 3.1.1 (release-age)',
        '  each blocked version and the newest passing one are explained below',
      ].join('\n'),
    );
    expect(result.stdout).toContain('Newest version that passes today within ^3: 3.1.0 (latest: 3.1.1)');
    expect(result.stdout).not.toContain('missing-version');
    // The suggested exception names the exact version, which `allow` accepts.
    expect(result.stdout).toContain('quarantine allow quick-format@3.1.1 --rule release-age');
    expect(result.stdout).not.toMatch(/quarantine allow quick-format@\^/);
  });

  it('--json carries the range, and only the explained versions', async () => {
    const report = (await whyJson('quick-format@3', 'examples/demo')) as WhyJson & { range: unknown };
    expect(report.range).toEqual({ range: '3', matching: ['3.1.1', '3.1.0', '3.0.0'], newestPassing: '3.1.0', blocked: ['3.1.1'], deprecated: [] });
    expect(report.newestAllowed).toBe('3.1.0');
    expect(report.versions.map((entry) => [entry.version, entry.verdict, entry.locked])).toEqual([
      ['3.1.1', 'block', true],
      ['3.1.0', 'allow', false],
    ]);
  });

  it('a range that matches nothing says so', async () => {
    const result = await runCli(['why', 'quick-format@^9', 'examples/demo', ...demo()]);
    expect(result.stdout).toContain('quick-format@^9 matches no published version (latest: 3.1.1).');
    expect(result.stdout).not.toContain('missing-version');
  });
});

describe('why with a dist-tag', () => {
  // `tagged`: latest is an old 1.1.0, next a day-old 2.0.0-rc.1, legacy the oldest 0.9.0.
  let registry: FixtureRegistry;
  beforeAll(async () => {
    registry = await startFixtureRegistry({
      documents: {
        tagged: makePackument({
          name: 'tagged',
          versions: [
            { version: '0.9.0', publishedAt: daysBefore(FIXTURE_NOW, 900) },
            { version: '1.1.0', publishedAt: daysBefore(FIXTURE_NOW, 300) },
            { version: '2.0.0-rc.1', publishedAt: daysBefore(FIXTURE_NOW, 1) },
          ],
          distTags: { latest: '1.1.0', next: '2.0.0-rc.1', legacy: '0.9.0' },
        }),
      },
    });
  });
  afterAll(async () => {
    await registry.close();
  });
  const tagged = (spec: string, ...args: string[]) =>
    runCli(['why', spec, makeTempDir('why-tag'), '--registry', registry.url, '--now', isoOf(FIXTURE_NOW), ...args], { env: isolatedEnv() });

  test.each([
    ['next', '2.0.0-rc.1', 'block'],
    ['latest', '1.1.0', 'allow'],
    ['legacy', '0.9.0', 'allow'],
  ])('tagged@%s explains the version the tag points to, %s, never missing-version', async (tag, version, verdict) => {
    const json = await tagged(`tagged@${tag}`, '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(json.stdout) as WhyJson & { distTag: unknown };
    expect(report.distTag).toEqual({ tag, version });
    expect(report.versions.map((entry) => [entry.version, entry.verdict])).toEqual([[version, verdict]]);
    expect(json.stdout).not.toContain('missing-version');
    const text = await tagged(`tagged@${tag}`);
    expect(text.stdout).toContain(`tagged@${tag} is ${version} (the dist-tag "${tag}" on ${registry.url} points to it today); explained below.`);
    expect(text.stdout).toContain(`tagged@${version}  ${verdict.toUpperCase()}  (not in the lockfile)`);
    expect(text.stdout).not.toContain('missing-version');
  });

  test('the suggested exception names the exact version, not the tag', async () => {
    const result = await tagged('tagged@next');
    expect(result.stdout).toContain('quarantine allow tagged@2.0.0-rc.1 --rule release-age');
    expect(result.stdout).not.toContain('quarantine allow tagged@next');
  });

  test('an unknown tag: one line naming the tags there are, exit 2', async () => {
    const result = await tagged('tagged@beta');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'quarantine: tagged@beta: tagged has no dist-tag "beta" and no such version (its dist-tags: latest -> 1.1.0, next -> 2.0.0-rc.1, legacy -> 0.9.0)\n' +
        '  hint: name a version (tagged@1.2.3), a range (tagged@^1) or one of its dist-tags\n',
    );
    const json = await tagged('tagged@beta', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'E_USAGE' } });
  });
});
