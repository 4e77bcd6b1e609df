// Stored facts size of the real histories (../shared/real-histories) with the per-version
// published digests and tarball URL in compact form, without them, and with them written out
// in full (issue 15). Needs `npm run build`. Usage: node scripts/bench/facts-size.mjs [histories-dir]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { projectPackument } from '../../dist/registry/project-packument.js';
import { encodeHistory } from '../../dist/registry/facts-history.js';

const root = process.argv[2] ?? fileURLToPath(new URL('../../../shared/real-histories', import.meta.url));
const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
let withDist = 0, withoutDist = 0, fullIntegrity = 0, versions = 0, withDigest = 0, withTarball = 0, docs = 0;
for (const entry of index) {
  let raw;
  try { raw = JSON.parse(gunzipSync(readFileSync(join(root, entry.file))).toString('utf8')); } catch { continue; }
  let history;
  try { history = projectPackument(raw, 'https://registry.npmjs.org/'); } catch { continue; }
  docs++;
  const stored = encodeHistory(history);
  withDist += JSON.stringify(stored).length;
  const { dists, tarballBases, ...rest } = stored;
  withoutDist += JSON.stringify(rest).length;
  // The alternative: every version's full dist.integrity and shasum, tarball as written.
  const full = Object.values(raw.versions ?? {}).map((m) => [m?.dist?.integrity ?? null, m?.dist?.shasum ?? null, m?.dist?.tarball ?? null]);
  fullIntegrity += JSON.stringify(rest).length + JSON.stringify(full).length;
  versions += history.versions.length;
  withDigest += history.versions.filter((v) => v.integrity !== null).length;
  withTarball += history.versions.filter((v) => v.tarball !== null).length;
}
console.log(JSON.stringify({ docs, versions, withDigest, withTarball, bytesWithoutDist: withoutDist, bytesWithCompactDist: withDist, bytesWithFullDist: fullIntegrity }));
