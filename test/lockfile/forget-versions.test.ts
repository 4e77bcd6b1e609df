import { parse } from 'yaml';
import { forgetNpmVersions, forgetPnpmVersions } from '../../src/lockfile/forget-versions.js';

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

  it('refuses a v1 lockfile with one line', () => {
    expect(() => forgetNpmVersions('{"lockfileVersion":1,"dependencies":{}}', 'package-lock.json', [])).toThrow(/package-lock\.json: an npm lockfile v1/);
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
});
