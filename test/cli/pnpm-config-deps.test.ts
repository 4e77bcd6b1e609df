/**
 * pnpm 11/12 config dependencies (the env document of pnpm-lock.yaml) are judged like any
 * registry package: the built binary against a fixture registry on 127.0.0.1. A config
 * dependency published yesterday blocks (exit 1) and says what it is and how to pin another;
 * an old one passes; `--json` carries `configDependency` per package; its integrity is bound to
 * the registry's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { isolatedEnv, runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp.js';
import { FIXTURE_NOW, daysBefore, isoOf, makePackument } from '../support/packument.js';

const NOW = isoOf(FIXTURE_NOW);
/** The integrity the fixture packuments publish for name@version. */
const integrityOf = (spec: string) => `sha512-${Buffer.from(spec).toString('base64')}`;

let registry: FixtureRegistry;

beforeAll(async () => {
  const documents = new Map<string, string>([
    ['lodash', JSON.stringify(makePackument({ name: 'lodash', versions: [{ version: '4.17.21', publishedAt: daysBefore(FIXTURE_NOW, 400) }] }))],
    [
      'pnpm-plugin-young',
      JSON.stringify(
        makePackument({
          name: 'pnpm-plugin-young',
          versions: [
            { version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 200) },
            { version: '1.0.1', publishedAt: daysBefore(FIXTURE_NOW, 1) },
          ],
        }),
      ),
    ],
    ['pnpm-plugin-old', JSON.stringify(makePackument({ name: 'pnpm-plugin-old', versions: [{ version: '2.0.0', publishedAt: daysBefore(FIXTURE_NOW, 300) }] }))],
  ]);
  registry = await startFixtureRegistry({ documents });
});
afterAll(async () => {
  await registry.close();
});

/** A pnpm 11/12 lockfile: the env document locking `config` (name -> version), then the project (lodash). */
function lockfile(config: Record<string, string>, integrity: (spec: string) => string = integrityOf): string {
  const names = Object.keys(config).sort();
  return [
    '---',
    "lockfileVersion: '9.0'",
    '',
    'importers:',
    '',
    '  .:',
    '    configDependencies:',
    ...names.flatMap((name) => [`      ${name}:`, `        specifier: ${config[name]}`, `        version: ${config[name]}`]),
    '',
    'packages:',
    '',
    ...names.flatMap((name) => [`  ${name}@${config[name]}:`, `    resolution: {integrity: ${integrity(`${name}@${config[name]}`)}}`, '']),
    'snapshots:',
    '',
    ...names.map((name) => `  ${name}@${config[name]}: {}`),
    '',
    '---',
    "lockfileVersion: '9.0'",
    '',
    'importers:',
    '',
    '  .:',
    '    dependencies:',
    '      lodash:',
    '        specifier: ^4.17.21',
    '        version: 4.17.21',
    '',
    'packages:',
    '',
    '  lodash@4.17.21:',
    `    resolution: {integrity: ${integrityOf('lodash@4.17.21')}}`,
    '',
    'snapshots:',
    '',
    '  lodash@4.17.21: {}',
    '',
  ].join('\n');
}

function project(lockText: string): string {
  const dir = makeTempDir('config-deps');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { lodash: '^4.17.21' } }));
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'configDependencies:\n  pnpm-plugin-young: 1.0.1\n');
  writeFileSync(join(dir, 'pnpm-lock.yaml'), lockText);
  return dir;
}

const check = (dir: string, ...args: string[]) => runCli(['check', dir, '--registry', registry.url, '--now', NOW, ...args], { env: isolatedEnv() });

test('a config dependency published yesterday is blocked, named as one, with a pin in pnpm-workspace.yaml as its fix', async () => {
  const dir = project(lockfile({ 'pnpm-plugin-young': '1.0.1', 'pnpm-plugin-old': '2.0.0' }));
  const { code, stdout, stderr } = await check(dir);
  expect([code, stderr]).toEqual([1, '']);
  expect(stdout).toContain('pnpm-plugin-young@1.0.1 (config dependency of pnpm-workspace.yaml)');
  expect(stdout).toMatch(/BLOCK\s+pnpm-plugin-young@1\.0\.1 \(config dependency of pnpm-workspace\.yaml\)\s+release-age/);
  expect(stdout).toContain('pin the config dependency in pnpm-workspace.yaml (configDependencies; pnpm has no override for it): pnpm add --config pnpm-plugin-young@1.0.0');
  expect(stdout).not.toContain('pnpm.overrides');
  expect(stdout).not.toMatch(/BLOCK\s+pnpm-plugin-old/);
});

test('--json: configDependency per package, and the remedy names the file and field', async () => {
  const dir = project(lockfile({ 'pnpm-plugin-young': '1.0.1', 'pnpm-plugin-old': '2.0.0' }));
  const { code, stdout } = await check(dir, '--json');
  expect(code).toBe(1);
  const report = JSON.parse(stdout) as { packages: Array<{ name: string; verdict: string; configDependency: boolean; remedies: Array<Record<string, unknown>> }> };
  const byName = new Map(report.packages.map((pkg) => [pkg.name, pkg]));
  expect([...byName.keys()].sort()).toEqual(['lodash', 'pnpm-plugin-old', 'pnpm-plugin-young']);
  expect(report.packages.map((pkg) => [pkg.name, pkg.configDependency, pkg.verdict]).sort()).toEqual([
    ['lodash', false, 'allow'],
    ['pnpm-plugin-old', true, 'allow'],
    ['pnpm-plugin-young', true, 'block'],
  ]);
  expect(byName.get('pnpm-plugin-young')?.remedies[0]).toEqual({
    kind: 'install',
    packageManager: 'pnpm',
    command: 'pnpm add --config pnpm-plugin-young@1.0.0',
    version: '1.0.0',
    fit: 'in-range',
    file: 'pnpm-workspace.yaml',
    field: 'configDependencies',
  });
});

test('an old config dependency passes (exit 0)', async () => {
  const dir = project(lockfile({ 'pnpm-plugin-old': '2.0.0' }));
  const { code, stdout, stderr } = await check(dir);
  expect([code, stderr]).toEqual([0, '']);
  expect(stdout).not.toContain('BLOCK');
});

test('a config dependency whose locked integrity is not the registry\'s is blocked by lockfile-binding', async () => {
  const forged = (spec: string) => (spec.startsWith('pnpm-plugin-old@') ? `sha512-${Buffer.alloc(64, 7).toString('base64')}` : integrityOf(spec));
  const dir = project(lockfile({ 'pnpm-plugin-old': '2.0.0' }, forged));
  const { code, stdout } = await check(dir);
  expect(code).toBe(1);
  expect(stdout).toMatch(/BLOCK\s+pnpm-plugin-old@2\.0\.0 \(config dependency of pnpm-workspace\.yaml\)\s+lockfile-binding/);
});
