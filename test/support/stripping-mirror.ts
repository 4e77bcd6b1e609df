/**
 * A public registry and a mirror in front of it that strips publisher data, as issue 17 saw
 * behind a proxy: the mirror keeps publish times and tarballs but drops `_npmUser`, the
 * account lists and `dist.attestations`, and serves package.json's own `maintainers` (people
 * with web pages) for some versions. Thirty old packages, acorn (whose package.json people
 * once read as an added maintainer), and `fresh`, whose locked version is a day old.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_NOW, daysBefore, isoOf, makePackument, type FixtureVersionSpec, type RawPackument } from './packument.js';
import { makeTempDir } from './temp.js';

export const MIRROR_NOW = isoOf(FIXTURE_NOW);
export const OLD_PACKAGES = Array.from({ length: 30 }, (_, i) => `old-${String(i + 1).padStart(2, '0')}`);
const ago = (days: number) => daysBefore(FIXTURE_NOW, days);

interface Locked {
  name: string;
  version: string;
}

/** The upstream documents and the versions the project locks. */
export function upstreamDocuments(): { documents: Map<string, RawPackument>; locked: Locked[] } {
  const documents = new Map<string, RawPackument>();
  const locked: Locked[] = [];
  OLD_PACKAGES.forEach((name, i) => {
    const versions: FixtureVersionSpec[] = [
      { version: '1.0.0', publishedAt: ago(700), publisher: 'alice', maintainers: ['alice'] },
      { version: '1.1.0', publishedAt: ago(400), publisher: 'bob', maintainers: ['alice', 'bob'], provenance: i % 3 === 0 },
      { version: '1.2.0', publishedAt: ago(200 - i), publisher: 'bob', maintainers: ['alice', 'bob'], provenance: i % 3 === 0 },
    ];
    documents.set(name, makePackument({ name, versions }));
    locked.push({ name, version: '1.2.0' });
  });
  documents.set('acorn', makePackument({
    name: 'acorn',
    versions: [
      { version: '5.0.1', publishedAt: ago(900), publisher: 'marijn', maintainers: ['marijn'] },
      { version: '8.19.0', publishedAt: ago(60), publisher: 'marijn', maintainers: ['marijn'] },
    ],
  }));
  locked.push({ name: 'acorn', version: '8.19.0' });
  documents.set('fresh', makePackument({
    name: 'fresh',
    versions: [
      { version: '1.0.0', publishedAt: ago(300), publisher: 'carol', maintainers: ['carol'] },
      { version: '1.0.1', publishedAt: ago(1), publisher: 'carol', maintainers: ['carol'] },
    ],
  }));
  locked.push({ name: 'fresh', version: '1.0.1' });
  return { documents, locked };
}

type Versions = Record<string, Record<string, unknown> & { dist: Record<string, unknown> }>;

/** package.json's own maintainers, as a mirror that builds documents from tarballs serves them. */
const PACKAGE_JSON_PEOPLE: Record<string, unknown[]> = {
  'acorn@5.0.1': [{ name: 'Marijn Haverbeke', email: 'marijnh@gmail.com', web: 'https://marijnhaverbeke.nl' }],
  'acorn@8.19.0': [
    { name: 'Marijn Haverbeke', email: 'marijnh@gmail.com', web: 'https://marijnhaverbeke.nl' },
    { name: 'Adrian Heine', web: 'http://adrianheine.de' },
  ],
};

/** What the mirror at `mirrorUrl` serves for an upstream document: tarballs on the mirror, publisher data stripped. */
export function stripped(doc: RawPackument, mirrorUrl: string): RawPackument {
  const copy = JSON.parse(JSON.stringify(doc)) as RawPackument & { versions: Versions };
  delete copy['maintainers'];
  for (const [version, manifest] of Object.entries(copy.versions)) {
    delete manifest['_npmUser'];
    delete manifest['maintainers'];
    delete manifest.dist['attestations'];
    delete manifest.dist['signatures'];
    manifest.dist['tarball'] = String(manifest.dist['tarball']).replace('https://registry.npmjs.org/', mirrorUrl);
    const people = PACKAGE_JSON_PEOPLE[`${String(copy['name'])}@${version}`];
    if (people) manifest['maintainers'] = people;
  }
  return copy;
}

/** A project whose package-lock.json locks `locked` as the mirror serves them, with these extra files. */
export function mirrorProject(mirrorDocs: Map<string, RawPackument>, locked: readonly Locked[], files: Record<string, string>): string {
  const dir = makeTempDir('mirror');
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies: Object.fromEntries(locked.map((l) => [l.name, `^${l.version}`])) } };
  for (const { name, version } of locked) {
    const dist = ((mirrorDocs.get(name)?.['versions'] as Versions)[version] as { dist: Record<string, unknown> }).dist;
    packages[`node_modules/${name}`] = { version, resolved: dist['tarball'], integrity: dist['integrity'] };
  }
  const lock = { name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
  const all = { 'package.json': JSON.stringify({ name: 'app', version: '1.0.0' }), 'package-lock.json': JSON.stringify(lock, null, 2), ...files };
  for (const [path, text] of Object.entries(all)) writeFileSync(join(dir, path), text);
  return dir;
}
