/**
 * The pnpm hooks in-process, with a Host whose clock moves on: one install is judged at one
 * instant. pnpm calls preResolution, resolves (which can take minutes), then calls
 * afterAllResolved; both hooks must judge at the instant the install started, or a version
 * could pass afterAllResolved only because the clock moved while pnpm resolved.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { createPnpmHooks } from '../../src/hooks/pnpm.js';
import { testHost } from '../support/host.js';
import { FIXTURE_NOW, daysBefore, makePackument } from '../support/packument.js';

const DAY = 86_400_000;

function lockfileText(names: readonly string[]): string {
  const dependencies = names.map((name) => `      ${name}:\n        specifier: 1.0.0\n        version: 1.0.0\n`).join('');
  // The integrity makePackument publishes, so lockfile-binding passes.
  const packages = names.map((name) => `  ${name}@1.0.0:\n    resolution: {integrity: sha512-${Buffer.from(`${name}@1.0.0`).toString('base64')}}\n`).join('\n');
  const snapshots = names.map((name) => `  ${name}@1.0.0: {}\n`).join('\n');
  return `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n${dependencies}\npackages:\n\n${packages}\nsnapshots:\n\n${snapshots}`;
}

let dir: string;
let registry: FixtureRegistry;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarantine-pnpm-hooks-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', dependencies: { old: '1.0.0', fresh: '1.0.0' } }));
  writeFileSync(join(dir, 'pnpm-lock.yaml'), lockfileText(['old']));
  registry = await startFixtureRegistry({
    documents: {
      old: makePackument({ name: 'old', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 400) }] }),
      // Inside the default 7-day window at FIXTURE_NOW, outside it a month later.
      fresh: makePackument({ name: 'fresh', versions: [{ version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 2) }] }),
    },
  });
});

afterAll(async () => {
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pnpm hooks', () => {
  it('judge one install at one instant: afterAllResolved uses the instant preResolution read, though the clock moved on', async () => {
    const reads: number[] = [];
    // The first read is the instant the install starts; every later read is a month later.
    const host = testHost({
      cwd: dir,
      homeDir: dir,
      env: { npm_config_userconfig: join(dir, 'npmrc'), npm_config_globalconfig: join(dir, 'global-npmrc') },
      now: () => {
        const instant = reads.length === 0 ? FIXTURE_NOW : FIXTURE_NOW + 30 * DAY;
        reads.push(instant);
        return instant;
      },
    });
    const hooks = createPnpmHooks({ registry: registry.url, cacheDir: join(dir, 'cache') }, host);
    await hooks.preResolution({ lockfileDir: dir });
    expect(reads[0]).toBe(FIXTURE_NOW);
    // The new resolution adds `fresh`, two days old at the instant the install started.
    const resolved = parse(lockfileText(['old', 'fresh'])) as object;
    await expect(hooks.afterAllResolved(resolved)).rejects.toMatchObject({
      code: 'ERR_PNPM_RELEASE_QUARANTINE_BLOCKED',
      message: expect.stringMatching(/BLOCK +fresh@1\.0\.0 \(new\) +release-age/),
    });
  });

  it('the instant is the one read as the install starts, not the clock at afterAllResolved (here: earlier)', async () => {
    let now = FIXTURE_NOW + 30 * DAY;
    const host = testHost({ cwd: dir, homeDir: dir, env: { npm_config_userconfig: join(dir, 'npmrc'), npm_config_globalconfig: join(dir, 'global-npmrc') }, now: () => now });
    const hooks = createPnpmHooks({ registry: registry.url, cacheDir: join(dir, 'cache') }, host);
    await hooks.preResolution({ lockfileDir: dir });
    now = FIXTURE_NOW;
    // Judged a month after `fresh` was published: allowed.
    const resolved = parse(lockfileText(['old', 'fresh'])) as object;
    await expect(hooks.afterAllResolved(resolved)).resolves.toBe(resolved);
  });
});
