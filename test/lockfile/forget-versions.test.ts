import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { forgetNpmVersions, forgetPnpmVersions, pnpmEnvVersions } from '../../src/lockfile/forget-versions.js';
import { REPO_ROOT } from '../support/cli.js';

// Written by the real pnpm 12.23.0: the env lockfile (config dependency ms@2.1.2) first, then the project's.
const PNPM12_LOCKFILE = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'lockfiles', 'pnpm', 'v9.0-pnpm12', 'pnpm-lock.yaml'), 'utf8');
const ENV_DOCUMENT = PNPM12_LOCKFILE.slice(0, PNPM12_LOCKFILE.indexOf('---', 3));

describe('forgetNpmVersions', () => {
  it('drops every install of the version, nested ones too, and keeps other versions', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { a: '^1.0.0', young: '^1.0.0' } },
        'node_modules/young': { version: '1.2.0' },
        'node_modules/a': { version: '1.0.0' },
        'node_modules/a/node_modules/young': { version: '1.2.0' },
        'node_modules/b/node_modules/young': { version: '0.9.0' },
        'node_modules/alias': { name: 'young', version: '1.2.0' },
      },
    };
    const out = JSON.parse(forgetNpmVersions(JSON.stringify(lock), 'package-lock.json', [{ name: 'young', version: '1.2.0' }])) as typeof lock;
    expect(Object.keys(out.packages)).toEqual(['', 'node_modules/a', 'node_modules/b/node_modules/young']);
  });

  it('refuses a v1 lockfile with one line that says how to get a current one', () => {
    const refuse = () => forgetNpmVersions('{"lockfileVersion":1,"dependencies":{}}', 'package-lock.json', []);
    expect(refuse).toThrow(/package-lock\.json: an npm lockfile v1 \(lockfileVersion 1, written by npm 6 or older\) cannot be fixed in place/);
    expect(refuse).toThrow(expect.objectContaining({ hint: expect.stringContaining('`npm install --package-lock-only --ignore-scripts` once with npm 7 or later') }));
  });
});

describe('forgetPnpmVersions', () => {
  it('drops the entries and every reference to them (importers and snapshots, peer suffixes too)', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      young: {specifier: ^1.0.0, version: 1.2.0}',
      '      parent: {specifier: ^1.0.0, version: 1.0.0}',
      'packages:',
      '  young@1.2.0:',
      '    resolution: {integrity: sha512-x}',
      '  parent@1.0.0:',
      '    resolution: {integrity: sha512-y}',
      'snapshots:',
      '  young@1.2.0(react@18.0.0): {}',
      '  parent@1.0.0:',
      '    dependencies:',
      '      young: 1.2.0(react@18.0.0)',
      '      other: 1.0.0',
      '',
    ].join('\n');
    const out = parse(forgetPnpmVersions(text, 'pnpm-lock.yaml', [{ name: 'young', version: '1.2.0' }])) as Record<string, Record<string, unknown>>;
    expect(out['importers']).toEqual({ '.': { dependencies: { parent: { specifier: '^1.0.0', version: '1.0.0' } } } });
    expect(Object.keys(out['packages'] ?? {})).toEqual(['parent@1.0.0']);
    expect(out['snapshots']).toEqual({ 'parent@1.0.0': { dependencies: { other: '1.0.0' } } });
  });

  it('pnpm 8 (lockfile 6.0): keys with a leading slash', () => {
    const text = [
      "lockfileVersion: '6.0'",
      'dependencies:',
      '  parent: {specifier: ^1.0.0, version: 1.0.0}',
      'packages:',
      '  /young@1.2.0:',
      '    resolution: {integrity: sha512-x}',
      '  /parent@1.0.0:',
      '    resolution: {integrity: sha512-y}',
      '    dependencies:',
      '      young: 1.2.0',
      '',
    ].join('\n');
    const out = parse(forgetPnpmVersions(text, 'pnpm-lock.yaml', [{ name: 'young', version: '1.2.0' }])) as Record<string, Record<string, unknown>>;
    expect(out['packages']).toEqual({ '/parent@1.0.0': { resolution: { integrity: 'sha512-y' }, dependencies: {} } });
    expect(out['dependencies']).toEqual({ parent: { specifier: '^1.0.0', version: '1.0.0' } });
  });

  it('pnpm 11/12 with config dependencies: edits only the project document and keeps the env lockfile byte for byte', () => {
    // ms@2.1.2 is the config dependency; forgetting that name@version must not touch it.
    const out = forgetPnpmVersions(PNPM12_LOCKFILE, 'pnpm-lock.yaml', [
      { name: 'ms', version: '2.1.3' },
      { name: 'ms', version: '2.1.2' },
    ]);
    expect(out.startsWith(ENV_DOCUMENT)).toBe(true);
    const documents = parseAllDocuments(out).map((document) => document.toJS() as Record<string, Record<string, unknown>>);
    expect(documents).toHaveLength(2);
    const [env, main] = documents as [Record<string, Record<string, unknown>>, Record<string, Record<string, unknown>>];
    expect(env).toEqual(parse(ENV_DOCUMENT));
    expect(Object.keys(main['packages'] ?? {}).filter((key) => key.startsWith('ms@'))).toEqual(['ms@2.0.0']);
    expect(Object.keys(main['snapshots'] ?? {}).filter((key) => key.startsWith('ms@'))).toEqual(['ms@2.0.0']);
    expect(Object.keys((main['importers']?.['.'] as Record<string, Record<string, unknown>>)['dependencies'] ?? {})).not.toContain('ms');
    expect(Object.keys(main['packages'] ?? {})).toContain('debug@2.6.9');
  });
});

describe('pnpmEnvVersions', () => {
  it('lists the exact versions the env lockfile locks (pnpm 11/12 config dependencies)', () => {
    expect(pnpmEnvVersions(PNPM12_LOCKFILE, 'pnpm-lock.yaml')).toEqual([{ name: 'ms', version: '2.1.2' }]);
  });

  it('is empty for a lockfile of one document', () => {
    const text = "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a: {specifier: ^1.0.0, version: 1.0.0}\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-x}\nsnapshots:\n  a@1.0.0: {}\n";
    expect(pnpmEnvVersions(text, 'pnpm-lock.yaml')).toEqual([]);
  });
});
