/**
 * Issue 17's done-when, behind a mirror on 127.0.0.1 that keeps publish times but strips
 * `_npmUser`, the account lists and `dist.attestations`, and serves package.json's own
 * maintainers for acorn: thirty old packages pass with exit 0 and one notice for the registry,
 * no maintainer-change comes from package.json people, and a day-old release is still blocked.
 */
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { isolatedEnv, runCli } from '../support/cli.js';
import type { RawPackument } from '../support/packument.js';
import { MIRROR_NOW, mirrorProject, OLD_PACKAGES, stripped, upstreamDocuments } from '../support/stripping-mirror.js';

let mirror: FixtureRegistry;
let mirrorDocs: Map<string, RawPackument>;
const { documents, locked } = upstreamDocuments();
const oldLocked = locked.filter((entry) => entry.name !== 'fresh');

beforeAll(async () => {
  mirror = await startFixtureRegistry({ documents: new Map() });
  mirrorDocs = new Map([...documents].map(([name, doc]) => [name, stripped(doc, mirror.url)]));
  mirror.setDocuments(new Map([...mirrorDocs].map(([name, doc]) => [name, JSON.stringify(doc)])));
});
afterAll(() => mirror.close());

function project(entries: ReadonlyArray<{ name: string; version: string }>, policy: object): string {
  return mirrorProject(mirrorDocs, entries, { '.npmrc': `registry=${mirror.url}\n`, 'quarantine.json': JSON.stringify(policy) });
}
const acknowledge = () => ({ registries: { [mirror.url]: { missingFacts: 'acknowledge' } } });
/**
 * `policy` with trust-downgrade holding a year: the thirty old packages (last published 171 to
 * 200 days ago) are then inside a window, so not settled (engine/settled.ts), and the rules that
 * need what the mirror strips judge every package.
 */
type PolicyJson = { rules?: Record<string, Record<string, string>> } & Record<string, unknown>;
const unsettled = (policy: PolicyJson): PolicyJson => ({
  ...policy,
  rules: { ...policy.rules, 'trust-downgrade': { ...policy.rules?.['trust-downgrade'], hold: '365d' } },
});
const check = (dir: string, ...args: string[]) => runCli(['check', dir, '--now', MIRROR_NOW, ...args], { env: isolatedEnv() });
const noticeLines = (stdout: string) => stdout.split('\n').filter((line) => /^(UNKNOWN|NOTE) /.test(line));

test('the fixture: thirty old packages and acorn, as the mirror strips them', () => {
  expect(oldLocked).toHaveLength(OLD_PACKAGES.length + 1);
  const acorn = mirrorDocs.get('acorn') as { versions: Record<string, Record<string, unknown>> };
  expect(acorn.versions['8.19.0']?.['_npmUser']).toBeUndefined();
  expect(acorn.versions['8.19.0']?.['maintainers']).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Adrian Heine' })]));
});

test('missingFacts acknowledged: exit 0, one NOTE for the registry, nothing per package', async () => {
  const result = await check(project(oldLocked, unsettled(acknowledge())));
  expect(result.code).toBe(0);
  expect(noticeLines(result.stdout)).toEqual([
    `NOTE  ${mirror.url} gave no publishers (_npmUser), account lists (maintainers) or provenance (dist.attestations) for any of its 31 packages; new-publisher, maintainer-change, trust-downgrade skipped for them (missingFacts: acknowledge).`,
  ]);
  expect(result.stdout).not.toMatch(/maintainer-change:|WARN|BLOCK/);
  expect(result.stdout).toContain('31 packages: 31 allowed, 0 warned, 0 blocked.');
});

test('the default (missingFacts fail): still exit 0 (fail closed visibly: nothing is taken as "no change"), one UNKNOWN line naming the settings', async () => {
  const result = await check(project(oldLocked, unsettled({})));
  expect(result.code).toBe(0);
  const lines = noticeLines(result.stdout);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`UNKNOWN  ${mirror.url} gave no publishers (_npmUser), account lists (maintainers) or provenance (dist.attestations) for any of its 31 packages; new-publisher, maintainer-change, trust-downgrade could not check them.`);
  expect(lines[0]).toContain(`"registries": {"${mirror.url}": {"historyFrom": "https://registry.npmjs.org/"}}`);
  expect(lines[0]).toContain(`"registries": {"${mirror.url}": {"missingFacts": "acknowledge"}}`);
  expect(result.stdout).not.toContain('maintainer-change:');
});

test('settled packages need nothing the mirror strips: with the default windows the notice counts acorn alone', async () => {
  // The thirty old packages were last published 171 to 200 days ago, past every 90-day window:
  // judged from what an abbreviated document gives (engine/settled.ts), they need no publisher,
  // account list or provenance, so the mirror is not blamed for them.
  const result = await check(project(oldLocked, {}));
  expect(result.code).toBe(0);
  const lines = noticeLines(result.stdout);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`UNKNOWN  ${mirror.url} gave no publishers (_npmUser) or account lists (maintainers) for any of its 1 package; new-publisher, maintainer-change could not check them.`);
  expect(result.stdout).toContain('31 packages: 31 allowed, 0 warned, 0 blocked.');
});

test("strict: no maintainer-change from package.json's people (acorn@8.19.0, Adrian Heine), even where the publisher survived", async () => {
  // Versions the mirror cached before it stripped kept `_npmUser`: with a known publisher,
  // maintainer-change compares the lists, and package.json's people used to read as accounts.
  const acorn = JSON.parse(JSON.stringify(mirrorDocs.get('acorn'))) as { versions: Record<string, Record<string, unknown>> };
  for (const manifest of Object.values(acorn.versions)) manifest['_npmUser'] = { name: 'marijn', email: 'marijnh@gmail.com' };
  mirror.setDocument('acorn', JSON.stringify(acorn));
  try {
    const result = await check(project(oldLocked, { extends: 'strict', ...acknowledge() }), '--json');
    const entry = (JSON.parse(result.stdout) as { packages: Array<{ name: string; verdict: string; findings: unknown[] }> }).packages.find((p) => p.name === 'acorn');
    expect(entry).toMatchObject({ verdict: 'allow', findings: [] });
    expect(result.code).toBe(0);
  } finally {
    mirror.setDocument('acorn', JSON.stringify(mirrorDocs.get('acorn')));
  }
});

test('a day-old release is still blocked', async () => {
  const result = await check(project(locked, acknowledge()));
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^BLOCK {2}fresh@1\.0\.1 .*release-age/m);
  expect(noticeLines(result.stdout)).toHaveLength(1);
  expect(result.stdout).toContain('32 packages: 31 allowed, 0 warned, 1 blocked.');
});

test('rules that are off need nothing: their gaps are not reported, globally or by an override for the registry', async () => {
  const off = { rules: { 'new-publisher': { severity: 'off' }, 'maintainer-change': { severity: 'off' }, 'trust-downgrade': { severity: 'off' } } };
  expect(noticeLines((await check(project(oldLocked, unsettled(off)))).stdout)).toEqual([]);
  const forRegistry = { overrides: [{ registry: mirror.url, rules: { 'new-publisher': { severity: 'off' }, 'maintainer-change': { severity: 'off' } } }] };
  const lines = noticeLines((await check(project(oldLocked, unsettled(forRegistry)))).stdout);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('gave no provenance (dist.attestations) for any of its 31 packages; trust-downgrade could not check them.');
});

test('why does not state "no provenance" as a fact when the registry gives no provenance data', async () => {
  const dir = project(oldLocked, acknowledge());
  const result = await runCli(['why', 'old-01', '--lockfile', `${dir}/package-lock.json`, '--now', MIRROR_NOW], { env: isolatedEnv(), cwd: dir });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`trust: unknown (${mirror.url} gave no provenance or trusted-publishing data for any version)`);
  expect(result.stdout).not.toContain('no provenance, not trusted publishing');
  expect(result.stdout).toContain(`Not given by ${mirror.url} for any version: publishers, account lists`);
});
