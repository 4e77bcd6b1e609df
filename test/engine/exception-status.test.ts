import { evaluatePackage } from '../../src/engine/evaluate.js';
import { exceptionStatuses } from '../../src/engine/exception-status.js';
import type { Policy } from '../../src/model/policy.js';
import type { Instant, LockedPackage, PackageVerdict } from '../../src/model/types.js';
import { days, daysAgo, found, makeHistory, makeLockedPackage, makeVersion, NOW } from '../support/history.js';
import { makeException, makePolicy } from '../support/policy.js';

/** young: 2.0.0 was published 3 days ago (inside the 7-day window until NOW + 4 days); 1.0.0 is old. */
const young = makeHistory({
  name: 'young',
  versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(200) }), makeVersion({ version: '2.0.0', publishedAt: daysAgo(3) })],
});
const old = makeHistory({ name: 'old', versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(200) })] });
const histories = new Map([young, old].map((h) => [h.name, h]));

const locked: LockedPackage[] = [
  makeLockedPackage({ name: 'young', version: '2.0.0' }),
  makeLockedPackage({ name: 'young', version: '1.0.0' }),
  makeLockedPackage({ name: 'old', version: '1.0.0' }),
];

function verdictsAt(policy: Policy, now: Instant, packages = locked): PackageVerdict[] {
  return packages.map((pkg) => evaluatePackage(pkg, found(histories.get(pkg.name)!), policy, now));
}

function statesAt(policy: Policy, now: Instant, packages = locked) {
  return exceptionStatuses(policy, verdictsAt(policy, now, packages), now).map(({ exception, state, matched, applied }) => ({
    source: exception.source,
    state,
    matched,
    applied,
  }));
}

const farFuture = NOW + days(60);

test('active: it let a finding of a locked package through', () => {
  const exception = makeException({ source: 'e0', name: 'young', version: '2.0.0', rules: ['release-age'], expiresAt: farFuture });
  const policy = makePolicy({}, { exceptions: [exception] });
  expect(verdictsAt(policy, NOW)[0]?.verdict).toBe('allow');
  expect(statesAt(policy, NOW)).toEqual([{ source: 'e0', state: 'active', matched: ['young@2.0.0'], applied: ['young@2.0.0'] }]);
});

test('the status keeps the exception object itself', () => {
  const exception = makeException({ name: 'young', version: '2.0.0', expiresAt: farFuture });
  const policy = makePolicy({}, { exceptions: [exception] });
  const [status] = exceptionStatuses(policy, verdictsAt(policy, NOW), NOW);
  expect(status?.exception).toBe(exception);
});

test('expired: past its expiry, even though it matches and would let a finding through', () => {
  const exception = makeException({ source: 'e0', name: 'young', version: '2.0.0', expiresAt: NOW - days(1) });
  const policy = makePolicy({}, { exceptions: [exception] });
  expect(verdictsAt(policy, NOW)[0]?.verdict).toBe('block');
  expect(statesAt(policy, NOW)).toEqual([{ source: 'e0', state: 'expired', matched: ['young@2.0.0'], applied: [] }]);
});

test('expired from the exact expiry instant on; active one millisecond before', () => {
  const exception = makeException({ source: 'e0', name: 'young', version: '2.0.0', expiresAt: NOW });
  const policy = makePolicy({}, { exceptions: [exception] });
  expect(statesAt(policy, NOW)[0]?.state).toBe('expired');
  expect(statesAt(policy, NOW - 1)[0]?.state).toBe('active');
});

test('expired wins over unmatched: an expired exception that matches nothing is still reported as expired', () => {
  const exception = makeException({ source: 'e0', name: 'gone', expiresAt: NOW - days(1) });
  expect(statesAt(makePolicy({}, { exceptions: [exception] }), NOW)).toEqual([{ source: 'e0', state: 'expired', matched: [], applied: [] }]);
});

test('not-needed: it matches a locked version that has since aged past the window', () => {
  const exception = makeException({ source: 'e0', name: 'young', version: '2.0.0', rules: ['release-age'], expiresAt: farFuture });
  const policy = makePolicy({}, { exceptions: [exception] });
  expect(statesAt(policy, NOW)[0]?.state).toBe('active');
  // 2.0.0 leaves the 7-day window at NOW + 4 days.
  const later = NOW + days(5);
  expect(verdictsAt(policy, later)[0]?.excepted).toEqual([]);
  expect(statesAt(policy, later)).toEqual([{ source: 'e0', state: 'not-needed', matched: ['young@2.0.0'], applied: [] }]);
});

test('not-needed: a rules-limited exception for a rule that has nothing to say', () => {
  const exception = makeException({ source: 'e0', name: 'young', version: '2.0.0', rules: ['install-script'], expiresAt: farFuture });
  const policy = makePolicy({}, { exceptions: [exception] });
  expect(verdictsAt(policy, NOW)[0]?.verdict).toBe('block');
  expect(statesAt(policy, NOW)).toEqual([{ source: 'e0', state: 'not-needed', matched: ['young@2.0.0'], applied: [] }]);
});

test('unmatched: no locked package has that name and version', () => {
  const exceptions = [
    makeException({ source: 'e0', name: 'young', version: '3.0.0', expiresAt: farFuture }),
    makeException({ source: 'e1', name: 'absent', expiresAt: farFuture }),
    makeException({ source: 'e2', name: '@myorg/*', expiresAt: farFuture }),
  ];
  expect(statesAt(makePolicy({}, { exceptions }), NOW)).toEqual([
    { source: 'e0', state: 'unmatched', matched: [], applied: [] },
    { source: 'e1', state: 'unmatched', matched: [], applied: [] },
    { source: 'e2', state: 'unmatched', matched: [], applied: [] },
  ]);
});

test('a glob exception: matched lists every locked version it covers, applied only those it let through, both sorted', () => {
  const exception = makeException({ source: 'e0', name: '**', expiresAt: farFuture });
  const policy = makePolicy({}, { exceptions: [exception] });
  expect(statesAt(policy, NOW)).toEqual([
    { source: 'e0', state: 'active', matched: ['old@1.0.0', 'young@1.0.0', 'young@2.0.0'], applied: ['young@2.0.0'] },
  ]);
});

test('every policy exception gets one status, in policy order', () => {
  const exceptions = [
    makeException({ source: 'e0', name: 'young', expiresAt: farFuture }),
    makeException({ source: 'e1', name: 'old', expiresAt: NOW - 1 }),
    makeException({ source: 'e2', name: 'old', expiresAt: farFuture }),
    makeException({ source: 'e3', name: 'nobody', expiresAt: farFuture }),
  ];
  expect(statesAt(makePolicy({}, { exceptions }), NOW).map((s) => [s.source, s.state])).toEqual([
    ['e0', 'active'],
    ['e1', 'expired'],
    ['e2', 'not-needed'],
    ['e3', 'unmatched'],
  ]);
});

test('no exceptions, no statuses', () => {
  expect(exceptionStatuses(makePolicy(), verdictsAt(makePolicy(), NOW), NOW)).toEqual([]);
});

test('a status counts each name@version once, even when the lockfile yields it twice', () => {
  const exception = makeException({ source: 'e0', name: 'young', version: '2.0.0', expiresAt: farFuture });
  const policy = makePolicy({}, { exceptions: [exception] });
  const twice = [makeLockedPackage({ name: 'young', version: '2.0.0' }), makeLockedPackage({ name: 'young', version: '2.0.0', dev: true })];
  expect(statesAt(policy, NOW, twice)).toEqual([{ source: 'e0', state: 'active', matched: ['young@2.0.0'], applied: ['young@2.0.0'] }]);
});

test('two exceptions covering the same finding are both needed; the longer-lasting one is named', () => {
  const soon = makeException({ source: 'soon', name: 'young', rules: null, expiresAt: NOW + days(1) });
  const later = makeException({ source: 'later', name: 'young', version: '2.0.0', rules: ['release-age'], expiresAt: NOW + days(30) });
  const policy = makePolicy({}, { exceptions: [soon, later] });
  const [verdict] = verdictsAt(policy, NOW);
  expect(verdict?.excepted.map((entry) => entry.exception.source)).toEqual(['later']);
  const states = Object.fromEntries(statesAt(policy, NOW).map((status) => [status.source, status.state]));
  expect(states).toEqual({ soon: 'active', later: 'active' });
});
