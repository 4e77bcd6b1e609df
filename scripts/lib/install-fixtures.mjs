// Installable fixture packages for end-to-end tests and the hook benchmark: real .tgz
// tarballs (ustar + gzip, built in memory) and full packuments with publish times relative
// to a given clock, served by fixture-registry.mjs. Package managers install from it as
// they would from registry.npmjs.org.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

function octal(value, width) {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(path, size) {
  const block = Buffer.alloc(BLOCK, 0);
  const write = (text, offset, width) => block.write(text.slice(0, width), offset, width, 'utf8');
  write(path, 0, 100);
  write(octal(0o644, 8), 100, 8);
  write(octal(0, 8), 108, 8);
  write(octal(0, 8), 116, 8);
  write(octal(size, 12), 124, 12);
  write(octal(0, 12), 136, 12);
  write('        ', 148, 8); // checksum placeholder: eight spaces
  write('0', 156, 1);
  write('ustar\0', 257, 6);
  write('00', 263, 2);
  let sum = 0;
  for (const byte of block) sum += byte;
  write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return block;
}

/** A gzipped tarball with every file under `package/`, as `npm pack` lays it out. */
export function makeTarball(files) {
  const parts = [];
  for (const [path, content] of Object.entries(files)) {
    const body = Buffer.from(content);
    parts.push(header(`package/${path}`, body.length), body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return gzipSync(Buffer.concat(parts));
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Builds the registry content for a set of packages.
 * @param {object} options
 * @param {string} options.registryUrl base URL with trailing slash (tarball URLs point at it)
 * @param {number} options.now the clock the publish times are relative to (ms)
 * @param {Array<{name: string, versions: Array<{version: string, ageDays: number, dependencies?: Record<string,string>, scripts?: Record<string,string>, files?: Record<string,string>, publisher?: string}>}>} options.packages
 * @returns {{documents: Map<string, object>, tarballs: Map<string, Buffer>}}
 */
export function buildInstallRegistry({ registryUrl, now, packages }) {
  const documents = new Map();
  const tarballs = new Map();
  for (const pkg of packages) {
    const versions = {};
    const time = {};
    const base = pkg.name.startsWith('@') ? pkg.name.split('/')[1] : pkg.name;
    let latest = null;
    for (const spec of pkg.versions) {
      const manifest = {
        name: pkg.name,
        version: spec.version,
        ...(spec.dependencies ? { dependencies: spec.dependencies } : {}),
        ...(spec.scripts ? { scripts: spec.scripts } : {}),
      };
      const tarball = makeTarball({
        'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
        'index.js': `module.exports = ${JSON.stringify(`${pkg.name}@${spec.version}`)};\n`,
        ...(spec.files ?? {}),
      });
      const path = `/${pkg.name}/-/${base}-${spec.version}.tgz`;
      tarballs.set(path, tarball);
      const publisher = spec.publisher ?? 'alice';
      versions[spec.version] = {
        ...manifest,
        _npmUser: { name: publisher, email: `${publisher}@example.invalid` },
        maintainers: [{ name: publisher, email: `${publisher}@example.invalid` }],
        dist: {
          tarball: `${registryUrl.replace(/\/$/, '')}${path}`,
          shasum: createHash('sha1').update(tarball).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
        },
      };
      time[spec.version] = new Date(now - spec.ageDays * DAY).toISOString();
      if (latest === null || spec.ageDays <= pkg.versions.find((v) => v.version === latest).ageDays) latest = spec.version;
    }
    const stamps = Object.values(time).sort();
    documents.set(pkg.name, {
      name: pkg.name,
      'dist-tags': { latest },
      versions,
      time: { created: stamps[0], modified: stamps[stamps.length - 1], ...time },
      maintainers: [{ name: 'alice', email: 'alice@example.invalid' }],
    });
  }
  return { documents, tarballs };
}

/**
 * The canary: 1.0.0 is old, 1.1.0 was published a day ago (inside any sane window). Every
 * version's preinstall and postinstall append a line to `markerPath`, so a test can prove
 * whether any of its code ran.
 */
export function canaryPackage(markerPath, name = 'canary') {
  const script = (version, hook) =>
    `node -e "require('fs').appendFileSync(${JSON.stringify(markerPath).replace(/"/g, '\\"')}, '${name}@${version} ${hook}\\n')"`;
  const version = (v, ageDays) => ({
    version: v,
    ageDays,
    dependencies: { 'canary-dep': '^1.0.0' },
    scripts: { preinstall: script(v, 'preinstall'), postinstall: script(v, 'postinstall') },
  });
  return [
    { name, versions: [version('1.0.0', 60), version('1.1.0', 1)] },
    { name: 'canary-dep', versions: [{ version: '1.0.0', ageDays: 90 }] },
  ];
}

/**
 * Starts a fixture registry serving `packages` (see buildInstallRegistry), with publish
 * times relative to `now`.
 * @returns {Promise<import('./fixture-registry.d.mts').FixtureRegistry>}
 */
export async function startInstallRegistry({ now = Date.now(), packages }) {
  const { startFixtureRegistry } = await import('./fixture-registry.mjs');
  const documents = new Map();
  const tarballs = new Map();
  const registry = await startFixtureRegistry({ documents, tarballs });
  const built = buildInstallRegistry({ registryUrl: registry.url, now, packages });
  for (const [name, doc] of built.documents) documents.set(name, doc);
  for (const [path, bytes] of built.tarballs) tarballs.set(path, bytes);
  return registry;
}
