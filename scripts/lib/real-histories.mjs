// The recorded registry documents in ../shared/real-histories (see its README.md), served as
// they are stored: each gzipped file is answered byte for byte as a gzip response. Never
// copied into the repository.
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const REAL_HISTORIES = fileURLToPath(new URL('../../../shared/real-histories/', import.meta.url));

/**
 * The corpus index, one entry per package name. A name recorded by several projects keeps the
 * document with the most versions (the most complete history; the first listed on a tie).
 * @returns {{name: string, file: string, versions: number, flags: string[]}[]}
 */
export function loadRealIndex(dir = REAL_HISTORIES) {
  const indexFile = `${dir}index.json`;
  if (!existsSync(indexFile)) throw new Error(`${indexFile} not found: the real histories live in ../shared/real-histories`);
  const byName = new Map();
  for (const entry of JSON.parse(readFileSync(indexFile, 'utf8'))) {
    const kept = byName.get(entry.name);
    if (kept === undefined || entry.versions > kept.versions) byName.set(entry.name, entry);
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Documents for startFixtureRegistry: name -> prepared document whose gzip is the stored file.
 * Read lazily, on the first request for each name.
 */
export function realDocuments(entries, dir = REAL_HISTORIES) {
  const files = new Map(entries.map((entry) => [entry.name, `${dir}${entry.file}`]));
  const prepared = new Map();
  return (name) => {
    const file = files.get(name);
    if (file === undefined) return undefined;
    let doc = prepared.get(name);
    if (doc === undefined) {
      const gzip = readFileSync(file);
      const etag = `"${createHash('sha256').update(gzip).digest('base64url').slice(0, 32)}"`;
      doc = { etag, gzip, text: () => gunzipSync(gzip).toString('utf8') };
      prepared.set(name, doc);
    }
    return doc;
  };
}

/** The parsed JSON of one stored document. */
export function readRealDocument(entry, dir = REAL_HISTORIES) {
  return JSON.parse(gunzipSync(readFileSync(`${dir}${entry.file}`)).toString('utf8'));
}

/**
 * An npm lockfile (v3) locking each `{name, version}` at the top of node_modules, resolved from
 * `registry`. The versions only have to exist for the lockfile to be plausible; a backtest
 * replays every release of each name whatever version is locked.
 */
export function lockfileFor(locked, registry) {
  const packages = { '': { name: 'quarantine-backtest-corpus', version: '1.0.0', dependencies: {} } };
  for (const { name, version } of locked) {
    packages[''].dependencies[name] = version;
    const base = name.startsWith('@') ? name.split('/')[1] : name;
    packages[`node_modules/${name}`] = { version, resolved: `${registry}${name}/-/${base}-${version}.tgz` };
  }
  return `${JSON.stringify({ name: 'quarantine-backtest-corpus', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

/** A version of the document to lock: its `latest` tag, else any version `time` lists. */
export function someVersionOf(doc) {
  const latest = doc['dist-tags']?.latest;
  if (typeof latest === 'string') return latest;
  const versions = Object.keys(doc.versions ?? {});
  if (versions.length > 0) return versions[versions.length - 1];
  const unpublished = doc.time?.unpublished?.versions;
  if (Array.isArray(unpublished) && unpublished.length > 0) return unpublished[unpublished.length - 1];
  return Object.keys(doc.time ?? {}).find((key) => !['created', 'modified', 'unpublished'].includes(key)) ?? '0.0.0';
}
