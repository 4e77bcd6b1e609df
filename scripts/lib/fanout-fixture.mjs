// A project whose lockfile holds a young parent release that fans out to 20 platform packages
// (rollup 4.50.0 and its @rollup/rollup-* optional dependencies, pinned exactly, published the
// same day), and the @babel/core / @babel/generator case of issue 16: @babel/core 7.29.16 asks
// for @babel/generator ^7.29.16, both two days old; jest-snapshot asks for ^7.7.2; 7.29.15 is
// twelve days old and 8.1.3 is a new major. Registry documents for fixture-registry.mjs, and the
// project's package.json and npm lockfile (v3), bound to the registry's URL and integrity.
import { createHash } from 'node:crypto';

const DAY = 24 * 60 * 60 * 1000;

/** The instant the fixture is judged at. */
export const FANOUT_NOW = Date.parse('2026-12-03T08:00:00.000Z');

export const ROLLUP_PLATFORMS = [
  'android-arm-eabi', 'android-arm64', 'darwin-arm64', 'darwin-x64', 'freebsd-arm64', 'freebsd-x64', 'linux-arm-gnueabihf',
  'linux-arm-musleabihf', 'linux-arm64-gnu', 'linux-arm64-musl', 'linux-loong64-gnu', 'linux-ppc64-gnu', 'linux-riscv64-gnu',
  'linux-riscv64-musl', 'linux-s390x-gnu', 'linux-x64-gnu', 'linux-x64-musl', 'win32-arm64-msvc', 'win32-ia32-msvc', 'win32-x64-msvc',
].map((platform) => `@rollup/rollup-${platform}`);

const platformPins = (version) => Object.fromEntries(ROLLUP_PLATFORMS.map((name) => [name, version]));

/** name -> [version, age in days, {dependencies, optionalDependencies}] */
const PACKAGES = {
  rollup: [['4.49.0', 30, { optionalDependencies: platformPins('4.49.0') }], ['4.50.0', 1, { optionalDependencies: platformPins('4.50.0') }]],
  ...Object.fromEntries(ROLLUP_PLATFORMS.map((name) => [name, [['4.49.0', 30], ['4.50.0', 1]]])),
  '@babel/core': [['7.29.13', 30, { dependencies: { '@babel/generator': '^7.29.13' } }], ['7.29.16', 2, { dependencies: { '@babel/generator': '^7.29.16' } }]],
  '@babel/generator': [['7.29.13', 30], ['7.29.15', 12], ['8.1.3', 20], ['7.29.16', 2]],
  'jest-snapshot': [['30.2.0', 90, { dependencies: { '@babel/generator': '^7.7.2' } }]],
  picocolors: [['1.1.1', 400]],
};

const tarballOf = (registryUrl, name, version) => `${registryUrl}${name}/-/${name.split('/').pop()}-${version}.tgz`;
const integrityOf = (name, version) => `sha512-${createHash('sha512').update(`${name}@${version}`).digest('base64')}`;

/** The registry documents (full packuments), keyed by name. */
export function fanoutDocuments(registryUrl, now = FANOUT_NOW) {
  const documents = new Map();
  for (const [name, versions] of Object.entries(PACKAGES)) {
    const time = { created: new Date(now - 500 * DAY).toISOString(), modified: new Date(now).toISOString() };
    const manifests = {};
    for (const [version, age, deps = {}] of versions) {
      time[version] = new Date(now - age * DAY).toISOString();
      manifests[version] = {
        name,
        version,
        ...deps,
        _npmUser: { name: 'alice', email: 'alice@example.com' },
        maintainers: [{ name: 'alice', email: 'alice@example.com' }],
        dist: {
          tarball: tarballOf(registryUrl, name, version),
          integrity: integrityOf(name, version),
          attestations: { url: `${registryUrl}-/npm/v1/attestations/${name}@${version}`, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } },
        },
      };
    }
    const latest = versions.map(([version]) => version).at(-1);
    documents.set(name, { name, 'dist-tags': { latest }, maintainers: [{ name: 'alice', email: 'alice@example.com' }], time, versions: manifests });
  }
  return documents;
}

/** package.json and package-lock.json (v3) of the project, as text. */
export function fanoutProjectFiles(registryUrl) {
  const entry = (name, version, fields = {}) => ({ version, resolved: tarballOf(registryUrl, name, version), integrity: integrityOf(name, version), ...fields });
  const devDependencies = { '@babel/core': '^7.24.0', 'jest-snapshot': '^30.0.0', rollup: '^4.0.0' };
  const dependencies = { picocolors: '^1.1.0' };
  const packages = {
    '': { name: 'fanout-app', version: '1.0.0', dependencies, devDependencies },
    'node_modules/@babel/core': entry('@babel/core', '7.29.16', { dev: true, dependencies: { '@babel/generator': '^7.29.16' } }),
    'node_modules/@babel/generator': entry('@babel/generator', '7.29.16', { dev: true }),
    'node_modules/jest-snapshot': entry('jest-snapshot', '30.2.0', { dev: true, dependencies: { '@babel/generator': '^7.7.2' } }),
    'node_modules/picocolors': entry('picocolors', '1.1.1'),
    'node_modules/rollup': entry('rollup', '4.50.0', { dev: true, optionalDependencies: platformPins('4.50.0') }),
    ...Object.fromEntries(ROLLUP_PLATFORMS.map((name) => [`node_modules/${name}`, entry(name, '4.50.0', { dev: true, optional: true })])),
  };
  return {
    'package.json': `${JSON.stringify({ name: 'fanout-app', version: '1.0.0', dependencies, devDependencies }, null, 2)}\n`,
    'package-lock.json': `${JSON.stringify({ name: 'fanout-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  };
}
