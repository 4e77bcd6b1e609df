/**
 * Every verdict is the same whichever path produced the release histories:
 *   full   - `JSON.parse` of the whole document, then projectPackument (the reference): full
 *            documents only, settled packages (engine/settled.ts) cut down to their view;
 *   fast   - the registry client over HTTP, projecting document bytes (slim-packument.ts),
 *            abbreviated documents first, full ones for what is not settled or for the index;
 *   large  - the same, with every document through the large-document slot;
 *   cached - a second client run on the same cache, revalidating (preferOnline): every
 *            answer a 304, facts from disk;
 *   fresh  - a third run within the registry's max-age: no request at all, facts from disk.
 * Over four corpora: the demo's registry snapshot (every rule fires), the benchmark's
 * generated project at a small size (young releases, takeovers, added maintainers, install
 * scripts, trusted publishing, thousands of versions), and generated histories on every
 * boundary of the settling window (test/support/boundary-corpus.ts), with and without
 * newcomers in the graph (the publisher index needed or not).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain JS helper shared with the demo script
import { DEMO_NOW, loadDemoDocuments } from '../../scripts/lib/demo-registry.mjs';
// @ts-expect-error plain JS benchmark generator
import { BENCH_NOW, buildModel, packumentText, writeProject } from '../../scripts/bench/generate.mjs';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { defaultPolicy } from '../../src/config/validate-policy.js';
import { checkLockfile, type CheckLockfileResult } from '../../src/engine/check-lockfile.js';
import type { HistorySource } from '../../src/model/history-source.js';
import { mergeLockfiles } from '../../src/engine/merge-lockfiles.js';
import type { LockedPackage } from '../../src/model/types.js';
import { readLockfiles } from '../../src/lockfile/read-lockfile.js';
import { createRegistryClient, type RegistryClientOptions } from '../../src/registry/client.js';
import { TEST_USER_AGENT } from '../support/host.js';
import { mergeNpmConfig } from '../../src/registry/npm-config.js';
import { projectPackument } from '../../src/registry/project-packument.js';
import { boundaryCorpus } from '../support/boundary-corpus.js';
import { NOW } from '../support/history.js';

interface Corpus {
  documents: Map<string, string>;
  packages: LockedPackage[];
  now: number;
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'quarantine-paths-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function demoCorpus(): Promise<Corpus> {
  const lockfiles = await readLockfiles({ dir: 'examples/demo' });
  return {
    documents: loadDemoDocuments() as Map<string, string>,
    packages: mergeLockfiles(lockfiles).packages,
    now: Date.parse(DEMO_NOW as string),
  };
}

interface BenchModel {
  info: Map<string, unknown>;
}

/** The lockfile's `resolved` URLs name the registry that serves the corpus, as in a real project. */
async function benchCorpus(registryUrl: string): Promise<Corpus> {
  const model = (buildModel as (o: object) => BenchModel)({ packages: 300, sizeScale: 0.01 });
  const projectDir = join(scratch, 'bench-project');
  (writeProject as (m: BenchModel, dir: string, url: string) => unknown)(model, projectDir, registryUrl);
  const names = [...model.info.keys()];
  const text = packumentText as (m: BenchModel, name: string, url: string, all: string[]) => string;
  const documents = new Map(names.map((name) => [name, text(model, name, registryUrl, names)]));
  const lockfiles = await readLockfiles({ dir: projectDir });
  return { documents, packages: mergeLockfiles(lockfiles).packages, now: Date.parse(BENCH_NOW as string) };
}

function fullSource(documents: Map<string, string>, registry: string): HistorySource {
  return {
    fetchHistory(name) {
      const text = documents.get(name);
      if (text === undefined) return Promise.resolve({ status: 'not-found', name, registry });
      return Promise.resolve({ status: 'found', history: projectPackument(JSON.parse(text), registry, name) });
    },
  };
}

const check = (corpus: Corpus, source: HistorySource): Promise<CheckLockfileResult> =>
  checkLockfile(corpus.packages, { source, policy: defaultPolicy(), now: corpus.now });

/** The clients' wall clock (HTTP freshness): fixed, so cached facts stay fresh across clients. */
const CLOCK = Date.parse('2026-05-01T00:00:00Z');

function client(registry: FixtureRegistry, cacheDir: string, options: Partial<RegistryClientOptions> = {}): HistorySource {
  return createRegistryClient({ config: mergeNpmConfig({}), registry: registry.url, cacheDir, clock: () => CLOCK, userAgent: TEST_USER_AGENT, ...options });
}

/** Every package's history sits just before, on or just after the end of the settling window. */
function boundary(withNewcomers: boolean): () => Promise<Corpus> {
  return () => {
    const { documents, packages } = boundaryCorpus(withNewcomers);
    return Promise.resolve({ documents: new Map([...documents].map(([name, doc]) => [name, JSON.stringify(doc)])), packages, now: NOW });
  };
}

describe.each([
  ['the demo snapshot', demoCorpus],
  ['the generated benchmark project', benchCorpus],
  ['histories on every boundary of the settling window, newcomers in the graph', boundary(true)],
  ['histories on every boundary of the settling window, no newcomer', boundary(false)],
])('over %s, full, fast, large, cached and fresh paths give the same verdicts', (_, load) => {
  let corpus: Corpus;
  let registry: FixtureRegistry;
  beforeAll(async () => {
    const documents = new Map<string, string>();
    registry = await startFixtureRegistry({ documents });
    corpus = await load(registry.url);
    for (const [name, text] of corpus.documents) documents.set(name, text);
  });
  afterAll(() => registry.close());

  test('identical results', async () => {
    const full = await check(corpus, fullSource(corpus.documents, registry.url));
    // Not a vacuous comparison: the corpus blocks and warns for several rules.
    const verdicts = new Set(full.packages.map((p) => p.verdict));
    expect(verdicts).toEqual(new Set(['allow', 'warn', 'block']));
    const rules = new Set(full.packages.flatMap((p) => p.findings.map((f) => f.rule)));
    expect(rules.size).toBeGreaterThanOrEqual(3);

    // Settled packages too, so the abbreviated path is not a vacuous one.
    expect(full.packages.filter((p) => p.publishedBefore !== undefined).length).toBeGreaterThan(0);

    const cacheDir = join(scratch, `cache-${Math.random().toString(36).slice(2)}`);
    const fast = await check(corpus, client(registry, cacheDir));
    expect(registry.requests.every((r) => r.status === 200 || r.status === 404)).toBe(true);
    expect(registry.requests.filter((r) => String(r.headers.accept).startsWith('application/vnd.npm.install-v1+json')).length).toBeGreaterThan(0);
    registry.resetStats();

    const cached = await check(corpus, client(registry, cacheDir, { preferOnline: true }));
    const found = registry.requests.filter((r) => r.status !== 404);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.status === 304)).toBe(true);
    registry.resetStats();

    // Not-found answers are never cached, so only they are asked again.
    const fresh = await check(corpus, client(registry, cacheDir));
    expect(registry.requests.filter((r) => r.status !== 404)).toEqual([]);

    const large = await check(corpus, client(registry, join(cacheDir, 'large'), { largeDocumentBytes: 1 }));

    expect(fast).toEqual(full);
    expect(cached).toEqual(full);
    expect(fresh).toEqual(full);
    expect(large).toEqual(full);
  });
});
