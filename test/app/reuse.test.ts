/**
 * Reused verdicts (issue 18): a check whose lockfile, policy, registry configuration and facts
 * are unchanged and still fresh returns the stored report without parsing, fetching or
 * evaluating; every other run computes it again. The report is the same on every path: cold
 * (documents), warm (facts from the store), revalidating (304s) and reused. To tell a reused
 * report from a recomputed one, a test marks the stored report (its `policySource`): only a
 * reused report carries the mark.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../../src/app/check.js';
import type { RunOptions } from '../../src/app/inputs.js';
import { MAX_REUSE_MS, reportValidUntil } from '../../src/engine/verdict-lifetime.js';
import type { CheckReport } from '../../src/model/report.js';
import { factsStorePath } from '../../src/registry/facts-cache.js';
import { DEMO_NOW, useDemoRegistry } from '../support/demo-registry.js';
import { testHost } from '../support/host.js';

const registry = useDemoRegistry();
const NOW = Date.parse(DEMO_NOW);
const MARK = 'reused (marked by the test)';

let scratch: string;
let project: string;
let cacheDir: string;
let wall: number;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quarantine-reuse-'));
  project = join(scratch, 'project');
  cacheDir = join(scratch, 'cache');
  await cp('examples/demo', project, { recursive: true, filter: (source) => !source.includes('/registry') });
  wall = Date.parse('2026-05-01T00:00:00Z');
  registry().resetStats();
});
afterEach(() => rm(scratch, { recursive: true, force: true }));

const options = (extra: Partial<RunOptions> = {}): RunOptions => ({
  dir: project,
  registry: registry().url,
  now: NOW,
  cacheDir,
  host: testHost({ now: () => wall, uid: process.getuid?.() }),
  ...extra,
});

async function verdictFile(): Promise<string> {
  const dir = join(cacheDir, 'verdicts-v1');
  const [name] = await readdir(dir);
  return join(dir, name!);
}

/** Marks the stored report, so a run that returns it shows it was reused. */
async function mark(): Promise<void> {
  const file = await verdictFile();
  const stored = JSON.parse(await readFile(file, 'utf8')) as { report: CheckReport };
  stored.report.policySource = MARK;
  await writeFile(file, JSON.stringify(stored), { mode: 0o600 });
}

const reused = (report: CheckReport) => report.policySource === MARK;

test('identical reports on every path: cold, warm, revalidating and reused', async () => {
  const cold = await runCheck(options());
  // Not vacuous: the demo blocks and warns.
  expect(new Set(cold.packages.map((p) => p.verdict))).toEqual(new Set(['allow', 'warn', 'block']));
  const coldRequests = registry().requests.length;
  expect(coldRequests).toBeGreaterThan(0);

  // Within max-age, same inputs: reused, no request.
  const again = await runCheck(options());
  expect(again).toEqual(cold);
  expect(registry().requests.length).toBe(coldRequests);

  // --prefer-online never reuses: every fact revalidated (304), the report computed again.
  await mark();
  const revalidating = await runCheck(options({ preferOnline: true }));
  expect(reused(revalidating)).toBe(false);
  expect(revalidating).toEqual(cold);
  expect(registry().requests.slice(coldRequests).every((r) => r.status === 304 || r.status === 404)).toBe(true);

  // The revalidation renewed the facts: the store changed, so the stored verdict is not
  // reused; the warm run computes from facts without a request and stores a new one.
  await rm(join(cacheDir, 'verdicts-v1'), { recursive: true });
  const warm = await runCheck(options());
  expect(warm).toEqual(cold);
  await mark();
  const fromStore = await runCheck(options());
  expect(reused(fromStore)).toBe(true);
  expect({ ...fromStore, policySource: cold.policySource }).toEqual(cold);
});

describe('a stored verdict is not reused when', () => {
  beforeEach(async () => {
    await runCheck(options());
    await mark();
    expect(reused(await runCheck(options()))).toBe(true);
  });

  test('the lockfile changed (one byte)', async () => {
    const path = join(project, 'package-lock.json');
    await writeFile(path, `${await readFile(path, 'utf8')}\n`);
    expect(reused(await runCheck(options()))).toBe(false);
  });

  test('the policy changed', async () => {
    await writeFile(join(project, 'quarantine.json'), JSON.stringify({ rules: { 'release-age': { minReleaseAge: '3d' } } }));
    const report = await runCheck(options());
    expect(reused(report)).toBe(false);
    expect(report.minReleaseAge).toBe(3 * 24 * 3_600_000);
  });

  test('now moved past the earliest instant a finding lapses (or past 5 minutes)', async () => {
    const stored = JSON.parse(await readFile(await verdictFile(), 'utf8')) as { validUntil: number; report: CheckReport };
    expect(stored.validUntil).toBeLessThanOrEqual(NOW + MAX_REUSE_MS);
    expect(reused(await runCheck(options({ now: stored.validUntil - 1 })))).toBe(true);
    expect(reused(await runCheck(options({ now: stored.validUntil })))).toBe(false);
  });

  test('now went back', async () => {
    expect(reused(await runCheck(options({ now: NOW - 1 })))).toBe(false);
  });

  test('a fact it used is no longer fresh (wall clock past max-age)', async () => {
    wall += 300_000;
    expect(reused(await runCheck(options()))).toBe(false);
  });

  test('another run changed the facts store', async () => {
    const store = factsStorePath(cacheDir);
    await writeFile(store, await readFile(store, 'utf8'), { mode: 0o600 });
    expect(reused(await runCheck(options()))).toBe(false);
  });

  test('the stored verdict is not this user\'s alone (group-writable)', async () => {
    const { chmod } = await import('node:fs/promises');
    await chmod(await verdictFile(), 0o666);
    const refusals: unknown[] = [];
    expect(reused(await runCheck(options({ onCacheRefused: (r) => refusals.push(r) })))).toBe(false);
    expect(refusals).toHaveLength(1);
  });
});

describe('reportValidUntil', () => {
  const base = { now: NOW, lockfiles: [], policySource: 'default', minReleaseAge: 0, packages: [], dataGaps: [], exceptions: [] } as CheckReport;
  test('at most 5 minutes, and never past the next UTC midnight', () => {
    expect(reportValidUntil(base)).toBe(NOW + MAX_REUSE_MS);
    const lateEvening = Date.parse('2026-05-01T23:58:00Z');
    expect(reportValidUntil({ ...base, now: lateEvening })).toBe(Date.parse('2026-05-02T00:00:00Z'));
  });
  test('the earliest lapse or end still ahead, wherever it sits', () => {
    const report = {
      ...base,
      packages: [{ eligibleAt: NOW - 5, findings: [{ eligibleAt: NOW + 60_000 }], excepted: [{ exception: { expiresAt: NOW + 30_000 } }] }],
    } as unknown as CheckReport;
    expect(reportValidUntil(report)).toBe(NOW + 30_000);
  });
});
