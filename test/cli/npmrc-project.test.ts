/**
 * Which project .npmrc applies to a lockfile: npm's (@npmcli/config loadLocalPrefix), the
 * nearest folder with a package.json walking up from the lockfile's folder. Two registries on
 * 127.0.0.1 that disagree about quick-format 3.1.1's age tell which one was asked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { isolatedEnv, runCli } from '../support/cli.js';
import { DEMO_NOW, demoDocuments } from '../support/demo-registry.js';
import { DEMO_MANIFEST, demoLockWith } from '../support/demo-project.js';
import { makeTempDir } from '../support/temp.js';

let real: FixtureRegistry;
let other: FixtureRegistry;
beforeAll(async () => {
  const documents = demoDocuments();
  real = await startFixtureRegistry({ documents });
  const lying = new Map(documents);
  const quick = JSON.parse(lying.get('quick-format') ?? '{}') as { time: Record<string, string> };
  quick.time['3.1.1'] = '2020-01-01T00:00:00.000Z';
  lying.set('quick-format', JSON.stringify(quick));
  other = await startFixtureRegistry({ documents: lying });
});
afterAll(async () => {
  await real.close();
  await other.close();
});

function project(files: Record<string, string>): string {
  const dir = makeTempDir('npmrc-project');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const LOCK = demoLockWith({ 'safe-parse': '5.2.0' });

describe('check --lockfile in a sub-folder', () => {
  test('sub/.npmrc, not the working directory\'s, names the registry', async () => {
    const dir = project({ '.npmrc': `registry=${other.url}\n`, 'sub/.npmrc': `registry=${real.url}\n`, 'sub/package.json': DEMO_MANIFEST, 'sub/package-lock.json': LOCK });
    const result = await runCli(['check', '--lockfile', 'sub/package-lock.json', '--now', DEMO_NOW, '--json'], { cwd: dir, env: isolatedEnv() });
    expect(result.code).toBe(1);
    expect(other.requestsFor('quick-format')).toEqual([]);
  });

  test('a lockfile folder without package.json: the nearest folder up that has one (npm\'s project folder)', async () => {
    const dir = project({ 'sub/.npmrc': `registry=${real.url}\n`, 'sub/package.json': DEMO_MANIFEST, 'sub/locks/package-lock.json': LOCK });
    // The user's npmrc names the other registry: only the project .npmrc found by the walk outranks it.
    const env = isolatedEnv();
    writeFileSync(env['npm_config_userconfig'] ?? '', `registry=${other.url}\n`);
    const result = await runCli(['check', '--lockfile', 'sub/locks/package-lock.json', '--now', DEMO_NOW], { cwd: dir, env });
    expect(result.code).toBe(1);
    expect(other.requestsFor('quick-format')).toEqual([]);
  });
});
