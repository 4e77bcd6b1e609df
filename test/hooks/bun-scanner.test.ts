import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/model/constants.js';
import { QuarantineError } from '../../src/model/errors.js';
import type { HistorySource } from '../../src/model/history-source.js';
import { lockedPackagesFromBun, sourceOfRequest } from '../../src/hooks/bun-packages.js';
import { createBunScanner } from '../../src/hooks/bun-scanner.js';
import { parseBunfigRegistry } from '../../src/settings/bunfig.js';
import { daysAgo, found, makeHistory, makeVersion, NOW, notFound } from '../support/history.js';
import { testHost } from '../support/host.js';

const NOW_ISO = new Date(NOW).toISOString();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quarantine-bun-scanner-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { young: '^1.0.0' } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const histories: HistorySource = {
  async fetchHistory(name) {
    if (name === 'young') return found(makeHistory({ name, versions: [makeVersion({ version: '1.0.0', publishedAt: daysAgo(60) }), makeVersion({ version: '1.1.0', publishedAt: daysAgo(1) })] }));
    if (name === 'old') return found(makeHistory({ name, versions: [makeVersion({ version: '2.0.0', publishedAt: daysAgo(400) })] }));
    return notFound(name);
  },
};

const pkg = (name: string, version: string, requestedRange = `^${version}`) => ({
  name,
  version,
  requestedRange,
  tarball: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
});

describe('Bun scanner advisories', () => {
  it('blocked -> fatal with check\'s explanation; warned -> printed, not an advisory; allowed -> nothing', async () => {
    const printed: string[] = [];
    const scanner = createBunScanner({ dir, now: NOW_ISO, source: histories, printWarnings: (text) => printed.push(text) });
    const advisories = await scanner.scan({ packages: [pkg('young', '1.1.0'), pkg('old', '2.0.0'), pkg('own', '0.0.0', 'github:me/own')] });
    expect(advisories.map(({ level, package: name }) => [level, name])).toEqual([['fatal', 'young']]);
    const young = advisories[0]!;
    expect(young.description).toMatch(/^BLOCK +young@1\.1\.0 +release-age: .* newest allowed outside it: 1\.0\.0/);
    expect(young.description).toContain('bun add young@1.0.0');
    // A Bun `warn` advisory cancels every install without a terminal: warnings are printed.
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^WARN +own@0\.0\.0 +non-registry-source/);
  });

  it('a second copy of a known version with a tarball from another host is fatal (lockfile-binding)', async () => {
    const tarball = 'https://registry.npmjs.org/old/-/old-2.0.0.tgz';
    const published: HistorySource = {
      fetchHistory: async (name) => found(makeHistory({ name, versions: [makeVersion({ version: '2.0.0', publishedAt: daysAgo(400), tarball })] })),
    };
    const evil = { ...pkg('old', '2.0.0', '2.0.0'), tarball: 'https://cdn.evil.example/old/-/old-2.0.0.tgz' };
    const advisories = await createBunScanner({ dir, now: NOW_ISO, source: published }).scan({ packages: [pkg('old', '2.0.0'), evil] });
    expect(advisories).toEqual([expect.objectContaining({ level: 'fatal', package: 'old', description: expect.stringContaining('lockfile-binding: a copy is fetched from https://cdn.evil.example/') })]);
  });

  it('a package the registry does not have is fatal (missing-version)', async () => {
    const scanner = createBunScanner({ dir, now: NOW_ISO, source: histories });
    const advisories = await scanner.scan({ packages: [pkg('ghost', '1.0.0')] });
    expect(advisories).toEqual([expect.objectContaining({ level: 'fatal', package: 'ghost', description: expect.stringContaining('missing-version') })]);
  });

  it('could not decide (registry down) -> fatal for every package, with the reason', async () => {
    const down: HistorySource = {
      async fetchHistory() {
        throw new QuarantineError(ERROR_CODES.registryUnavailable, 'cannot reach https://registry.example/', { hint: 'check your network' });
      },
    };
    const advisories = await createBunScanner({ dir, now: NOW_ISO, source: down }).scan({ packages: [pkg('old', '2.0.0'), pkg('young', '1.0.0')] });
    expect(advisories.map((a) => [a.level, a.package])).toEqual([['fatal', 'old'], ['fatal', 'young']]);
    expect(advisories[0]!.description).toBe('release-quarantine could not check old@2.0.0, so the install stops: cannot reach https://registry.example/ check your network');
  });

  it('nothing to scan -> no advisory, no lookup', async () => {
    const never: HistorySource = { fetchHistory: () => Promise.reject(new Error('must not be called')) };
    await expect(createBunScanner({ dir, source: never }).scan({ packages: [] })).resolves.toEqual([]);
  });
});

describe('Bun packages -> locked packages', () => {
  it('judges the source from the requested range, never from the tarball URL', () => {
    expect(['^1.0.0', 'latest', '1.2.3', '*', 'npm:real@^2.0.0'].map(sourceOfRequest)).toEqual(['registry', 'registry', 'registry', 'registry', 'registry']);
    expect(['github:u/r', 'git+https://x/y.git', 'u/r#main', 'https://x/y.tgz', 'file:../a.tgz', 'file:../dir', 'link:../dir', 'workspace:*'].map(sourceOfRequest))
      .toEqual(['git', 'git', 'git', 'tarball', 'file', 'link', 'link', 'workspace']);
    const [registryPkg] = lockedPackagesFromBun([{ name: 'a', version: '1.0.0', requestedRange: '^1.0.0', tarball: 'https://mirror.example/weird/path.tgz' }], new Set());
    expect(registryPkg).toMatchObject({ source: 'registry', direct: false, requestedRanges: ['^1.0.0'] });
  });

  it('keeps a git copy of a registry version, and every tarball URL of a registry version as a copy', () => {
    const locked = lockedPackagesFromBun(
      [pkg('a', '1.0.0'), { ...pkg('a', '1.0.0', 'github:me/a'), tarball: 'git+https://github.com/me/a.git#0123' }, { ...pkg('a', '1.0.0', '1.0.0'), tarball: 'https://evil.example/a/-/a-1.0.0.tgz' }],
      new Set(),
    );
    expect(locked.map((p) => [p.source, p.copies.map((copy) => copy.resolved)])).toEqual([
      ['registry', ['https://registry.npmjs.org/a/-/a-1.0.0.tgz', 'https://evil.example/a/-/a-1.0.0.tgz']],
      ['git', ['git+https://github.com/me/a.git#0123']],
    ]);
    // Bun hands the scanner no integrity: nothing to find missing.
    expect(locked[0]!.copies.every((copy) => !copy.recordsIntegrity)).toBe(true);
  });

  it('merges one name@version asked for with several ranges', () => {
    const locked = lockedPackagesFromBun([pkg('a', '1.2.0', '^1.0.0'), pkg('a', '1.2.0', '~1.2.0'), pkg('b', '1.0.0', 'npm:b@^1.0.0')], new Set(['a']));
    expect(locked.map((p) => [p.name, p.direct, p.requestedRanges])).toEqual([['a', true, ['^1.0.0', '~1.2.0']], ['b', false, ['^1.0.0']]]);
  });
});

describe('bunfig.toml registry', () => {
  it('reads [install] registry as a string or an inline table; null when unset', () => {
    expect(parseBunfigRegistry('[install]\nregistry = "https://r.example/"\n')).toBe('https://r.example/');
    expect(parseBunfigRegistry('install.registry = \'https://r.example/\'\n')).toBe('https://r.example/');
    expect(parseBunfigRegistry('[install]\nregistry = { url = "https://r.example/", token = "x" }\n')).toBe('https://r.example/');
    expect(parseBunfigRegistry('[install.security]\nscanner = "x"\n')).toBeNull();
  });
});

describe('Bun scanner clock', () => {
  it('reads the clock once per scan (one install, one instant), and again for the next install', async () => {
    let reads = 0;
    const host = testHost({
      now: () => {
        reads += 1;
        return NOW;
      },
    });
    const scanner = createBunScanner({ dir, source: histories, printWarnings: () => {} }, host);
    await scanner.scan({ packages: [pkg('young', '1.1.0'), pkg('old', '2.0.0')] });
    expect(reads).toBe(1);
    await scanner.scan({ packages: [pkg('old', '2.0.0')] });
    expect(reads).toBe(2);
  });
});
