/** describeFinding: the sentence every reporter prints for a finding, one case per rule and shape. */
import type { Finding } from '../../src/model/types.js';
import { describeFinding } from '../../src/report/describe-finding.js';
import { days, daysAgo, NOW, NO_SIGNALS } from '../support/history.js';

const block = { severity: 'block', eligibleAt: null } as const;
const warn = { severity: 'warn', eligibleAt: null } as const;

test.each<[string, Finding, string]>([
  [
    'release-age',
    { ...block, rule: 'release-age', publishedAt: daysAgo(2), minReleaseAge: days(7) },
    'published 2026-11-18 (2 days ago), inside the 7d quarantine window',
  ],
  [
    'new-publisher, checked against the maintainer lists',
    { ...block, rule: 'new-publisher', publisher: 'right9', firstSeenAt: daysAgo(56), previousPublishers: ['dom', 'ana'], window: days(90), unverified: false, ...NO_SIGNALS },
    'published by right9, who first published this package 2026-09-25 (56 days ago); earlier publishers: dom, ana',
  ],
  [
    'new-publisher, the first publisher on record',
    { ...block, rule: 'new-publisher', publisher: 'right9', firstSeenAt: daysAgo(3), previousPublishers: [], window: days(90), unverified: false, ...NO_SIGNALS },
    'published by right9, who first published this package 2026-11-17 (3 days ago); earlier publishers: nobody',
  ],
  [
    'new-publisher, unverified',
    { ...block, rule: 'new-publisher', publisher: 'right9', firstSeenAt: daysAgo(3), previousPublishers: ['dom'], window: days(90), unverified: true, ...NO_SIGNALS },
    "published by right9, a publisher new to this package since 2026-11-17 (3 days ago), and the registry's maintainer lists cannot confirm the same people are behind it",
  ],
  [
    'maintainer-change, one pending owner',
    { ...block, rule: 'maintainer-change', kind: 'pending', added: ['eve'], removed: [], baselineVersion: null },
    "current owners include eve, who is in no release's maintainer list yet (just given publish rights)",
  ],
  [
    'maintainer-change, two pending owners',
    { ...block, rule: 'maintainer-change', kind: 'pending', added: ['eve', 'mallory'], removed: [], baselineVersion: null },
    "current owners include eve, mallory, who are in no release's maintainer list yet (just given publish rights)",
  ],
  [
    'maintainer-change, every maintainer replaced',
    { ...block, rule: 'maintainer-change', kind: 'replaced', added: ['right9'], removed: ['dom'], baselineVersion: '2.3.0' },
    'every maintainer of 2.3.0 is gone: now right9, before dom',
  ],
  [
    'maintainer-change, maintainers added',
    { ...warn, rule: 'maintainer-change', kind: 'added', added: ['eve', 'mallory'], removed: [], baselineVersion: '1.4.0' },
    'maintainers added since 1.4.0: eve, mallory',
  ],
  [
    'maintainer-change, no baseline version',
    { ...warn, rule: 'maintainer-change', kind: 'added', added: ['eve'], removed: [], baselineVersion: null },
    'maintainers added since ?: eve',
  ],
  [
    'trust-downgrade, from trusted publishing to nothing',
    { ...block, rule: 'trust-downgrade', line: '5', expected: 'trusted-publisher', actual: 'none', evidenceVersion: '5.2.0' },
    'published with neither provenance nor trusted publishing, but 5.2.0 in the same 5.x line had trusted publishing',
  ],
  [
    'trust-downgrade, from trusted publishing to provenance only',
    { ...block, rule: 'trust-downgrade', line: '0.4', expected: 'trusted-publisher', actual: 'provenance', evidenceVersion: '0.4.7' },
    'published with provenance, but 0.4.7 in the same 0.4.x line had trusted publishing',
  ],
  [
    'install-script, one new script',
    { ...warn, rule: 'install-script', scripts: ['postinstall'], previousVersion: '1.3.0' },
    'adds postinstall script that 1.3.0 did not have',
  ],
  [
    'install-script, several scripts on a first release',
    { ...warn, rule: 'install-script', scripts: ['preinstall', 'install'], previousVersion: null },
    'adds preinstall, install scripts',
  ],
  [
    'unknown-publish-time',
    { ...warn, rule: 'unknown-publish-time', registry: 'https://npm.internal/' },
    'https://npm.internal/ gives no publish time for this version, so its age cannot be checked',
  ],
  [
    'missing-version, the package is unknown',
    { ...block, rule: 'missing-version', kind: 'package', registry: 'https://registry.npmjs.org/', unpublishedAt: null },
    'https://registry.npmjs.org/ does not know this package',
  ],
  [
    'missing-version, the version was unpublished',
    { ...block, rule: 'missing-version', kind: 'version', registry: 'https://registry.npmjs.org/', unpublishedAt: daysAgo(1) },
    'this version is not in https://registry.npmjs.org/ (unpublished 2026-11-19 (1 day ago))',
  ],
  [
    'non-registry-source, from git with credentials in the URL',
    { ...warn, rule: 'non-registry-source', source: 'git', resolved: 'git+https://user:s3cret@github.com/org/repo.git#abc' },
    'installed from git (git+https://***@github.com/org/repo.git#abc), which has no registry history to check',
  ],
  [
    'non-registry-source, a linked folder',
    { ...warn, rule: 'non-registry-source', source: 'link', resolved: null },
    'installed from link, which has no registry history to check',
  ],
  [
    'lockfile-binding, a tarball from elsewhere',
    { ...block, rule: 'lockfile-binding', kind: 'tarball', location: 'node_modules/left-pad', locked: 'https://evil.example/left-pad/-/left-pad-1.3.0.tgz', published: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', registry: 'https://registry.npmjs.org/' },
    'node_modules/left-pad is fetched from https://evil.example/left-pad/-/left-pad-1.3.0.tgz, not from https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz, the tarball https://registry.npmjs.org/ published: other bytes than the version whose history was checked',
  ],
  [
    'lockfile-binding, a tarball on no configured registry host',
    { ...block, rule: 'lockfile-binding', kind: 'tarball', location: null, locked: 'https://evil.example/x.tgz', published: null, registry: 'https://registry.npmjs.org/' },
    'a copy is fetched from https://evil.example/x.tgz, not from a registry host the configuration names for it (https://registry.npmjs.org/ was checked): other bytes than the version whose history was checked',
  ],
  [
    'lockfile-binding, another digest',
    { ...block, rule: 'lockfile-binding', kind: 'integrity', location: 'node_modules/a', locked: `sha512-${'A'.repeat(86)}==`, published: `sha512-${'B'.repeat(86)}==`, registry: 'https://registry.npmjs.org/' },
    `node_modules/a has integrity sha512-${'A'.repeat(16)}… but the registry published sha512-${'B'.repeat(16)}…: other bytes than the version whose history was checked`,
  ],
  [
    'lockfile-binding, no shared algorithm',
    { ...block, rule: 'lockfile-binding', kind: 'integrity-algorithm', location: 'node_modules/a', locked: `sha1-${'C'.repeat(27)}=`, published: `sha512-${'B'.repeat(86)}==`, registry: 'https://registry.npmjs.org/' },
    `node_modules/a has integrity sha1-${'C'.repeat(16)}…, which names no digest the registry published (sha512-${'B'.repeat(16)}…), so its bytes cannot be bound to the version checked`,
  ],
  [
    'lockfile-binding, no integrity recorded',
    { ...block, rule: 'lockfile-binding', kind: 'missing-integrity', location: 'node_modules/a', locked: null, published: `sha512-${'B'.repeat(86)}==`, registry: 'https://registry.npmjs.org/' },
    `node_modules/a records no integrity, so the bytes it installs are not bound to what https://registry.npmjs.org/ published (sha512-${'B'.repeat(16)}…)`,
  ],
])('%s', (_shape, finding, sentence) => {
  expect(describeFinding(finding, NOW)).toBe(sentence);
});

test('names from the registry lose their control characters', () => {
  const finding: Finding = { ...block, rule: 'new-publisher', publisher: 'evil\u001b[2J\u202eone', firstSeenAt: daysAgo(1), previousPublishers: ['a\u0007b'], window: days(90), unverified: false, ...NO_SIGNALS };
  expect(describeFinding(finding, NOW)).toBe('published by evil[2Jone, who first published this package 2026-11-19 (1 day ago); earlier publishers: ab');
});
