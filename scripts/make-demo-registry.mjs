// Writes examples/demo/registry/*.json: trimmed registry documents (only the fields the gate
// reads) for the demo project, with times relative to the demo's fixed instant. The output is
// committed; rerun after changing the stories below: `node scripts/make-demo-registry.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';

export const DEMO_NOW = '2026-11-20T12:00:00Z';
const now = Date.parse(DEMO_NOW);
const day = 86_400_000;
const daysAgo = (days) => new Date(now - days * day).toISOString();
const user = (name) => ({ name, email: `${name}@example.com` });
const github = { name: 'GitHub Actions', email: 'npm-oidc-no-reply@github.com', trustedPublisher: { id: 'github', oidcConfigId: 'oidc:demo' } };
const provenance = { url: 'https://registry.example/-/npm/v1/attestations', provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };

/** [version, daysAgo, publisher, maintainers, extra] */
function packument(name, releases, { maintainers } = {}) {
  const time = {};
  const versions = {};
  for (const [version, age, publisher, owners, extra = {}] of releases) {
    time[version] = daysAgo(age);
    versions[version] = {
      name,
      version,
      _npmUser: publisher,
      maintainers: owners.map(user),
      dist: { tarball: `https://registry.example/${name}/-/${name}-${version}.tgz`, ...(extra.provenance ? { attestations: provenance } : {}) },
      ...(extra.scripts ? { scripts: extra.scripts } : {}),
    };
  }
  const ordered = releases.map(([version]) => version);
  time.created = time[ordered[0]];
  time.modified = time[ordered.at(-1)];
  const last = releases.at(-1);
  return {
    name,
    'dist-tags': { latest: ordered.at(-1) },
    maintainers: (maintainers ?? last[3]).map(user),
    time,
    versions,
  };
}

const packages = [
  // Clean: one long-standing publisher.
  packument('str-pad', [
    ['1.0.0', 1400, user('ana'), ['ana']],
    ['1.1.0', 980, user('ana'), ['ana']],
    ['1.2.0', 510, user('ana'), ['ana']],
  ]),
  // A fresh release: two days old, inside the 7-day window.
  packument('quick-format', [
    ['3.0.0', 640, user('lee'), ['lee', 'kim']],
    ['3.1.0', 102, user('lee'), ['lee', 'kim']],
    ['3.1.1', 2, user('kim'), ['lee', 'kim']],
  ]),
  // A takeover: a new account is added, publishes a clean patch, then removes the original
  // owner and publishes the payload with a postinstall script (the event-stream and `is` 2025
  // patterns: a handover plus a way to run code).
  packument('event-pipe', [
    ['2.0.0', 2500, user('dom'), ['dom']],
    ['2.2.0', 1900, user('dom'), ['dom']],
    ['2.3.0', 700, user('dom'), ['dom']],
    ['2.3.1', 56, user('right9'), ['dom', 'right9']],
    ['2.4.0', 21, user('right9'), ['right9'], { scripts: { postinstall: 'node ./setup.js' } }],
  ]),
  // A trust downgrade: 5.x ships through trusted publishing with provenance, then 5.2.1 is
  // published from a laptop. The 4.x maintenance line never had provenance: not a downgrade.
  packument('safe-parse', [
    ['4.9.0', 800, user('mia'), ['mia']],
    ['5.0.0', 300, github, ['mia'], { provenance: true }],
    ['5.1.0', 150, github, ['mia'], { provenance: true }],
    ['5.2.0', 60, github, ['mia'], { provenance: true }],
    ['4.9.3', 40, user('mia'), ['mia']],
    ['5.2.1', 19, user('mia'), ['mia']],
  ]),
  // A move to trusted publishing with the same maintainers: not a change of hands.
  packument('tiny-utils', [
    ['2.0.0', 900, user('oli'), ['oli', 'pat']],
    ['2.0.5', 300, user('pat'), ['oli', 'pat']],
    ['2.1.0', 15, github, ['oli', 'pat'], { provenance: true }],
  ]),
  // A long-standing co-maintainer publishing for the first time: not new.
  packument('deep-merge', [
    ['1.0.0', 2000, user('sam'), ['sam', 'joe']],
    ['1.5.0', 1000, user('sam'), ['sam', 'joe']],
    ['1.6.0', 30, user('joe'), ['sam', 'joe']],
  ]),
  // A release that adds a postinstall script: warned, not blocked.
  packument('native-thing', [
    ['1.3.0', 400, user('zoe'), ['zoe']],
    ['1.4.0', 45, user('zoe'), ['zoe'], { scripts: { postinstall: 'node ./download-binary.js' } }],
  ]),
  // A development-only dependency.
  packument('test-kit', [
    ['0.9.0', 700, user('ivy'), ['ivy']],
    ['0.9.4', 200, user('ivy'), ['ivy']],
  ]),
];

const dir = new URL('../examples/demo/registry/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const doc of packages) writeFileSync(new URL(`${doc.name}.json`, dir), `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${packages.length} documents to ${dir.pathname}`);
