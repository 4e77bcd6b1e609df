// Deterministic benchmark fixtures: a realistic npm package-lock.json v3 (default 2,000
// distinct name@version) and the matching full registry documents ("packuments").
//
//   buildModel()                 the dependency tree, versions, publish histories (small, in memory)
//   writePackuments(model, ...)  one JSON file per package name, written once to disk; the
//                                fixture registry reads a file per request, so the benchmark
//                                process never holds all documents at once
//   writeProject(model, ...)     package.json + package-lock.json
//
// Everything comes from a seeded PRNG (prng.mjs): the same seed gives the same files, apart
// from the registry URL (random port) written into `resolved` and `dist.tarball`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from './prng.mjs';

/** The instant the benchmark evaluates at (`--now`); all publish times are relative to it. */
export const BENCH_NOW = '2026-06-01T12:00:00.000Z';
export const DEFAULT_SEED = 'release-quarantine-bench-v1';
// Every publish time is relative to the model's `now` (buildModel's option, default BENCH_NOW).
let NOW = Date.parse(BENCH_NOW);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KB = 1024;
const MB = 1024 * KB;

// The five huge documents, after the real ones (vite ~39 MB, prisma ~43 MB, next > 30 MB):
// thousands of versions (mostly canaries), each with sizeable metadata.
const BIG = [
  { name: 'next', mb: 34, root: 'prod' },
  { name: 'prisma', mb: 30, root: 'prod' },
  { name: 'vite', mb: 27, root: 'dev' },
  { name: '@aws-sdk/client-s3', mb: 23, root: 'prod' },
  { name: 'typescript', mb: 21, root: 'dev' },
];
const MEDIUM_COUNT = 40; // ~1-3 MB documents

// Platform-binary families: optional scoped packages with os/cpu, all at the head's version.
const FAMILIES = [
  {
    head: 'esbuild', parent: 'vite',
    members: ['aix-ppc64', 'android-arm', 'android-arm64', 'android-x64', 'darwin-arm64', 'darwin-x64',
      'freebsd-arm64', 'freebsd-x64', 'linux-arm', 'linux-arm64', 'linux-ia32', 'linux-loong64',
      'linux-mips64el', 'linux-ppc64', 'linux-riscv64', 'linux-s390x', 'linux-x64', 'netbsd-x64',
      'openbsd-x64', 'sunos-x64', 'win32-arm64', 'win32-ia32', 'win32-x64'].map((p) => `@esbuild/${p}`),
  },
  {
    head: 'rollup', parent: 'vite',
    members: ['android-arm-eabi', 'android-arm64', 'darwin-arm64', 'darwin-x64', 'freebsd-arm64',
      'freebsd-x64', 'linux-arm-gnueabihf', 'linux-arm64-gnu', 'linux-arm64-musl', 'linux-ppc64-gnu',
      'linux-riscv64-gnu', 'linux-s390x-gnu', 'linux-x64-gnu', 'linux-x64-musl', 'win32-arm64-msvc',
      'win32-ia32-msvc', 'win32-x64-msvc'].map((p) => `@rollup/rollup-${p}`),
  },
];
const SCOPES = [['@babel', 40], ['@types', 45], ['@jest', 12], ['@smithy', 30], ['@octokit', 10], ['@radix-ui', 15]];

const DIRECT = { prod: 30, dev: 8, optional: 2 };
const LEVEL_WEIGHTS = [[1, 0.16], [2, 0.25], [3, 0.25], [4, 0.17], [5, 0.1], [6, 0.05], [7, 0.02]];
const STORIES = { young: 24, takeover: 4, 'maintainer-added': 6, 'install-script': 3 };

const SYLLABLES = ('ab ac ad al am an ar as at ba be bi bo bu ca ce ch ci co cr da de di do du el en er es ex fa fe fi fl fo fr ga ge gl go gr ha he hi ho hu id im in is ja jo ka ke ki la le li lo lu ma me mi mo mu na ne ni no nu ob od ol om on op or os pa pe pi po pr qu ra re ri ro ru sa se sh si sl so sp st su ta te th ti to tr tu ul un up ur va ve vi vo wa we wi ya yo za ze zi zo').split(' ');
const ENDINGS = ['', '', '', 'ify', 'er', 'ly', 'ix', 'on', 'al', 'ic', 'ent', 'ous'];
const SUFFIXES = ['-js', '-utils', '-parser', '-core', '-plugin', '-loader', '-cli', '-config', '-types', '-compat', '-polyfill', '-stream', '-cache', '-path', '-glob', '-ansi', '-regex', '-async'];
const LICENSES = [['MIT', 0.75], ['ISC', 0.1], ['Apache-2.0', 0.08], ['BSD-3-Clause', 0.04], ['BSD-2-Clause', 0.03]];
const ENGINES = ['>=12', '>=14', '>=16', '>=18', '^14.17.0 || >=16.0.0', '>=10', '>= 0.8'];
const NODE_VERSIONS = ['14.21.3', '16.20.2', '18.19.0', '18.20.4', '20.11.1', '20.17.0', '22.9.0', '22.12.0'];
const NPM_VERSIONS = ['6.14.18', '8.19.4', '9.8.1', '10.2.4', '10.8.2', '10.9.0', '11.0.0', '11.4.2'];
const KEYID = 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA';
const PRERELEASE_TAGS = ['beta', 'rc', 'alpha', 'next'];

function weighted(rng, table) {
  let r = rng.next();
  for (const [value, weight] of table) {
    if ((r -= weight) < 0) return value;
  }
  return table[table.length - 1][0];
}

function word(rng, syllables = rng.int(2, 3)) {
  let out = '';
  for (let i = 0; i < syllables; i++) out += rng.pick(SYLLABLES);
  return out + rng.pick(ENDINGS);
}

function baseName(name) {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}

function parseVersion(version) {
  const [core, pre] = version.split('-', 2);
  const [major, minor, patch] = core.split('.').map(Number);
  return { major, minor, patch, pre: pre ?? null };
}

/** A range that the given stable version satisfies, in the styles lockfiles really contain. */
function rangeFor(rng, version) {
  const { major, minor, patch } = parseVersion(version);
  const r = rng.next();
  if (r < 0.12) return version;
  if (r < 0.22) return `~${version}`;
  if (major === 0) return `^0.${minor}.${rng.int(0, patch)}`;
  if (r < 0.3) return `>=${major}.0.0`;
  return `^${major}.${rng.int(0, minor)}.${minor === 0 ? rng.int(0, patch) : 0}`;
}

/** Integrity, shasum and signature of one version: the same in the lockfile and the document. */
function distHashes(seed, name, version) {
  const rng = createRng(`${seed}:dist:${name}@${version}`);
  return {
    integrity: `sha512-${rng.base64(64)}`,
    shasum: rng.hex(20),
    sig: `MEUCI${rng.base64(66)}`,
    gitHead: rng.hex(20),
  };
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/**
 * @param {{seed?: string, packages?: number, sizeScale?: number, now?: string}} options
 *   now: the instant the history is relative to (ISO; default BENCH_NOW); same seed, same
 *   structure, every time shifted with it;
 *   packages: distinct name@version in the lockfile (default 2,000);
 *   sizeScale: multiplies every document's target size (1 = realistic; <1 for quick dev runs).
 */
export function buildModel(options = {}) {
  NOW = Date.parse(options.now ?? BENCH_NOW);
  if (!Number.isFinite(NOW)) throw new Error(`buildModel: now ${options.now} is not an ISO instant`);
  const seed = options.seed ?? DEFAULT_SEED;
  const distinct = options.packages ?? 2000;
  const sizeScale = options.sizeScale ?? 1;
  const rng = createRng(`${seed}:model`);
  const alternatesTotal = Math.round(distinct * 0.085);
  const nameCount = distinct - alternatesTotal;

  // --- names -------------------------------------------------------------------------------
  const used = new Set();
  const info = new Map(); // name -> { level, family?, familyHead?, kind, story, root? }
  const add = (name, fields) => {
    used.add(name);
    info.set(name, { name, level: -1, kind: 'small', story: 'normal', ...fields });
  };
  for (const big of BIG) add(big.name, { kind: 'big', targetBytes: big.mb * MB, level: 0, root: big.root });
  for (const family of FAMILIES) {
    add(family.head, { kind: 'medium', level: 1, familyHead: true });
    for (const member of family.members) add(member, { level: 2, family: family.head });
  }
  const fresh = (make) => {
    for (;;) {
      const candidate = make();
      if (!used.has(candidate)) return candidate;
    }
  };
  const genericName = () => {
    const r = rng.next();
    if (r < 0.55) return word(rng);
    if (r < 0.8) return word(rng) + rng.pick(SUFFIXES);
    return `${word(rng, 2)}-${word(rng, rng.int(1, 2))}`;
  };
  const scoped = [];
  const scale = nameCount / 1830;
  for (const [scope, count] of SCOPES) {
    for (let i = 0; i < Math.max(1, Math.round(count * scale)); i++) {
      const name = fresh(() => `${scope}/${genericName()}`);
      add(name, {});
      scoped.push(name);
    }
  }
  while (used.size < nameCount) add(fresh(genericName), {});
  if (used.size > nameCount) throw new Error(`bench: ${used.size} fixed names exceed ${nameCount}; use more --packages`);

  // --- levels and the direct dependencies of the root ---------------------------------------
  const generic = [...info.values()].filter((p) => p.level === -1);
  const shuffled = rng.shuffle(generic);
  const directNeeded = DIRECT.prod + DIRECT.dev + DIRECT.optional - BIG.length;
  const root = { prod: BIG.filter((b) => b.root === 'prod').map((b) => b.name), dev: BIG.filter((b) => b.root === 'dev').map((b) => b.name), optional: [] };
  for (let i = 0; i < directNeeded; i++) {
    const p = shuffled[i];
    p.level = 0;
    const list = root.prod.length < DIRECT.prod ? root.prod : root.dev.length < DIRECT.dev ? root.dev : root.optional;
    list.push(p.name);
  }
  for (const p of shuffled.slice(directNeeded)) p.level = weighted(rng, LEVEL_WEIGHTS);
  const maxLevel = Math.max(...[...info.values()].map((p) => p.level));
  const byLevel = Array.from({ length: maxLevel + 1 }, () => []);
  for (const p of info.values()) byLevel[p.level].push(p.name);
  const isMember = (name) => info.get(name).family !== undefined;

  // --- sizes and stories --------------------------------------------------------------------
  const mediumPool = rng.shuffle([...info.values()].filter((p) => p.kind === 'small' && !p.family && p.level <= 2));
  for (const p of mediumPool.slice(0, Math.round(MEDIUM_COUNT * Math.min(1, scale)))) p.kind = 'medium';
  const storyPool = rng.shuffle([...info.values()].filter((p) => p.kind === 'small' && !p.family && p.level >= 1));
  let cursor = 0;
  for (const [story, count] of Object.entries(STORIES)) {
    for (let i = 0; i < Math.max(1, Math.round(count * Math.min(1, scale))); i++) storyPool[cursor++].story = story;
  }
  // One direct dependency is freshly released too: the most visible case.
  const directYoung = root.prod.map((n) => info.get(n)).find((p) => p.kind === 'small' && p.story === 'normal');
  if (directYoung) directYoung.story = 'young';

  // --- publish histories (one PRNG per name, so documents can be generated independently) ---
  const usernames = makeUsernames(createRng(`${seed}:users`), 900);
  const plans = new Map();
  for (const p of info.values()) {
    if (p.family) continue;
    plans.set(p.name, planPackage(seed, p, usernames, sizeScale));
  }
  for (const p of info.values()) {
    if (p.family) plans.set(p.name, planFamilyMember(seed, p, plans.get(p.family), usernames, sizeScale));
  }

  // --- dependency edges (by name) -------------------------------------------------------------
  const deps = new Map([...info.keys()].map((n) => [n, new Map()])); // name -> Map(depKey -> {type, alias?})
  const parentOf = new Map();
  const addEdge = (from, to, type = 'prod') => {
    if (from === to || deps.get(from).has(to)) return false;
    deps.get(from).set(to, { type });
    return true;
  };
  for (const family of FAMILIES) {
    addEdge(family.parent, family.head);
    parentOf.set(family.head, family.parent);
    for (const member of family.members) {
      addEdge(family.head, member, 'optional');
      parentOf.set(member, family.head);
    }
  }
  const parentsAt = (level) => byLevel[level].filter((n) => !isMember(n));
  for (let level = 1; level <= maxLevel; level++) {
    const upper = parentsAt(level - 1);
    const anyUpper = [];
    for (let l = 0; l < level; l++) anyUpper.push(...parentsAt(l));
    for (const name of byLevel[level]) {
      if (parentOf.has(name)) continue;
      const parent = rng.chance(0.75) && upper.length ? rng.pick(upper) : rng.pick(anyUpper);
      addEdge(parent, name, rng.chance(0.03) ? 'optional' : 'prod');
      parentOf.set(name, parent);
    }
  }
  for (const p of info.values()) {
    if (p.family || p.level >= maxLevel) continue;
    let extra = Math.floor(rng.logNormal(1.6, 0.9, 0, 25));
    if (p.kind === 'big') extra += rng.int(15, 35);
    if (p.kind === 'medium') extra += rng.int(2, 8);
    const next = parentsAt(p.level + 1);
    const deeper = [];
    for (let l = p.level + 1; l <= maxLevel; l++) deeper.push(...parentsAt(l));
    for (let i = 0; i < extra; i++) {
      const target = rng.chance(0.6) && next.length ? rng.pick(next) : rng.pick(deeper);
      addEdge(p.name, target, rng.chance(0.03) ? 'optional' : 'prod');
    }
  }
  // Peer dependencies on what the root itself depends on (react-style).
  const rootProdSmall = root.prod.filter((n) => info.get(n).kind !== 'big');
  for (const p of info.values()) {
    if (p.level >= 1 && !p.family && rng.chance(0.02)) addEdge(p.name, rng.pick(rootProdSmall), 'peer');
  }
  // A few dependency cycles (child -> its parent), as real trees have.
  const cycleCandidates = rng.shuffle(byLevel.slice(3).flat().filter((n) => !isMember(n)));
  const cycles = [];
  for (const name of cycleCandidates.slice(0, 3)) {
    if (addEdge(name, parentOf.get(name))) cycles.push([name, parentOf.get(name)]);
  }

  // --- locations: everything hoisted, then alternates nested under their dependents ----------
  const locations = new Map(); // location -> { key, name, version }
  for (const name of info.keys()) locations.set(`node_modules/${name}`, { key: name, name, version: plans.get(name).primary });

  const dependentsOf = (name) => [...deps].filter(([, m]) => m.has(name)).map(([from]) => from);
  const altCandidates = rng.shuffle([...info.values()].filter((p) => p.level >= 1 && !p.family && !p.familyHead
    && plans.get(p.name).olderStables.length >= 2).map((p) => p.name));
  const twoAlternates = Math.round(alternatesTotal * 0.06);
  const altNames = altCandidates.slice(0, alternatesTotal - twoAlternates);
  if (altNames.length < alternatesTotal - twoAlternates) throw new Error('bench: not enough packages with old versions for alternates');
  altNames.sort((a, b) => info.get(a).level - info.get(b).level);
  const alternates = []; // { name, version, locations[] }
  let duplicateEntries = 0;
  for (const [index, name] of altNames.entries()) {
    const plan = plans.get(name);
    const versions = rng.sample(plan.olderStables, index < twoAlternates ? 2 : 1);
    const taken = new Set();
    for (const version of versions) {
      let dependents = dependentsOf(name).filter((d) => !taken.has(d));
      // Keep at least one dependent on the hoisted version, and give each alternate 1-3 homes.
      const homes = rng.int(1, rng.chance(0.2) ? 3 : 1);
      while (dependents.length < homes + 1) {
        const level = info.get(name).level;
        const from = rng.pick(byLevel.slice(0, level).flat().filter((n) => !isMember(n) && !deps.get(n).has(name)));
        addEdge(from, name);
        dependents = dependentsOf(name).filter((d) => !taken.has(d));
      }
      const chosen = rng.sample(dependents, homes);
      const placed = [];
      for (const dependent of chosen) {
        taken.add(dependent);
        // Usually under the dependent's hoisted copy; sometimes under a nested copy (deeper paths).
        const homesOfDependent = [...locations].filter(([, l]) => l.key === dependent).map(([loc]) => loc);
        const nested = homesOfDependent.filter((loc) => loc.lastIndexOf('node_modules/') > 0);
        const parentLoc = nested.length && rng.chance(0.5) ? rng.pick(nested) : `node_modules/${dependent}`;
        const loc = `${parentLoc}/node_modules/${name}`;
        if (locations.has(loc)) continue;
        locations.set(loc, { key: name, name, version });
        placed.push(loc);
      }
      if (placed.length === 0) {
        // Every chosen home was taken: nest under the first dependent's hoisted copy anyway.
        throw new Error(`bench: could not place ${name}@${version}`);
      }
      duplicateEntries += placed.length - 1;
      alternates.push({ name, version, locations: placed });
    }
  }

  // Two npm aliases (`"x-cjs": "npm:x@^4"`), pointing at an already locked version.
  const aliases = [];
  for (const alt of rng.sample(alternates.filter((a) => !a.name.startsWith('@')), 2)) {
    const key = `${alt.name}-cjs`;
    if (used.has(key)) continue;
    const from = rng.pick(byLevel[0].concat(byLevel[1]).filter((n) => !isMember(n) && info.get(n).kind !== 'big'));
    deps.get(from).set(key, { type: 'prod', alias: alt.name });
    locations.set(`node_modules/${key}`, { key, name: alt.name, version: alt.version });
    deps.set(key, deps.get(alt.name)); // an alias has the real package's dependencies
    aliases.push({ key, name: alt.name, version: alt.version, from });
  }

  const model = {
    seed, distinct, sizeScale, root, info, plans, deps, locations, alternates, aliases, cycles,
    byLevel, duplicateEntries, rng,
  };
  resolveTree(model);
  return model;
}

function makeUsernames(rng, count) {
  const names = new Set();
  while (names.size < count) {
    const r = rng.next();
    names.add(r < 0.5 ? word(rng, 2) : r < 0.8 ? `${word(rng, 2)}${rng.int(1, 99)}` : `${word(rng, 1)}-${word(rng, 2)}`);
  }
  return [...names];
}

/** Version list, publish times, maintainers and publishers of one package. */
function planPackage(seed, p, usernames, sizeScale) {
  const rng = createRng(`${seed}:plan:${p.name}`);
  const kind = p.kind;
  const fullTarget = p.targetBytes ?? (kind === 'medium' ? rng.float(1, 3) * MB : rng.logNormal(24 * KB, 0.9, 5 * KB, 200 * KB));
  const targetBytes = Math.round(sizeScale * fullTarget);
  const perVersion = kind === 'big' ? rng.int(7000, 9500) : kind === 'medium' ? rng.int(2600, 4500) : rng.int(1100, 2400);
  const readmeBytes = Math.round(Math.min(fullTarget / 3, kind === 'big' ? rng.int(30, 80) * KB
    : kind === 'medium' ? rng.int(10, 50) * KB : rng.logNormal(4 * KB, 0.8, 600, 30 * KB)));
  const minVersions = p.story === 'normal' ? 1 : 4;
  const fullCount = Math.max(minVersions, Math.round((fullTarget - readmeBytes - 1500) / (perVersion + 140)));
  // --size-scale < 1 (quick runs) drops versions, but keeps a few so the tree stays the same shape.
  const count = sizeScale >= 1 ? fullCount : Math.max(Math.min(fullCount, 6), Math.round(fullCount * sizeScale));

  // Versions in publishing order: stable releases, with prerelease runs (canaries for the big ones).
  const versions = [];
  let cur = rng.chance(0.3) ? [0, 1, 0] : [1, 0, 0];
  const bump = ([a, b, c]) => {
    const r = rng.next();
    if (r < (a === 0 ? 0.08 : 0.035)) return [a + 1, 0, 0];
    if (r < 0.3) return [a, b + 1, 0];
    return [a, b, c + 1];
  };
  const preShare = kind === 'big' ? 0.8 : kind === 'medium' ? 0.2 : 0.03;
  while (versions.length < count) {
    versions.push({ version: cur.join('.'), pre: false });
    const next = bump(cur);
    if (rng.chance(preShare) && versions.length < count - 2) {
      const tag = kind === 'big' ? 'canary' : rng.pick(PRERELEASE_TAGS);
      const runs = kind === 'big' ? rng.int(3, 40) : rng.int(1, 5);
      for (let i = 0; i < runs && versions.length < count - 1; i++) versions.push({ version: `${next.join('.')}-${tag}.${i}`, pre: true });
    }
    cur = next;
  }
  while (versions.length > 1 && versions[versions.length - 1].pre) versions.pop();

  // Publish times: spread between creation and the last release; the story sets the last one.
  const spanDays = kind === 'big' ? rng.int(2000, 3600) : rng.int(200, 3600);
  const created = NOW - spanDays * DAY;
  let lastAge;
  if (p.story === 'young') lastAge = rng.float(0.1, 6.5) * DAY;
  else if (p.story === 'takeover' || p.story === 'maintainer-added') lastAge = rng.float(12, 60) * DAY;
  else if (p.story === 'install-script') lastAge = rng.float(15, 180) * DAY;
  else if (kind !== 'big' && versions.filter((v) => !v.pre).length >= 3 && rng.chance(0.05)) lastAge = rng.float(0.5, 6.5) * DAY; // a young release nobody locked yet
  else lastAge = rng.logNormal(120, 1.2, 8, spanDays - 30) * DAY;
  const last = NOW - lastAge;
  const before = lastAge < 8 * DAY ? NOW - 9 * DAY : last - rng.float(1, 48) * HOUR;
  const times = [];
  for (let i = 0; i < versions.length - 2; i++) times.push(created + rng.next() * (before - created));
  times.sort((a, b) => a - b);
  if (versions.length >= 2) times.unshift(created);
  times.push(last);
  // Distinct, strictly increasing timestamps (whole seconds plus milliseconds, like npm's).
  for (let i = 0; i < versions.length; i++) {
    versions[i].time = Math.round(times[i]) + (i > 0 && Math.round(times[i]) <= versions[i - 1].time ? versions[i - 1].time - Math.round(times[i]) + 1000 : 0);
  }

  // The locked version.
  const stableIdx = versions.map((v, i) => (v.pre ? -1 : i)).filter((i) => i >= 0);
  let primaryIdx;
  if (p.story !== 'normal') primaryIdx = versions.length - 1;
  else {
    const old = stableIdx.filter((i) => versions[i].time <= NOW - 8 * DAY);
    const pool = old.length ? old : [stableIdx[0]];
    primaryIdx = kind === 'big' || rng.chance(0.6) ? pool[pool.length - 1] : pool[Math.max(0, pool.length - 1 - rng.int(0, 7))];
  }
  const olderStables = stableIdx.filter((i) => i < primaryIdx && versions[i].time <= NOW - 30 * DAY)
    .map((i) => versions[i].version);

  // Who published what.
  const teamSize = kind === 'big' ? rng.int(5, 12) : weighted(rng, [[1, 0.55], [2, 0.3], [3, 0.1], [rng.int(4, 6), 0.05]]);
  const team = rng.sample(usernames, teamSize);
  const maintainerSets = versions.map(() => team);
  const publishers = versions.map(() => (rng.chance(0.8) ? team[0] : rng.pick(team)));
  // A maintainer added long ago (outside every window): history, not a finding.
  if (versions.length >= 4 && rng.chance(0.2)) {
    const joiner = rng.pick(usernames.filter((u) => !team.includes(u)));
    const from = versions.findIndex((v, i) => i > 0 && v.time > created + (NOW - 200 * DAY - created) / 2);
    if (from > 0 && versions[from].time < NOW - 200 * DAY) {
      for (let i = from; i < versions.length; i++) maintainerSets[i] = [...team, joiner];
    }
  }
  let trustedFrom = null;
  let provenanceFrom = null;
  if (p.story === 'normal' && versions.length >= 3) {
    if (rng.chance(0.15)) trustedFrom = rng.int(Math.floor(versions.length / 2), versions.length - 1);
    else if (rng.chance(0.06)) provenanceFrom = rng.int(Math.floor(versions.length / 2), versions.length - 1);
  }
  const lastIdx = versions.length - 1;
  if (p.story === 'takeover') {
    // A stranger (an account that publishes nothing else in the corpus: one that did would be
    // an established publisher of the project, discounted by design, docs/detection.md); the
    // pick is kept so every other package of the corpus stays byte for byte what it was.
    const intruder = `${rng.pick(usernames.filter((u) => !team.includes(u)))}-intruder`;
    maintainerSets[lastIdx] = [intruder];
    publishers[lastIdx] = intruder;
  } else if (p.story === 'maintainer-added') {
    const newcomer = rng.pick(usernames.filter((u) => !team.includes(u)));
    maintainerSets[lastIdx] = [...maintainerSets[lastIdx], newcomer];
    publishers[lastIdx] = team[0];
  }

  const owner = rng.chance(0.5) ? team[0] : word(rng, 2);
  return {
    name: p.name, kind, story: p.story, targetBytes, perVersion, readmeBytes, versions,
    primary: versions[primaryIdx].version, primaryIdx, olderStables, created,
    maintainerSets, publishers, trustedFrom, provenanceFrom,
    postinstallAlways: p.story === 'normal' && rng.chance(0.02),
    meta: {
      license: weighted(rng, LICENSES),
      bin: rng.chance(0.1) ? { [baseName(p.name)]: rng.pick(['bin/cli.js', 'cli.js', 'dist/bin.js']) } : null,
      engines: rng.chance(0.4) ? { node: rng.pick(ENGINES) } : null,
      funding: rng.chance(0.08) ? { url: `https://github.com/sponsors/${owner}` } : null,
      description: Array.from({ length: rng.int(4, 12) }, () => word(rng, rng.int(1, 3))).join(' '),
      keywords: Array.from({ length: rng.int(0, 8) }, () => word(rng, 2)),
      owner,
      repo: baseName(p.name),
    },
  };
}

/** `@esbuild/linux-x64` and friends: same versions and times as the head package. */
function planFamilyMember(seed, p, head, usernames, sizeScale) {
  const rng = createRng(`${seed}:plan:${p.name}`);
  const [os, cpu] = baseName(p.name).replace(/^rollup-/, '').split('-');
  const targetBytes = Math.round(sizeScale * rng.float(60, 200) * KB);
  const perVersion = rng.int(900, 1300);
  const count = Math.min(head.versions.length, Math.max(2, Math.round(targetBytes / (perVersion + 140))));
  const offset = Math.max(0, Math.min(head.versions.length - count, head.primaryIdx - 1));
  const versions = head.versions.slice(offset).map((v) => ({ ...v, time: v.time + 60_000 }));
  const primaryIdx = head.primaryIdx - offset;
  if (primaryIdx < 0) throw new Error(`bench: family member ${p.name} lost its locked version`);
  return {
    ...head,
    name: p.name, kind: 'small', story: 'normal', targetBytes, perVersion, readmeBytes: 300, versions, primaryIdx,
    primary: head.primary, olderStables: [],
    maintainerSets: head.maintainerSets.slice(offset), publishers: head.publishers.slice(offset),
    trustedFrom: head.trustedFrom === null ? null : Math.max(0, head.trustedFrom - offset),
    provenanceFrom: head.provenanceFrom === null ? null : Math.max(0, head.provenanceFrom - offset),
    postinstallAlways: false,
    platform: { os: [os], cpu: [cpu] },
    meta: { ...head.meta, bin: null, funding: null, description: `The ${os} ${cpu} binary for ${head.name}.`, repo: head.name },
  };
}

/** Resolves every edge the way Node does (nearest node_modules upwards), fixes reachability, flags. */
function resolveTree(model) {
  const { locations, deps, info, rng, byLevel } = model;
  const resolve = (from, key) => {
    let base = from;
    for (;;) {
      const candidate = base ? `${base}/node_modules/${key}` : `node_modules/${key}`;
      if (locations.has(candidate)) return candidate;
      if (!base) return null;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut === -1 ? '' : base.slice(0, cut);
    }
  };
  const rootEdges = () => [
    ...model.root.prod.map((key) => ({ key, type: 'prod' })),
    ...model.root.dev.map((key) => ({ key, type: 'dev' })),
    ...model.root.optional.map((key) => ({ key, type: 'optional' })),
  ];
  const edgesOf = (loc) => (loc === '' ? rootEdges() : [...deps.get(locations.get(loc).key)].map(([key, e]) => ({ key, type: e.type })));

  // Reachability; attach anything unreachable to a shallower package that resolves it.
  for (let round = 0; ; round++) {
    const seen = new Set(['']);
    const queue = [''];
    while (queue.length) {
      const loc = queue.pop();
      for (const edge of edgesOf(loc)) {
        const to = resolve(loc, edge.key);
        if (to === null) throw new Error(`bench: ${loc || 'root'} -> ${edge.key} does not resolve`);
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    const lost = [...locations.keys()].filter((loc) => !seen.has(loc));
    if (lost.length === 0) break;
    if (round > 20) throw new Error(`bench: ${lost.length} locations stay unreachable`);
    for (const loc of lost) {
      const { key } = locations.get(loc);
      if (loc !== `node_modules/${key}`) continue; // nested: reachable once its parent is
      const level = info.get(key)?.level ?? 1;
      const candidates = byLevel.slice(0, Math.max(1, level)).flat()
        .filter((n) => !info.get(n).family && !deps.get(n).has(key) && n !== key && !locations.has(`node_modules/${n}/node_modules/${key}`));
      deps.get(rng.pick(candidates)).set(key, { type: 'prod' });
    }
  }

  // npm's dev/optional/devOptional flags (arborist calc-dep-flags): cleared along every path.
  const flags = new Map([...locations.keys()].map((loc) => [loc, { dev: true, optional: true, devOptional: true }]));
  flags.set('', { dev: false, optional: false, devOptional: false });
  const queue = [''];
  const visited = new Set();
  while (queue.length) {
    const loc = queue.shift();
    const node = flags.get(loc);
    for (const edge of edgesOf(loc)) {
      const to = resolve(loc, edge.key);
      const target = flags.get(to);
      const dev = edge.type === 'dev';
      const optional = edge.type === 'optional';
      const unsetDevOpt = !node.devOptional && !node.dev && !node.optional && !dev && !optional;
      const unsetDev = unsetDevOpt || (!node.dev && !dev);
      const unsetOpt = unsetDevOpt || (!node.optional && !optional);
      let changed = false;
      if (target.devOptional && unsetDevOpt) { target.devOptional = false; changed = true; }
      if (target.dev && unsetDev) { target.dev = false; changed = true; }
      if (target.optional && unsetOpt) { target.optional = false; changed = true; }
      if (changed || !visited.has(to)) {
        visited.add(to);
        queue.push(to);
      }
    }
  }
  model.resolve = resolve;
  model.flags = flags;
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

function tarballUrl(registry, name, version) {
  return `${registry}${name}/-/${baseName(name)}-${version}.tgz`;
}

/** The ranges a location declares, split by kind, from what its edges resolve to. */
function declaredDeps(model, loc, rng) {
  const out = { dependencies: {}, optionalDependencies: {}, peerDependencies: {} };
  const { key } = model.locations.get(loc);
  for (const [depKey, edge] of model.deps.get(key)) {
    const to = model.locations.get(model.resolve(loc, depKey));
    const range = model.info.get(key)?.familyHead && edge.type === 'optional' ? to.version : rangeFor(rng, to.version);
    const spec = edge.alias ? `npm:${edge.alias}@${range}` : range;
    const bucket = edge.type === 'optional' ? 'optionalDependencies' : edge.type === 'peer' ? 'peerDependencies' : 'dependencies';
    out[bucket][depKey] = spec;
  }
  return out;
}

/** package.json + package-lock.json (v3) into `dir`. Returns what the CLI must report. */
export function writeProject(model, dir, registry) {
  mkdirSync(dir, { recursive: true });
  const rng = createRng(`${model.seed}:lockfile`);
  const rootRanges = (list) => Object.fromEntries(list.slice().sort().map((n) => [n, `^${model.plans.get(n).primary}`]));
  const manifest = {
    name: 'bench-app',
    version: '1.0.0',
    private: true,
    dependencies: rootRanges(model.root.prod),
    devDependencies: rootRanges(model.root.dev),
    optionalDependencies: rootRanges(model.root.optional),
  };
  const packages = { '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies, optionalDependencies: manifest.optionalDependencies } };
  const locs = [...model.locations.keys()].sort((a, b) => a.localeCompare(b, 'en'));
  const distinct = new Set();
  let dev = 0;
  let optional = 0;
  let devOptional = 0;
  for (const loc of locs) {
    const entry = model.locations.get(loc);
    const plan = model.plans.get(entry.name);
    const versionIdx = plan.versions.findIndex((v) => v.version === entry.version);
    const hashes = distHashes(model.seed, entry.name, entry.version);
    const flag = model.flags.get(loc);
    const declared = declaredDeps(model, loc, rng);
    if (versionIdx === plan.primaryIdx) plan.lockedDeps ??= declared;
    const out = {};
    if (entry.key !== entry.name) out.name = entry.name;
    out.version = entry.version;
    out.resolved = tarballUrl(registry, entry.name, entry.version);
    out.integrity = hashes.integrity;
    if (plan.platform) out.cpu = plan.platform.cpu;
    if (flag.dev) { out.dev = true; dev++; }
    if (hasInstallScript(plan, versionIdx)) out.hasInstallScript = true;
    out.license = plan.meta.license;
    if (flag.optional) { out.optional = true; optional++; }
    if (flag.devOptional && !flag.dev && !flag.optional) { out.devOptional = true; devOptional++; }
    if (plan.platform) out.os = plan.platform.os;
    for (const bucket of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
      const sorted = Object.keys(declared[bucket]).sort();
      if (sorted.length) out[bucket] = Object.fromEntries(sorted.map((k) => [k, declared[bucket][k]]));
    }
    if (out.peerDependencies && rng.chance(0.3)) {
      out.peerDependenciesMeta = { [Object.keys(out.peerDependencies)[0]]: { optional: true } };
    }
    if (plan.meta.bin) out.bin = plan.meta.bin;
    if (plan.meta.engines) out.engines = plan.meta.engines;
    if (plan.meta.funding) out.funding = plan.meta.funding;
    packages[loc] = out;
    distinct.add(`${entry.name}@${entry.version}`);
  }
  const lockfile = { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const text = `${JSON.stringify(lockfile, null, 2)}\n`;
  writeFileSync(join(dir, 'package-lock.json'), text);

  // What the default policy should find (the planted stories), for a sanity check of the
  // verdicts. A takeover (a stranger replaces every maintainer and adds an install script)
  // blocks; a new install script warns; an added maintainer alone is no finding by default
  // (maintainer-change addedSeverity: off, calibrated on real histories in issue 14).
  const planted = { block: [], warn: [] };
  for (const plan of model.plans.values()) {
    if (plan.story === 'young' || plan.story === 'takeover') planted.block.push(`${plan.name}@${plan.primary}`);
    if (plan.story === 'install-script') planted.warn.push(`${plan.name}@${plan.primary}`);
  }
  const scopedNames = [...model.info.keys()].filter((n) => n.startsWith('@')).length;
  return {
    lockfileBytes: Buffer.byteLength(text),
    entries: locs.length,
    distinct: distinct.size,
    names: model.info.size,
    scopedNames,
    direct: { prod: model.root.prod.length, dev: model.root.dev.length, optional: model.root.optional.length },
    nested: locs.filter((l) => l.lastIndexOf('node_modules/') > 0).length,
    deepestNesting: Math.max(...locs.map((l) => l.split('node_modules/').length - 1)),
    duplicateEntries: locs.length - distinct.size,
    aliases: model.aliases.length,
    cycles: model.cycles.length,
    flags: { dev, optional, devOptional },
    planted,
  };
}

/**
 * The same project with every planted takeover locked at the release before it, written to
 * `dir`: a graph without a change of hands, where no release needs the project's publisher
 * index (what abbreviated documents first saves there, decision 0051). Returns the names moved.
 */
export function writeProjectWithoutTakeovers(model, fromDir, dir, registry) {
  mkdirSync(dir, { recursive: true });
  const lockfile = JSON.parse(readFileSync(join(fromDir, 'package-lock.json'), 'utf8'));
  const moved = [];
  for (const plan of model.plans.values()) {
    if (plan.story !== 'takeover' || plan.primaryIdx < 1) continue;
    const idx = plan.primaryIdx - 1;
    const before = plan.versions[idx].version;
    for (const [loc, entry] of Object.entries(lockfile.packages)) {
      const name = entry.name ?? loc.slice(loc.lastIndexOf('node_modules/') + 'node_modules/'.length);
      if (name !== plan.name || entry.version !== plan.primary) continue;
      entry.version = before;
      entry.resolved = tarballUrl(registry, plan.name, before);
      entry.integrity = distHashes(model.seed, plan.name, before).integrity;
      if (hasInstallScript(plan, idx)) entry.hasInstallScript = true;
      else delete entry.hasInstallScript;
    }
    moved.push(`${plan.name}@${plan.primary} -> ${before}`);
  }
  copyFileSync(join(fromDir, 'package.json'), join(dir, 'package.json'));
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
  return moved;
}

function hasInstallScript(plan, idx) {
  return plan.postinstallAlways || ((plan.story === 'install-script' || plan.story === 'takeover') && idx === plan.versions.length - 1);
}

function person(name) {
  return { name, email: `${name}@example.com` };
}

const TRUSTED_NPM_USER = (oidcConfigId) => ({
  name: 'GitHub Actions',
  email: 'npm-oidc-no-reply@github.com',
  trustedPublisher: { id: 'github', oidcConfigId },
});

function readmeText(rng, bytes, name) {
  const parts = [`# ${name}\n\n`];
  let size = parts[0].length;
  while (size < bytes) {
    let chunk;
    const r = rng.next();
    if (r < 0.15) chunk = `## ${word(rng)} ${word(rng)}\n\n`;
    else if (r < 0.3) chunk = `\`\`\`js\nconst ${word(rng, 2)} = require('${name}');\n${word(rng, 2)}.${word(rng, 2)}({ ${word(rng, 2)}: ${rng.int(0, 999)} });\n\`\`\`\n\n`;
    else {
      const words = [];
      for (let i = rng.int(20, 70); i > 0; i--) words.push(word(rng, rng.int(1, 3)));
      chunk = `${words.join(' ')}.\n\n`;
    }
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join('').slice(0, bytes);
}

/** The JSON text of one full packument, built version by version (never one huge object). */
export function packumentText(model, name, registry, allNames) {
  const plan = model.plans.get(name);
  const rng = createRng(`${model.seed}:doc:${name}`);
  const { meta } = plan;
  const repoUrl = `git+https://github.com/${meta.owner}/${meta.repo}.git`;
  const homepage = `https://github.com/${meta.owner}/${meta.repo}#readme`;
  const locked = new Set([plan.primary, ...model.alternates.filter((a) => a.name === name).map((a) => a.version)]);
  const lockedDeps = plan.lockedDeps; // set by writeProject, which must run first
  if (!lockedDeps) throw new Error(`bench: write the project before the documents (${name} has no locked dependencies yet)`);
  const oidcConfigId = `oidc:${rng.hex(4)}-${rng.hex(2)}-${rng.hex(2)}-${rng.hex(2)}-${rng.hex(6)}`;

  // devDependencies pad each version to the planned size (big packages really have ~100-200).
  const devPool = rng.sample(allNames, 260).map((n) => `"${n}":"^${rng.int(0, 9)}.${rng.int(0, 30)}.${rng.int(0, 20)}"`);
  const exportsMap = plan.kind === 'small' ? null : Object.fromEntries(Array.from({ length: plan.kind === 'big' ? 14 : 5 }, () => {
    const sub = word(rng, 2);
    return [`./${sub}`, { types: `./dist/${sub}.d.ts`, import: `./dist/${sub}.mjs`, require: `./dist/${sub}.cjs` }];
  }));
  let devCount = null;

  const versionTexts = [];
  const timeEntries = [];
  for (let i = 0; i < plan.versions.length; i++) {
    const { version, time } = plan.versions[i];
    const hashes = distHashes(model.seed, name, version);
    const trusted = plan.trustedFrom !== null && i >= plan.trustedFrom;
    const provenance = trusted || (plan.provenanceFrom !== null && i >= plan.provenanceFrom);
    const scripts = { test: rng.pick(['jest', 'vitest run', 'mocha', 'node --test', 'tap']), build: rng.pick(['tsc', 'rollup -c', 'tsup', 'node build.js']) };
    if (hasInstallScript(plan, i)) scripts.postinstall = rng.pick(['node install.js', 'node scripts/postinstall.js', 'prebuild-install || node-gyp rebuild']);
    const depsOf = lockedDeps; // every version declares what the locked one does (good enough for sizes)
    const manifest = {
      name,
      version,
      description: meta.description,
      keywords: meta.keywords,
      homepage,
      bugs: { url: `https://github.com/${meta.owner}/${meta.repo}/issues` },
      repository: { type: 'git', url: repoUrl },
      license: meta.license,
      author: person(plan.maintainerSets[0][0]),
      main: exportsMap ? './dist/index.cjs' : 'index.js',
      ...(exportsMap ? { types: './dist/index.d.ts', exports: exportsMap } : {}),
      ...(meta.bin ? { bin: meta.bin } : {}),
      ...(meta.engines ? { engines: meta.engines } : {}),
      ...(plan.platform ? { os: plan.platform.os, cpu: plan.platform.cpu } : {}),
      scripts,
      ...(Object.keys(depsOf.dependencies).length ? { dependencies: depsOf.dependencies } : {}),
      ...(Object.keys(depsOf.optionalDependencies).length ? { optionalDependencies: depsOf.optionalDependencies } : {}),
      ...(Object.keys(depsOf.peerDependencies).length ? { peerDependencies: depsOf.peerDependencies } : {}),
      devDependencies: '@@DEV@@',
      gitHead: hashes.gitHead,
      _id: `${name}@${version}`,
      _nodeVersion: rng.pick(NODE_VERSIONS),
      _npmVersion: rng.pick(NPM_VERSIONS),
      dist: {
        integrity: hashes.integrity,
        shasum: hashes.shasum,
        tarball: tarballUrl(registry, name, version),
        fileCount: rng.int(3, 400),
        unpackedSize: rng.int(2_000, 9_000_000),
        signatures: [{ keyid: KEYID, sig: hashes.sig }],
        ...(provenance ? { attestations: { url: `${registry}-/npm/v1/attestations/${name}@${version}`, provenance: { predicateType: 'https://slsa.dev/provenance/v1' } } } : {}),
      },
      _npmUser: trusted ? TRUSTED_NPM_USER(oidcConfigId) : person(plan.publishers[i]),
      directories: {},
      maintainers: plan.maintainerSets[i].map(person),
      _npmOperationalInternal: { host: 's3://npm-registry-packages-npm-production', tmp: `tmp/${baseName(name)}_${version}_${time}_0.${rng.int(1e8, 9e8)}` },
      _hasShrinkwrap: false,
      ...(!locked.has(version) && time < NOW - 400 * DAY && rng.chance(0.03) ? { deprecated: 'This version is no longer supported; please upgrade.' } : {}),
    };
    let text = JSON.stringify(manifest);
    if (devCount === null) {
      // Calibrate once per package: enough devDependencies to reach the planned version size.
      let size = text.length;
      devCount = 0;
      while (devCount < devPool.length && size + devPool[devCount].length + 1 < plan.perVersion) size += devPool[devCount++].length + 1;
    }
    const n = Math.max(0, Math.min(devPool.length, devCount + rng.int(-2, 2)));
    text = text.replace('"@@DEV@@"', `{${devPool.slice(0, n).join(',')}}`);
    versionTexts.push(`${JSON.stringify(version)}:${text}`);
    timeEntries.push(`${JSON.stringify(version)}:${JSON.stringify(new Date(time).toISOString())}`);
  }

  const lastTime = plan.versions[plan.versions.length - 1].time;
  const latest = plan.versions.filter((v) => !v.pre).at(-1).version;
  const distTags = { latest };
  const lastPre = plan.versions.filter((v) => v.pre).at(-1);
  if (lastPre) distTags[lastPre.version.split('-')[1].split('.')[0]] = lastPre.version;
  const head = {
    _id: name,
    _rev: `${plan.versions.length + rng.int(0, 50)}-${rng.hex(16)}`,
    name,
    'dist-tags': distTags,
  };
  const tail = {
    bugs: { url: `https://github.com/${meta.owner}/${meta.repo}/issues` },
    author: person(plan.maintainerSets[0][0]),
    license: meta.license,
    homepage,
    keywords: meta.keywords,
    repository: { type: 'git', url: repoUrl },
    description: meta.description,
    maintainers: plan.maintainerSets[plan.versions.length - 1].map(person),
    readme: readmeText(rng, plan.readmeBytes, name),
    readmeFilename: 'README.md',
  };
  const time = `"created":${JSON.stringify(new Date(plan.created).toISOString())},"modified":${JSON.stringify(new Date(lastTime + 5 * 60_000).toISOString())},${timeEntries.join(',')}`;
  return `${JSON.stringify(head).slice(0, -1)},"versions":{${versionTexts.join(',')}},"time":{${time}},${JSON.stringify(tail).slice(1)}`;
}

/** File that holds a package's document. */
export function documentFile(dir, name) {
  return join(dir, `${encodeURIComponent(name)}.json`);
}

/** Writes every document once (after writeProject); returns their sizes (bytes, by name). */
export function writePackuments(model, dir, registry) {
  mkdirSync(dir, { recursive: true });
  const allNames = [...model.info.keys()];
  const sizes = new Map();
  for (const name of allNames) {
    const text = packumentText(model, name, registry, allNames);
    writeFileSync(documentFile(dir, name), text);
    sizes.set(name, Buffer.byteLength(text));
  }
  return sizes;
}
