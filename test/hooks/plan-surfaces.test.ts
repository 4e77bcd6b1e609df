/**
 * The remedy plan on the install surfaces (issue 16): the pnpm hook keeps "outside the range"
 * (pnpm's lockfile records no range for transitive entries: the locked major line stands in,
 * and a new major is said plainly) and groups a parent's platform packages; the Bun scanner
 * advises `bun add x@v` for a package the user just added (not an override pin), an override
 * for one another package brings, and one remedy for a parent's release. A local registry
 * (127.0.0.1) for pnpm, an in-memory source for Bun.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { createBunScanner } from '../../src/hooks/bun-scanner.js';
import { createPnpmHooks } from '../../src/hooks/pnpm.js';
import type { HistorySource } from '../../src/model/history-source.js';
import { daysAgo, found, makeHistory, makeVersion, notFound, NOW } from '../support/history.js';
import { testHost } from '../support/host.js';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

const PLATFORMS = ['linux-x64', 'darwin-arm64', 'win32-x64', 'linux-arm64', 'darwin-x64'].map((p) => `@fan/core-${p}`);
const integrity = (id: string) => `sha512-${Buffer.from(id).toString('base64')}`;

/**
 * pnpm's in-memory lockfile as afterAllResolved receives it (see lockfile/pnpm-object.ts): the
 * root depends on fan-core 2.1.0 (five optional platform packages, exact) and on wrapper 1.0.0
 * (which brings tokens 4.0.1).
 */
function resolvedLockfile(): object {
  const entry = (id: string, fields: object = {}) => ({ resolution: { integrity: integrity(id) }, ...fields });
  const packages: Record<string, object> = {
    'fan-core@2.1.0': entry('fan-core@2.1.0', { optionalDependencies: Object.fromEntries(PLATFORMS.map((p) => [p, '2.1.0'])) }),
    'wrapper@1.0.0': entry('wrapper@1.0.0', { dependencies: { tokens: '4.0.1' } }),
    'tokens@4.0.1': entry('tokens@4.0.1'),
  };
  for (const p of PLATFORMS) packages[`${p}@2.1.0`] = entry(`${p}@2.1.0`, { optional: true });
  return {
    lockfileVersion: '9.0',
    importers: { '.': { specifiers: { 'fan-core': '^2.0.0', wrapper: '^1.0.0' }, dependencies: { 'fan-core': '2.1.0', wrapper: '1.0.0' } } },
    packages,
  };
}

describe('pnpm hook: the plan in its message', () => {
  let dir: string;
  let registry: FixtureRegistry;
  const at = (days: number) => daysBefore(FIXTURE_NOW, days);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quarantine-pnpm-plan-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', dependencies: { 'fan-core': '^2.0.0', wrapper: '^1.0.0' } }));
    const documents: Record<string, object> = {
      'fan-core': makePackument({ name: 'fan-core', versions: [{ version: '2.0.0', publishedAt: at(40) }, { version: '2.1.0', publishedAt: at(1) }] }),
      wrapper: makePackument({ name: 'wrapper', versions: [{ version: '1.0.0', publishedAt: at(300) }] }),
      // Only the old major passes.
      tokens: makePackument({ name: 'tokens', versions: [{ version: '3.0.2', publishedAt: at(400) }, { version: '4.0.1', publishedAt: at(2) }] }),
    };
    for (const name of PLATFORMS) documents[name] = makePackument({ name, versions: [{ version: '2.0.0', publishedAt: at(40) }, { version: '2.1.0', publishedAt: at(1) }] });
    registry = await startFixtureRegistry({ documents });
  });

  afterAll(async () => {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one line for the parent release, and a new major said plainly for an entry whose range pnpm does not record', async () => {
    const host = testHost({ cwd: dir, homeDir: dir, env: { npm_config_userconfig: join(dir, 'npmrc'), npm_config_globalconfig: join(dir, 'global-npmrc') }, now: () => FIXTURE_NOW });
    const hooks = createPnpmHooks({ registry: registry.url, cacheDir: join(dir, 'cache') }, host);
    const error = await hooks.afterAllResolved(resolvedLockfile()).then(
      () => null,
      (thrown: Error & { code?: string }) => thrown,
    );
    expect(error?.code).toBe('ERR_PNPM_RELEASE_QUARANTINE_BLOCKED');
    const lines = (error?.message ?? '').split('\n');
    expect(lines.filter((line) => line.startsWith('BLOCK')).map((line) => line.split(/ +/)[1])).toEqual(['fan-core@2.1.0', 'tokens@4.0.1']);
    expect(lines).toContain(`       and 5 platform packages of the same release (${PLATFORMS.map((p) => `${p}@2.1.0`).sort().slice(0, 3).join(', ')}, ... --verbose lists them all): the same fix covers them (an exception must name each)`);
    expect(lines).toContain('       fix: pnpm add fan-core@2.0.0');
    const tokens = lines.find((line) => line.startsWith('BLOCK  tokens@4.0.1')) ?? '';
    expect(tokens).toContain('nothing passes within its major line (^4.0.0; the lockfile records no range); newest allowed is 3.0.2, another major version than 4.0.1 (outside the range)');
    expect(lines).toContain('       fix that crosses a major version (outside the requested range; it may break the build): pin tokens in package.json "pnpm": { "overrides": { "tokens": "3.0.2" } }, then run pnpm install');
  });
});

describe('Bun scanner: the plan in its advisories', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'quarantine-bun-plan-'));
    // `bun add` has not written package.json yet when the scanner runs.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const NOW_ISO = new Date(NOW).toISOString();
  const v = (version: string, age: number, dependencies: string[] = []) => makeVersion({ version, publishedAt: daysAgo(age), dependencies });
  const histories: HistorySource = {
    async fetchHistory(name) {
      switch (name) {
        case 'added':
          return found(makeHistory({ name, versions: [v('1.2.3', 60, ['helper']), v('1.3.0', 1, ['helper'])] }));
        case 'helper':
          return found(makeHistory({ name, versions: [v('2.0.0', 60), v('2.1.0', 1)] }));
        case 'fan-core':
          return found(makeHistory({ name, versions: [v('2.0.0', 40, PLATFORMS), v('2.1.0', 1, PLATFORMS)] }));
        default:
          if (PLATFORMS.includes(name)) return found(makeHistory({ name, versions: [v('2.0.0', 40), v('2.1.0', 1)] }));
          return notFound(name);
      }
    },
  };
  const scanned = (name: string, version: string, requestedRange: string) => ({ name, version, requestedRange, tarball: '' });

  it('a package the user just added gets `bun add`, the one it brings an override', async () => {
    const scanner = createBunScanner({ dir, now: NOW_ISO, source: histories, printWarnings: () => undefined });
    const advisories = await scanner.scan({ packages: [scanned('added', '1.3.0', '^1.3.0'), scanned('helper', '2.1.0', '^2.0.0')] });
    const added = advisories.find((a) => a.package === 'added')?.description ?? '';
    expect(added).toContain('newest allowed: 1.2.3');
    expect(added).toContain('fix: bun add added@1.2.3');
    expect(added).not.toContain('overrides');
    const helper = advisories.find((a) => a.package === 'helper')?.description ?? '';
    expect(helper).toContain('newest allowed within the requested range (^2.0.0) once added is held at 1.2.3: 2.0.0');
    expect(helper).toContain('fix: pin it in package.json "overrides": { "helper": "2.0.0" }, then run bun install');
  });

  it('a parent release and its platform packages: every advisory carries the one fix, on the parent', async () => {
    const scanner = createBunScanner({ dir, now: NOW_ISO, source: histories, printWarnings: () => undefined });
    const advisories = await scanner.scan({ packages: [scanned('fan-core', '2.1.0', '^2.1.0'), ...PLATFORMS.map((p) => scanned(p, '2.1.0', '2.1.0'))] });
    expect(advisories).toHaveLength(6);
    for (const advisory of advisories) expect(advisory.description).toContain('fix: bun add fan-core@2.0.0');
    const member = advisories.find((a) => a.package === PLATFORMS[0])?.description ?? '';
    expect(member).toContain('comes with fan-core@2.1.0 (same release): the fix for fan-core covers it');
  });
});
