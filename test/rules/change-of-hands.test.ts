/**
 * Change of hands with the shipped default policy: every incident the gate must catch is
 * blocked at attack time, and the two benign traps are not. Real registry documents from
 * ../shared/real-histories/ where they exist (accepts, eslint-scope, the npm-cli tree as the
 * project graph); synthetic histories for the rest, with the incidents' public shapes.
 */
import { buildPublisherIndex } from '../../src/engine/publisher-index.js';
import { evaluatePackage } from '../../src/engine/evaluate.js';
import { defaultPolicy } from '../../src/config/validate-policy.js';
import type { NewPublisherFinding, PackageVerdict, PublisherIndex, ReleaseHistory } from '../../src/model/types.js';
import { accountPublisher, DAY, found, makeHistory, makeLockedPackage, makeVersion, trustedPublisher } from '../support/history.js';
import { asOf, readRealHistory, readRealSet } from '../support/real-histories.js';

const HOUR = DAY / 24;
// The shipped defaults, with lockfile-binding off: these histories are judged without a
// lockfile entry to bind (the test locks name@version only), and binding is not what they test.
const shipped = defaultPolicy();
const policy = { ...shipped, rules: { ...shipped.rules, 'lockfile-binding': { severity: 'off' as const } } };

function judge(history: ReleaseHistory, version: string, now: number, graph: PublisherIndex | null = null): PackageVerdict {
  return evaluatePackage(makeLockedPackage({ name: history.name, version }), found(history), policy, now, graph);
}

const rulesAt = (verdict: PackageVerdict, severity: 'block' | 'warn') =>
  verdict.findings.filter((f) => f.severity === severity).map((f) => f.rule);
const changeOfHands = (verdict: PackageVerdict) => verdict.findings.find((f): f is NewPublisherFinding => f.rule === 'new-publisher');

describe('incidents are blocked at attack time (default policy)', () => {
  test('event-stream 3.3.6: a stranger, the previous owner gone, a patch release adding a dependency published hours earlier', () => {
    const t = (iso: string) => Date.parse(iso);
    const dominic = accountPublisher('dominictarr');
    const stranger = accountPublisher('right9ctrl');
    const eventStream = makeHistory({
      name: 'event-stream',
      versions: [
        makeVersion({ version: '3.3.3', publishedAt: t('2016-05-05T00:00:00Z'), publisher: dominic, maintainers: ['dominictarr'], dependencies: ['through'] }),
        makeVersion({ version: '3.3.4', publishedAt: t('2016-06-01T00:00:00Z'), publisher: dominic, maintainers: ['dominictarr'], dependencies: ['through'] }),
        makeVersion({ version: '3.3.5', publishedAt: t('2018-09-05T00:00:00Z'), publisher: stranger, maintainers: ['right9ctrl'], dependencies: ['through'] }),
        makeVersion({ version: '3.3.6', publishedAt: t('2018-09-09T12:00:00Z'), publisher: stranger, maintainers: ['right9ctrl'], dependencies: ['flatmap-stream', 'through'] }),
      ],
    });
    const flatmapStream = makeHistory({
      name: 'flatmap-stream',
      versions: [makeVersion({ version: '0.1.1', publishedAt: t('2018-09-09T08:00:00Z'), publisher: stranger, maintainers: ['right9ctrl'] })],
    });
    const through = makeHistory({ name: 'through', versions: [makeVersion({ version: '2.3.8', publishedAt: t('2015-01-01T00:00:00Z'), publisher: dominic, maintainers: ['dominictarr'] })] });
    const graph = buildPublisherIndex([eventStream, flatmapStream, through]);

    const now = t('2018-09-10T12:00:00Z');
    const verdict = judge(eventStream, '3.3.6', now, graph);
    expect(verdict.verdict).toBe('block');
    const finding = changeOfHands(verdict)!;
    expect(finding.severity).toBe('block');
    expect(finding.signals.map((s) => s.signal)).toEqual(['previous-publishers-gone', 'owners-replaced', 'new-dependency']);
    expect(finding.signals[2]).toMatchObject({ names: ['flatmap-stream'], patch: true, young: [{ name: 'flatmap-stream' }] });
    // Its own fresh package is no standing in the project.
    expect(finding.discounts).toEqual([]);
    // Still blocked weeks later, when the payload was found; lapses 90 days after the stranger came.
    expect(judge(eventStream, '3.3.6', t('2018-11-20T00:00:00Z'), graph).verdict).toBe('block');
    expect(finding.eligibleAt).toBe(t('2018-09-05T00:00:00Z') + 90 * DAY);
  });

  test('is 2025: the owners replaced by a fresh account that adds a postinstall script', () => {
    const t = (iso: string) => Date.parse(iso);
    const is = makeHistory({
      name: 'is',
      versions: [
        makeVersion({ version: '3.3.0', publishedAt: t('2018-10-12T00:00:00Z'), publisher: accountPublisher('ljharb'), maintainers: ['ljharb', 'enricomarino'] }),
        makeVersion({ version: '3.3.1', publishedAt: t('2025-07-19T10:00:00Z'), publisher: accountPublisher('fresh-owner'), maintainers: ['fresh-owner'], installScripts: ['postinstall'] }),
      ],
    });
    const verdict = judge(is, '3.3.1', t('2025-07-19T16:00:00Z'), buildPublisherIndex([is]));
    expect(rulesAt(verdict, 'block')).toEqual(['release-age', 'new-publisher']);
    expect(changeOfHands(verdict)!.signals.map((s) => s.signal)).toEqual(['previous-publishers-gone', 'owners-replaced', 'dormant-revived', 'install-script']);
    // After the release-age window the change of hands alone still holds it.
    expect(rulesAt(judge(is, '3.3.1', t('2025-08-19T00:00:00Z'), buildPublisherIndex([is])), 'block')).toEqual(['new-publisher']);
  });

  test.each([
    ['nx', 'jameshenry'],
    ['axios', 'jasonsaayman'],
  ])('%s: a stolen token publishes outside the trusted-publishing pipeline (held 30 days, not for ever)', (name, maintainer) => {
    const t = (iso: string) => Date.parse(iso);
    const history = makeHistory({
      name,
      versions: [
        makeVersion({ version: '21.4.0', publishedAt: t('2025-08-01T00:00:00Z'), publisher: trustedPublisher(), provenance: true, maintainers: [maintainer] }),
        makeVersion({ version: '21.5.0', publishedAt: t('2025-08-20T00:00:00Z'), publisher: trustedPublisher(), provenance: true, maintainers: [maintainer] }),
        makeVersion({ version: '21.5.1', publishedAt: t('2025-08-26T22:32:00Z'), publisher: accountPublisher(maintainer), provenance: false, maintainers: [maintainer] }),
      ],
    });
    const attack = judge(history, '21.5.1', t('2025-08-27T02:00:00Z'));
    expect(rulesAt(attack, 'block')).toEqual(['release-age', 'trust-downgrade']);
    const downgrade = attack.findings.find((f) => f.rule === 'trust-downgrade')!;
    expect(downgrade.eligibleAt).toBe(t('2025-08-26T22:32:00Z') + 30 * DAY);
    // Past the release-age window the downgrade still holds it, until its hold ends.
    expect(judge(history, '21.5.1', t('2025-09-10T00:00:00Z')).verdict).toBe('block');
    expect(judge(history, '21.5.1', downgrade.eligibleAt!).verdict).toBe('allow');
  });

  test('eslint-scope 3.7.2 (real document): a hijacked maintainer release, held by the age rule at attack time', () => {
    const real = readRealHistory('npm-cli/eslint-scope.json.gz');
    const hijacked = real.versions.find((v) => v.version === '3.7.2')!;
    const before = real.versions.find((v) => v.version === '3.7.1')!;
    expect(hijacked.unpublished).toBe(true);
    // At attack time the registry served 3.7.2 from the maintainer's hijacked account; the
    // document keeps only its publish time, so the record is rebuilt from 3.7.1's.
    const atAttack = asOf(real, hijacked.publishedAt! + HOUR);
    const history = {
      ...atAttack,
      versions: atAttack.versions.map((v) => (v.version === '3.7.2' ? { ...before, version: '3.7.2', publishedAt: hijacked.publishedAt } : v)),
    };
    const verdict = judge(history, '3.7.2', hijacked.publishedAt! + HOUR);
    expect(rulesAt(verdict, 'block')).toEqual(['release-age']);
    // It was unpublished within hours, long before the 7-day window ended.
    expect(verdict.eligibleAt).toBe(hijacked.publishedAt! + 7 * DAY);
  });
});

describe('traps are not blocked (default policy)', () => {
  const npmTree = readRealSet('npm-cli');
  const graph = buildPublisherIndex(npmTree);

  test('accepts 1.0.2 (real document): the Express organisation takes over while the author stays', () => {
    const accepts = npmTree.find((h) => h.name === 'accepts')!;
    const release = accepts.versions.find((v) => v.version === '1.0.2')!;
    expect(release.publisher?.id).toBe('dougwilson');
    const now = release.publishedAt! + DAY;
    const verdict = judge(asOf(accepts, now), '1.0.2', now, graph);
    expect(rulesAt(verdict, 'block')).toEqual(['release-age']);
    expect(changeOfHands(verdict)).toBeUndefined();
    // After the release-age window: allowed.
    expect(judge(asOf(accepts, release.publishedAt! + 8 * DAY), '1.0.2', release.publishedAt! + 8 * DAY, graph).verdict).toBe('allow');
  });

  test('accepts 1.0.2 is quiet even without the project graph (the author stays, the owners grew)', () => {
    const accepts = npmTree.find((h) => h.name === 'accepts')!;
    const release = accepts.versions.find((v) => v.version === '1.0.2')!;
    const now = release.publishedAt! + 8 * DAY;
    expect(judge(asOf(accepts, now), '1.0.2', now).verdict).toBe('allow');
  });

  test('a move from trusted publishing to staged publishing by the same humans, provenance lost to the npm bug', () => {
    const t = (iso: string) => Date.parse(iso);
    const history = makeHistory({
      name: 'staged',
      versions: [
        makeVersion({ version: '2.0.0', publishedAt: t('2026-06-01T00:00:00Z'), publisher: trustedPublisher(), provenance: true, maintainers: ['alice', 'bob'] }),
        makeVersion({ version: '2.1.0', publishedAt: t('2026-08-01T00:00:00Z'), publisher: trustedPublisher(), provenance: true, maintainers: ['alice', 'bob'] }),
        // npm 11.15 staged publishing: _npmUser is the approving human, approver set, no trustedPublisher, no provenance.
        makeVersion({ version: '2.1.1', publishedAt: t('2026-09-10T00:00:00Z'), publisher: accountPublisher('bob', 'bob'), provenance: false, maintainers: ['alice', 'bob'] }),
      ],
    });
    const verdict = judge(history, '2.1.1', t('2026-09-18T00:00:00Z'));
    expect(verdict.findings).toEqual([]);
    expect(verdict.verdict).toBe('allow');
  });
});
