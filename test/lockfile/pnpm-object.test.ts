import { parsePnpmLockfileObject, pnpmLockfileObjectToFile } from '../../src/lockfile/pnpm-object.js';

// pnpm 10.34's in-memory lockfile, as afterAllResolved received it for `pnpm add canary@1.1.0`,
// plus a peer-suffixed instance, a dev dependency and an alias.
const inMemory = {
  lockfileVersion: '9.0',
  settings: { autoInstallPeers: true, excludeLinksFromLockfile: false },
  importers: {
    '.': {
      specifiers: { canary: '1.1.0', 'react-dom': '^18.2.0', react: '^18.2.0', 'my-ms': 'npm:ms@^2.1.0' },
      dependencies: { canary: '1.1.0', 'react-dom': '18.2.0(react@18.2.0)', react: '18.2.0' },
      devDependencies: { 'my-ms': 'ms@2.1.3' },
      optionalDependencies: {},
    },
  },
  packages: {
    'canary@1.1.0': { resolution: { integrity: 'sha512-canary' }, dependencies: { 'canary-dep': '1.0.0' } },
    'canary-dep@1.0.0': { resolution: { integrity: 'sha512-dep' } },
    'react@18.2.0': { resolution: { integrity: 'sha512-react' } },
    'react-dom@18.2.0(react@18.2.0)': {
      resolution: { integrity: 'sha512-react-dom' },
      peerDependencies: { react: '^18.2.0' },
      dependencies: { react: '18.2.0' },
    },
    'ms@2.1.3': { resolution: { integrity: 'sha512-ms' }, dev: true },
  },
};

describe('pnpm in-memory lockfile -> file format v9', () => {
  it('splits packages from snapshots and writes importer specifiers beside versions', () => {
    expect(pnpmLockfileObjectToFile(inMemory)).toEqual({
      lockfileVersion: '9.0',
      importers: {
        '.': {
          dependencies: {
            canary: { specifier: '1.1.0', version: '1.1.0' },
            'react-dom': { specifier: '^18.2.0', version: '18.2.0(react@18.2.0)' },
            react: { specifier: '^18.2.0', version: '18.2.0' },
          },
          devDependencies: { 'my-ms': { specifier: 'npm:ms@^2.1.0', version: 'ms@2.1.3' } },
        },
      },
      packages: {
        'canary@1.1.0': { resolution: { integrity: 'sha512-canary' } },
        'canary-dep@1.0.0': { resolution: { integrity: 'sha512-dep' } },
        'react@18.2.0': { resolution: { integrity: 'sha512-react' } },
        'react-dom@18.2.0': { resolution: { integrity: 'sha512-react-dom' }, peerDependencies: { react: '^18.2.0' } },
        'ms@2.1.3': { resolution: { integrity: 'sha512-ms' } },
      },
      snapshots: {
        'canary@1.1.0': { dependencies: { 'canary-dep': '1.0.0' } },
        'canary-dep@1.0.0': {},
        'react@18.2.0': {},
        'react-dom@18.2.0(react@18.2.0)': { dependencies: { react: '18.2.0' } },
        'ms@2.1.3': { dev: true },
      },
    });
  });

  it('reads as the pnpm reader reads the same lockfile on disk: names, ranges, flags, paths', () => {
    const lockfile = parsePnpmLockfileObject(inMemory, { path: '/p/pnpm-lock.yaml' });
    expect(lockfile.packageManager).toBe('pnpm');
    const byName = new Map(lockfile.packages.map((pkg) => [pkg.name, pkg]));
    expect([...byName.keys()].sort()).toEqual(['canary', 'canary-dep', 'ms', 'react', 'react-dom']);
    expect(byName.get('canary')).toMatchObject({ version: '1.1.0', source: 'registry', direct: true, dev: false, requestedRanges: ['1.1.0'] });
    expect(byName.get('canary-dep')).toMatchObject({ version: '1.0.0', direct: false, paths: [['canary@1.1.0', 'canary-dep@1.0.0']] });
    expect(byName.get('react-dom')).toMatchObject({ version: '18.2.0', requestedRanges: ['^18.2.0'] });
    expect(byName.get('ms')).toMatchObject({ version: '2.1.3', dev: true, aliases: ['my-ms'], requestedRanges: ['^2.1.0'] });
  });

  it('leaves a shape it does not know to the reader, which names the problem', () => {
    expect(() => parsePnpmLockfileObject({ lockfileVersion: '9.0', importers: { '.': {} }, packages: { 'a@1.0.0': 'x' } }, { path: 'resolution' }))
      .toThrow(/resolution: packages\["a@1\.0\.0"\]: entry is not a mapping/);
  });
});
