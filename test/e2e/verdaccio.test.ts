/**
 * The gate against a real private registry: Verdaccio (devDependency) with seeded storage,
 * an uplink to a local upstream registry, and `@private/*` behind a token. One Verdaccio for
 * the file (test/support/verdaccio.ts); every gate run is the built CLI as a child process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv, runCli, type CliResult } from '../support/cli.js';
import { makeTempDir } from '../support/temp.js';
import { useVerdaccio, type Verdaccio } from '../support/verdaccio.js';

const NOW = Date.parse('2026-11-20T12:00:00.000Z');
const NOW_ISO = new Date(NOW).toISOString();
const DAY = 86_400_000;
const iso = (instant: number): string => new Date(instant).toISOString();

const verdaccio = useVerdaccio({
  now: NOW,
  local: [
    {
      name: '@private/tools',
      versions: [
        { version: '1.0.0', ageDays: 60, publisher: 'alice' },
        { version: '1.1.0', ageDays: 2, publisher: 'alice' },
      ],
    },
    {
      name: 'house-lib',
      versions: [
        { version: '2.0.0', ageDays: 90, publisher: 'alice' },
        { version: '2.1.0', ageDays: 3, publisher: 'alice' },
      ],
    },
    // Published to Verdaccio with npm: no _npmUser, package.json's maintainers (measured shape).
    { name: '@private/made-here', asPublishedByNpm: true, versions: [{ version: '1.0.0', ageDays: 50 }] },
    // Same name and version as upstream's, other bytes: what a tampered or confused mirror holds.
    { name: 'mirrored-lib', versions: [{ version: '1.0.0', ageDays: 100, publisher: 'bob', files: { 'extra.js': 'globalThis.x = 1;\n' } }] },
  ],
  upstream: [
    {
      name: 'proxied-lib',
      versions: [
        { version: '1.0.0', ageDays: 120, publisher: 'bob' },
        { version: '1.1.0', ageDays: 40, publisher: 'bob' },
      ],
    },
    { name: 'attested-lib', versions: [{ version: '3.0.0', ageDays: 30, publisher: 'carol' }] },
    {
      name: 'fresh-lib',
      versions: [
        { version: '1.0.0', ageDays: 200, publisher: 'bob' },
        { version: '1.1.0', ageDays: 2, publisher: 'bob' },
      ],
    },
    { name: 'mirrored-lib', versions: [{ version: '1.0.0', ageDays: 100, publisher: 'bob' }] },
  ],
});

interface ServedVersion {
  dist: { tarball: string; integrity: string };
}

/** The document as Verdaccio serves it (with the token: it also serves `@private/*`). */
async function served(registry: Verdaccio, name: string): Promise<Record<string, unknown> & { versions: Record<string, ServedVersion> }> {
  const response = await fetch(`${registry.url}${name.replace('/', '%2f')}`, {
    headers: { authorization: `Bearer ${registry.token}`, accept: 'application/json' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown> & { versions: Record<string, ServedVersion> };
}

/** A project whose package-lock.json holds these versions as npm would lock them from Verdaccio. */
async function project(registry: Verdaccio, locked: Record<string, string>, npmrc: string, policy?: object): Promise<string> {
  const dir = join(makeTempDir('verdaccio-project'), 'app');
  mkdirSync(dir);
  const packages: Record<string, object> = {
    '': { name: 'app', version: '1.0.0', dependencies: Object.fromEntries(Object.entries(locked).map(([n, v]) => [n, v])) },
  };
  for (const [name, version] of Object.entries(locked)) {
    const dist = (await served(registry, name)).versions[version]?.dist;
    if (!dist) throw new Error(`Verdaccio serves no ${name}@${version}`);
    packages[`node_modules/${name}`] = { version, resolved: dist.tarball, integrity: dist.integrity };
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: locked }, null, 2)}\n`);
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  writeFileSync(join(dir, '.npmrc'), npmrc);
  if (policy) writeFileSync(join(dir, 'quarantine.json'), `${JSON.stringify(policy, null, 2)}\n`);
  return dir;
}

/** .npmrc naming Verdaccio as the only registry, with or without the login's token. */
function npmrcFor(registry: Verdaccio, withToken: boolean): string {
  return `registry=${registry.url}\n${withToken ? `${registry.authKey}:_authToken=${registry.token}\n` : ''}`;
}

function check(dir: string, ...args: string[]): Promise<CliResult> {
  return checkWithEnv({}, dir, ...args);
}

function checkWithEnv(env: Record<string, string>, dir: string, ...args: string[]): Promise<CliResult> {
  return runCli(['check', dir, '--now', NOW_ISO, ...args], { env: isolatedEnv(env) });
}

interface JsonPackage {
  name: string;
  version: string;
  verdict: string;
  publishedAt: string | null;
  eligibleAt: string | null;
  findings: Array<{ rule: string; severity: string; eligibleAt: string | null }>;
}
interface JsonNotice {
  registry: string;
  /** How many packages were looked up there. */
  packages: number;
  missing: Array<{ fact: string; packages: string[]; rules: string[] }>;
  missingFacts: string;
  historyFrom: string | null;
  notOnHistory: string[];
}
interface JsonReport {
  summary: { blocked: number; allowed: number; warned: number };
  packages: JsonPackage[];
  notices: JsonNotice[];
}

/** Neither the gate nor Verdaccio's own log printed the token or the password it was issued for. */
function expectNoSecret(result: CliResult, registry: Verdaccio): void {
  for (const secret of [registry.token, registry.password]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
    expect(registry.output()).not.toContain(secret);
  }
}

describe('a private scoped package behind a token', () => {
  test('with the token from the project .npmrc, the old private version passes', async () => {
    const registry = verdaccio();
    const dir = await project(registry, { '@private/tools': '1.0.0' }, npmrcFor(registry, true));
    const result = await check(dir, '--json');
    expectNoSecret(result, registry);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.packages).toEqual([
      expect.objectContaining({ name: '@private/tools', version: '1.0.0', verdict: 'allow', publishedAt: iso(NOW - 60 * DAY) }),
    ]);
  });

  test('without a token: one error line and a hint naming the .npmrc key, exit 2, no secret', async () => {
    const registry = verdaccio();
    const dir = await project(registry, { '@private/tools': '1.0.0' }, npmrcFor(registry, false));
    const result = await check(dir);
    expectNoSecret(result, registry);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `quarantine: ${registry.url}: authentication refused (401) fetching @private/tools`,
      `  hint: no credentials are configured for ${registry.authKey}: add ${registry.authKey}:_authToken=\${TOKEN} to your .npmrc (npm login --registry=${registry.url})`,
    ]);
  });

  test('a wrong token is refused the same way, and neither token is printed', async () => {
    const registry = verdaccio();
    const wrong = 'bm90LWEtcmVhbC10b2tlbjpub3QtYS1yZWFsLXRva2Vu';
    const dir = await project(registry, { '@private/tools': '1.0.0' }, `registry=${registry.url}\n${registry.authKey}:_authToken=${wrong}\n`);
    const result = await check(dir);
    expectNoSecret(result, registry);
    expect(result.stderr).not.toContain(wrong);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `quarantine: ${registry.url}: authentication refused (401) fetching @private/tools`,
      `  hint: check the auth token for ${registry.authKey} in your .npmrc (npm login --registry=${registry.url})`,
    ]);
  });
});

describe('a public package Verdaccio proxies from its upstream', () => {
  test('Verdaccio passes on time, _npmUser and integrity, drops the account list, and rewrites tarball URLs', async () => {
    const registry = verdaccio();
    const through = await served(registry, 'proxied-lib');
    const upstream = (await (await fetch(`${registry.upstream.url}proxied-lib`)).json()) as typeof through;
    expect(through['time']).toEqual(upstream['time']);
    for (const version of ['1.0.0', '1.1.0']) {
      const [mine, theirs] = [through.versions[version] as Record<string, unknown> & ServedVersion, upstream.versions[version] as Record<string, unknown> & ServedVersion];
      expect(mine['_npmUser']).toEqual(theirs['_npmUser']);
      expect(mine['maintainers']).toEqual(theirs['maintainers']);
      expect(mine.dist.integrity).toBe(theirs.dist.integrity);
      expect(mine.dist.tarball).toBe(`${registry.url}proxied-lib/-/proxied-lib-${version}.tgz`);
      expect(theirs.dist.tarball).toBe(`${registry.upstream.url}proxied-lib/-/proxied-lib-${version}.tgz`);
    }
    // The registry's current account list (top-level `maintainers`) does not come through.
    expect(upstream['maintainers']).toEqual([{ name: 'alice', email: 'alice@example.invalid' }]);
    expect(through['maintainers']).toBeUndefined();
    // The uplink asked the upstream as a client would, with no credentials of ours.
    const asked = registry.upstream.requestsFor('proxied-lib');
    expect(asked.length).toBeGreaterThan(0);
    for (const request of asked) expect(request.headers['authorization']).toBeUndefined();
  });

  test('the gate judges the proxied version by the upstream history Verdaccio passes on', async () => {
    const registry = verdaccio();
    const dir = await project(registry, { 'proxied-lib': '1.1.0' }, npmrcFor(registry, false));
    const result = await check(dir, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.packages).toEqual([
      expect.objectContaining({ name: 'proxied-lib', version: '1.1.0', verdict: 'allow', publishedAt: iso(NOW - 40 * DAY), findings: [] }),
    ]);
    // Publish times, publishers and per-version account lists came through: nothing the rules need is missing.
    expect(report.notices).toEqual([]);
    const why = await runCli(['why', 'proxied-lib', dir, '--now', NOW_ISO, '--json'], { env: isolatedEnv() });
    expect(why.code).toBe(0);
    const explained = JSON.parse(why.stdout) as { registry: string; currentMaintainers: unknown; publishers: Array<{ publisher: string; versions: string[] }> };
    expect(explained.registry).toBe(registry.url);
    expect(explained.publishers).toEqual([expect.objectContaining({ publisher: 'bob', versions: ['1.0.0', '1.1.0'] })]);
    // Without the top-level list the current accounts are unknown, not empty.
    expect(explained.currentMaintainers).toBeNull();
  });
});

describe('Verdaccio as the only registry', () => {
  test('with the token from the environment: old versions pass; a young one is blocked until its publish time plus the window', async () => {
    const registry = verdaccio();
    // The token from the environment, as CI passes it: `${VAR}` in .npmrc.
    const npmrc = `registry=${registry.url}\n${registry.authKey}:_authToken=\${VERDACCIO_TOKEN}\n`;
    const dir = await project(registry, { 'house-lib': '2.1.0', '@private/tools': '1.0.0', 'proxied-lib': '1.0.0' }, npmrc);
    const result = await checkWithEnv({ VERDACCIO_TOKEN: registry.token }, dir, '--json');
    expectNoSecret(result, registry);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const byName = new Map(report.packages.map((p) => [p.name, p]));
    expect(byName.get('@private/tools')).toMatchObject({ verdict: 'allow' });
    expect(byName.get('proxied-lib')).toMatchObject({ verdict: 'allow' });
    const publishedAt = NOW - 3 * DAY;
    const until = iso(publishedAt + 7 * DAY);
    expect(byName.get('house-lib')).toMatchObject({ version: '2.1.0', verdict: 'block', publishedAt: iso(publishedAt), eligibleAt: until });
    expect(byName.get('house-lib')?.findings).toEqual([expect.objectContaining({ rule: 'release-age', severity: 'block', eligibleAt: until })]);
    expect(report.summary).toMatchObject({ blocked: 1, allowed: 2 });
  });

  test('a package last changed before every window is settled on Verdaccio too: publishedBefore, no publish instant (decision 0051)', async () => {
    const registry = verdaccio();
    // mirrored-lib: one version, 100 days old, past the 90-day windows; house-lib changed 3 days ago.
    const dir = await project(registry, { 'mirrored-lib': '1.0.0', 'house-lib': '2.0.0' }, npmrcFor(registry, false));
    const result = await check(dir, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { packages: Array<JsonPackage & { publishedBefore: string | null }> };
    const byName = new Map(report.packages.map((p) => [p.name, p]));
    expect(byName.get('mirrored-lib')).toMatchObject({ verdict: 'allow', publishedAt: null, findings: [] });
    const before = Date.parse(byName.get('mirrored-lib')?.publishedBefore ?? '');
    expect(before).toBeLessThanOrEqual(NOW - 90 * DAY);
    expect(before).toBeGreaterThanOrEqual(NOW - 100 * DAY);
    expect(byName.get('house-lib')).toMatchObject({ verdict: 'allow', publishedAt: iso(NOW - 90 * DAY), publishedBefore: null });
  });

  test('the text report names the until-instant, and the old version alone passes', async () => {
    const registry = verdaccio();
    const young = await project(registry, { 'house-lib': '2.1.0' }, npmrcFor(registry, false));
    const blocked = await check(young);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('house-lib@2.1.0');
    expect(blocked.stdout).toContain('2026-11-24');
    const old = await project(registry, { 'house-lib': '2.0.0' }, npmrcFor(registry, false));
    const passed = await check(old);
    expect(passed.code).toBe(0);
  });
});

describe('what Verdaccio 6.10.4 serves (measured; docs/registries.md quotes these)', () => {
  const FULL = 'application/json';
  const ABBREVIATED = 'application/vnd.npm.install-v1+json';

  async function get(registry: Verdaccio, name: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${registry.url}${name.replace('/', '%2f')}`, { headers: { accept: FULL, ...headers } });
  }

  test('validators: an ETag, no Last-Modified, no Cache-Control; If-None-Match is answered in full (200), not 304', async () => {
    const registry = verdaccio();
    for (const name of ['house-lib', 'proxied-lib']) {
      const first = await get(registry, name);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
      expect(first.headers.get('last-modified')).toBeNull();
      expect(first.headers.get('cache-control')).toBeNull();
      const again = await get(registry, name, { 'if-none-match': etag ?? '' });
      expect(again.status).toBe(200);
      expect(again.headers.get('etag')).toBe(etag);
    }
  });

  test('abbreviated documents: served on request, with time but without publishers or account lists', async () => {
    const registry = verdaccio();
    const response = await get(registry, 'house-lib', { accept: ABBREVIATED });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(ABBREVIATED);
    const doc = (await response.json()) as Record<string, unknown> & { versions: Record<string, Record<string, unknown>> };
    // Unlike registry.npmjs.org's abbreviated form, Verdaccio's keeps the whole `time`.
    expect(doc['time']).toMatchObject({ '2.0.0': iso(NOW - 90 * DAY), '2.1.0': iso(NOW - 3 * DAY) });
    expect(doc['maintainers']).toBeUndefined();
    expect(doc.versions['2.0.0']?.['_npmUser']).toBeUndefined();
    expect(doc.versions['2.0.0']?.['maintainers']).toBeUndefined();
  });

  test('a package it holds: time, _npmUser and per-version maintainers as stored; the top-level account list is never served', async () => {
    const registry = verdaccio();
    const doc = await served(registry, 'house-lib');
    expect(doc['time']).toMatchObject({ '2.0.0': iso(NOW - 90 * DAY), '2.1.0': iso(NOW - 3 * DAY) });
    expect((doc.versions['2.1.0'] as unknown as Record<string, unknown>)['_npmUser']).toEqual({ name: 'alice', email: 'alice@example.invalid' });
    expect((doc.versions['2.1.0'] as unknown as Record<string, unknown>)['maintainers']).toEqual([{ name: 'alice', email: 'alice@example.invalid' }]);
    // Stored (the seeded package.json has it) but not served.
    expect(doc['maintainers']).toBeUndefined();
  });

  test('a proxied package: dist.attestations come through', async () => {
    const registry = verdaccio();
    // Set before Verdaccio first asks for it (no other test reads attested-lib).
    const upstreamDoc = (await (await fetch(`${registry.upstream.url}attested-lib`)).json()) as { versions: Record<string, { dist: Record<string, unknown> }> };
    const attestations = { url: `${registry.upstream.url}-/npm/v1/attestations/attested-lib@3.0.0`, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };
    (upstreamDoc.versions['3.0.0'] as { dist: Record<string, unknown> }).dist['attestations'] = attestations;
    registry.upstream.setDocument('attested-lib', upstreamDoc);
    const doc = await served(registry, 'attested-lib');
    expect((doc.versions['3.0.0'] as unknown as { dist: Record<string, unknown> }).dist['attestations']).toEqual(attestations);
  });
});

describe('Verdaccio with its history from the upstream (policy registries[url].historyFrom)', () => {
  const policyFor = (registry: Verdaccio, missingFacts?: string): object => ({
    extends: 'default',
    registries: { [registry.url]: { historyFrom: registry.upstream.url, ...(missingFacts ? { missingFacts } : {}) } },
  });

  test('times and accounts come from the upstream, a young upstream release is blocked, and the token stays on Verdaccio', async () => {
    const registry = verdaccio();
    const dir = await project(registry, { 'proxied-lib': '1.1.0', 'fresh-lib': '1.1.0' }, npmrcFor(registry, true), policyFor(registry));
    const result = await check(dir, '--json');
    expectNoSecret(result, registry);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    const byName = new Map(report.packages.map((p) => [p.name, p]));
    expect(byName.get('proxied-lib')).toMatchObject({ verdict: 'allow', publishedAt: iso(NOW - 40 * DAY) });
    const until = iso(NOW - 2 * DAY + 7 * DAY);
    expect(byName.get('fresh-lib')).toMatchObject({ verdict: 'block', publishedAt: iso(NOW - 2 * DAY), eligibleAt: until });
    // Verdaccio serves no top-level account list; the upstream's stands in for it.
    const why = await runCli(['why', 'proxied-lib', dir, '--now', NOW_ISO, '--json'], { env: isolatedEnv() });
    expect(why.code).toBe(0);
    expect((JSON.parse(why.stdout) as { currentMaintainers: unknown }).currentMaintainers).toEqual(['alice']);
    // The history registry was asked directly, and never with Verdaccio's token.
    const asked = registry.upstream.requests.filter((r) => r.headers['via'] === undefined);
    expect(asked.length).toBeGreaterThan(0);
    for (const request of registry.upstream.requests) expect(request.headers['authorization']).toBeUndefined();
  });

  test('a version whose bytes differ between Verdaccio and the upstream is blocked by lockfile-binding', async () => {
    const registry = verdaccio();
    const dir = await project(registry, { 'mirrored-lib': '1.0.0' }, npmrcFor(registry, false), policyFor(registry));
    const result = await check(dir, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.packages).toEqual([expect.objectContaining({ name: 'mirrored-lib', verdict: 'block' })]);
    expect(report.packages[0]?.findings.map((f) => f.rule)).toContain('lockfile-binding');
  });

  test('a private package the upstream does not have is judged on Verdaccio\'s own facts; acknowledged gaps are said once', async () => {
    const registry = verdaccio();
    const dir = await project(registry, { '@private/made-here': '1.0.0', 'proxied-lib': '1.1.0' }, npmrcFor(registry, true), policyFor(registry, 'acknowledge'));
    const result = await check(dir, '--json');
    expectNoSecret(result, registry);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.packages.map((p) => [p.name, p.verdict])).toEqual([['@private/made-here', 'allow'], ['proxied-lib', 'allow']]);
    const notice = report.notices.find((n) => n.registry === registry.url);
    expect(notice).toMatchObject({ missingFacts: 'acknowledge', historyFrom: registry.upstream.url, notOnHistory: ['@private/made-here'] });
    expect(notice?.missing.find((m) => m.fact === 'publishers')?.packages).toEqual(['@private/made-here']);
    const text = await check(dir);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').filter((line) => line.includes(registry.url))).toEqual([
      expect.stringMatching(/^NOTE .*@private\/made-here.*missingFacts: acknowledge/),
    ]);
  });

  test('without missingFacts, the same gap is one UNKNOWN line naming the setting to add', async () => {
    const registry = verdaccio();
    const dir = await project(registry, { '@private/made-here': '1.0.0', 'proxied-lib': '1.1.0' }, npmrcFor(registry, true), policyFor(registry));
    const text = await check(dir);
    expectNoSecret(text, registry);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n').filter((line) => line.includes(registry.url));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^UNKNOWN .*@private\/made-here.*new-publisher, maintainer-change could not check them/);
    expect(lines[0]).toContain(`"registries": {"${registry.url}": {"missingFacts": "acknowledge"}}`);
  });
});
