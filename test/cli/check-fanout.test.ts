/**
 * End to end (issue 16): the built binary on a project whose lockfile holds a young rollup
 * release fanning out to 20 platform packages and the @babel/core / @babel/generator case,
 * against a fixture registry on 127.0.0.1 (scripts/lib/fanout-fixture.mjs), at a fixed instant.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { FANOUT_NOW, ROLLUP_PLATFORMS, fanoutDocuments, fanoutProjectFiles } from '../../scripts/lib/fanout-fixture.mjs';
import { isolatedEnv, runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp.js';

let registry: FixtureRegistry;
let project: string;
const documents = new Map<string, object>();

beforeAll(async () => {
  registry = await startFixtureRegistry({ documents });
  for (const [name, document] of fanoutDocuments(registry.url)) documents.set(name, document);
  project = makeTempDir('fanout');
  for (const [file, text] of Object.entries(fanoutProjectFiles(registry.url))) writeFileSync(join(project, file), text);
});

afterAll(async () => {
  await registry.close();
});

const run = (...args: string[]) => runCli([...args, '--registry', registry.url, '--now', new Date(FANOUT_NOW).toISOString()], { cwd: project, env: isolatedEnv() });

test('check: one line per root cause, the 20 platform packages in one line, @babel/generator held at 7.29.15', async () => {
  const result = await run('check', project);
  expect(result.code).toBe(1);
  const lines = result.stdout.split('\n');
  expect(lines.filter((line) => line.startsWith('BLOCK')).map((line) => line.split(/ +/)[1])).toEqual(['@babel/core@7.29.16', '@babel/generator@7.29.16', 'rollup@4.50.0']);
  expect(result.stdout).toContain('and 20 platform packages of the same release (@rollup/rollup-android-arm-eabi@4.50.0,');
  expect(result.stdout).toContain('       fix: npm install --save-dev rollup@4.49.0');
  expect(result.stdout).toContain('once @babel/core is held at 7.29.13: 7.29.15');
  expect(result.stdout).toContain('       fix: pin it in package.json "overrides": { "@babel/generator": "7.29.15" }, then run npm install');
  expect(result.stdout).not.toContain('8.1.3');
  expect(result.stdout).toContain('  rollup@4.50.0: 21 blocked (1 root cause)');
  expect(lines.length).toBeLessThanOrEqual(20); // 74 lines before the plan
});

test('check --verbose: every blocked package; --json: every package, with the plan', async () => {
  const verbose = await run('check', project, '--verbose');
  expect(verbose.stdout.split('\n').filter((line) => line.startsWith('BLOCK'))).toHaveLength(23);
  const json = JSON.parse((await run('check', project, '--json')).stdout) as {
    packages: Array<{ name: string; plan: { role: string; cause: string } | null }>;
    rootCauses: Array<{ package: string; members: string[] }>;
  };
  expect(json.packages).toHaveLength(25);
  expect(json.rootCauses.map((cause) => [cause.package, cause.members.length])).toEqual([['@babel/core@7.29.16', 0], ['@babel/generator@7.29.16', 0], ['rollup@4.50.0', 20]]);
  expect(json.packages.filter((entry) => entry.plan?.role === 'member').map((entry) => entry.name).sort()).toEqual([...ROLLUP_PLATFORMS].sort());
});

test('why shows the same plan: a platform package comes with rollup; @babel/generator is held at 7.29.15', async () => {
  const platform = await run('why', '@rollup/rollup-linux-x64-gnu', project);
  expect(platform.stdout).toContain('comes with rollup@4.50.0 (same release): the fix for rollup covers it');
  expect(platform.stdout).toContain('fix: npm install --save-dev rollup@4.49.0');
  const generator = await run('why', '@babel/generator', project);
  expect(generator.stdout).toContain('once @babel/core is held at 7.29.13: 7.29.15');
  expect(generator.stdout).toContain('"@babel/generator": "7.29.15"');
  const rollup = await run('why', 'rollup', project);
  expect(rollup.stdout).toContain('and 20 platform packages of the same release');
});
