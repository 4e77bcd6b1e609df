// `npm run bench`: how fast and how big `quarantine check` is on a realistic project.
//
// Generates (seeded, deterministic) a 2,000-package npm lockfile and matching full registry
// documents (most 5-200 KB, ~40 of 1-3 MB, 5 over 20 MB like next/vite/prisma), serves them from
// the fixture registry on 127.0.0.1 (gzip + ETag) in THIS process, and runs the built CLI as a
// separate child: once with an empty cache (cold), again with the same cache within the
// registry's max-age (warm: no request at all), and again with --prefer-online (warm,
// revalidating: every document revalidated with ETag -> 304, as after 5 minutes). Measures wall time and the child's peak RSS, counts
// what the registry served, and compares with a "fetch-and-parse" baseline child. Prints a
// table and one `BENCH_JSON {...}` line. Never touches the network beyond 127.0.0.1.
//
//   node scripts/bench.mjs [--warm 3] [--profile] [--keep] [--packages 2000] [--size-scale 1]
//                          [--seed <text>] [--concurrency 16] [--cli dist/cli/main.js] [--skip-managers]
//
//   --skip-managers  leave out the pnpm and npm rows (each takes 15-60 s)
//   --now         the instant `check` judges at, the corpus's publish times relative to it (default
//                 BENCH_NOW, in the past: the pnpm 10 and npm rows, which judge at the wall clock,
//                 then find every version old enough and resolve, as they always did)
//   --skip-anchor    leave out the pnpm 12 anchor (pnpm 12's lockfile verifier vs check on the same pnpm-lock.yaml)
//   --anchor-rounds N  cold runs of the anchor, each pnpm 12 then check on empty caches (default 3); the cold
//                    target is judged on the median of their ratios
//   --profile     an extra cold, warm and revalidating run under --cpu-prof, summarised (self time by package and function)
//   --keep        keep the temp dir (lockfile, documents, cache, profiles) and print its path
//   --size-scale  shrink every document (e.g. 0.1) for a quick run; figures are then not comparable
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_NOW, DEFAULT_SEED, buildModel, writeProjectWithoutTakeovers } from './bench/generate.mjs';
import { childEnv, countServerBytes, median, registryStats, runExternal, runMeasured, serveCorpus, summariseCpuProfile } from './bench/measure.mjs';
import { curlRow, npmRow, pnpm12Anchor, pnpmRow } from './bench/package-managers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const baselineScript = fileURLToPath(new URL('./bench/baseline.mjs', import.meta.url));

const { values: opts } = parseArgs({
  options: {
    warm: { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    packages: { type: 'string', default: '2000' },
    'size-scale': { type: 'string', default: '1' },
    seed: { type: 'string', default: DEFAULT_SEED },
    concurrency: { type: 'string', default: '16' },
    cli: { type: 'string', default: join(root, 'dist', 'cli', 'main.js') },
    'skip-managers': { type: 'boolean', default: false },
    'skip-anchor': { type: 'boolean', default: false },
    'anchor-rounds': { type: 'string', default: '3' },
    now: { type: 'string' },
  },
});
const cli = resolve(opts.cli);
const benchNow = opts.now ?? BENCH_NOW;
const concurrencyGiven = process.argv.some((a) => a === '--concurrency' || a.startsWith('--concurrency='));
const warmRuns = Number(opts.warm);
const packagesWanted = Number(opts.packages);
const sizeScale = Number(opts['size-scale']);
const concurrency = Number(opts.concurrency);
const anchorRounds = Number(opts['anchor-rounds']);
if (!(warmRuns >= 1) || !(packagesWanted >= 200) || !(sizeScale > 0) || !(concurrency >= 1) || !(Number.isInteger(anchorRounds) && anchorRounds >= 1)) {
  console.error('bench: --warm >= 1, --packages >= 200, --size-scale > 0, --concurrency >= 1, --anchor-rounds >= 1');
  process.exit(2);
}

const MiB = 1024 * 1024;
const mb = (bytes) => (bytes / MiB).toFixed(1);
const sec = (ms) => (ms / 1000).toFixed(2);
const failures = [];
const warnings = [];
const fail = (message) => failures.push(message);
const warn = (message) => warnings.push(message);

class BenchError extends Error {}
function die(message) {
  throw new BenchError(message);
}

// --- machine ------------------------------------------------------------------------------------
const cpus = os.cpus();
const gitHead = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
      + (execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ? '+dirty src' : '');
  } catch {
    return 'unknown';
  }
})();
const dependencyVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'missing';
  }
};
const machine = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: cpus.length,
  availableParallelism: os.availableParallelism?.() ?? cpus.length,
  cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
  npmRegistryFetch: dependencyVersion('npm-registry-fetch'),
  makeFetchHappen: dependencyVersion('make-fetch-happen'),
  commit: gitHead,
};
console.log('release-quarantine benchmark');
console.log(`  node ${machine.node} on ${machine.platform}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM`);
console.log(`  npm-registry-fetch ${machine.npmRegistryFetch}, make-fetch-happen ${machine.makeFetchHappen}, commit ${machine.commit}`);

if (!existsSync(cli)) {
  console.error(`\nbench: FAILED: ${cli} does not exist: run \`npm run build\` first`);
  process.exit(1);
}

// --- fixtures -----------------------------------------------------------------------------------
const tmp = mkdtempSync(join(os.tmpdir(), 'quarantine-bench-'));
const projectDir = join(tmp, 'project');
const docsDir = join(tmp, 'registry');
let registry;
let exitCode = 0;
try {
  const started = performance.now();
  const model = buildModel({ seed: opts.seed, packages: packagesWanted, sizeScale, now: benchNow });
  const documentNames = new Set(model.info.keys());
  const serverBytes = countServerBytes();
  const served = await serveCorpus(model, projectDir, docsDir);
  registry = served.registry;
  const { fixture, sizes } = served;
  const generateMs = performance.now() - started;
  const sorted = [...sizes.values()].sort((a, b) => a - b);
  const quantile = (q) => sorted[Math.floor(q * (sorted.length - 1))];
  const totalDocumentBytes = sorted.reduce((a, b) => a + b, 0);
  const biggest = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 5);
  const docs = {
    count: sorted.length,
    totalBytes: totalDocumentBytes,
    minBytes: sorted[0],
    medianBytes: quantile(0.5),
    p90Bytes: quantile(0.9),
    maxBytes: sorted.at(-1),
    between5KBand200KB: sorted.filter((s) => s >= 5 * 1024 && s <= 200 * 1024).length,
    over1MB: sorted.filter((s) => s > MiB).length,
    over20MB: sorted.filter((s) => s > 20 * MiB).length,
    biggest: biggest.map(([name, bytes]) => ({ name, bytes, versions: model.plans.get(name).versions.length })),
  };
  if (fixture.distinct !== packagesWanted) die(`generated ${fixture.distinct} distinct name@version, wanted ${packagesWanted}`);

  console.log(`\nFixture (seed "${opts.seed}", generated in ${sec(generateMs)} s${sizeScale === 1 ? '' : `, SIZE SCALE ${sizeScale}: not comparable`})`);
  console.log(`  lockfile v3: ${fixture.distinct} distinct name@version, ${fixture.entries} install entries (${fixture.nested} nested, up to ${fixture.deepestNesting} deep, ${fixture.duplicateEntries} duplicate name@version), ${fixture.names} names (${fixture.scopedNames} scoped)`);
  console.log(`    root: ${fixture.direct.prod} deps, ${fixture.direct.dev} devDeps, ${fixture.direct.optional} optional; flags: ${fixture.flags.dev} dev, ${fixture.flags.optional} optional, ${fixture.flags.devOptional} devOptional; ${fixture.aliases} aliases, ${fixture.cycles} cycles; ${mb(fixture.lockfileBytes)} MiB`);
  console.log(`    planted: ${fixture.planted.block.length} should block (young release / takeover), ${fixture.planted.warn.length} should warn (new install script; an added maintainer alone is no finding by default)`);
  console.log(`  registry: ${docs.count} full documents, ${mb(docs.totalBytes)} MiB in all; median ${(docs.medianBytes / 1024).toFixed(0)} KiB, p90 ${(docs.p90Bytes / 1024).toFixed(0)} KiB, ${docs.between5KBand200KB} in 5-200 KiB, ${docs.over1MB} over 1 MiB, ${docs.over20MB} over 20 MiB`);
  console.log(`    biggest: ${docs.biggest.map((b) => `${b.name} ${mb(b.bytes)} MiB (${b.versions} versions)`).join(', ')}`);
  console.log(`  registry ${registry.url} (gzip, ETag, Cache-Control; each document compressed once, as a CDN serves it) in the benchmark process; CLI and baseline in child processes; --now ${benchNow}`);

  // --- runs -------------------------------------------------------------------------------------
  const env = childEnv(tmp);
  const cacheDir = join(tmp, 'cache');
  const namesFile = join(tmp, 'names.json');
  writeFileSync(namesFile, JSON.stringify([...documentNames]));

  async function measure(label, script, args, extra = {}) {
    registry.resetStats();
    serverBytes.bytes = 0;
    serverBytes.responses = 0;
    serverBytes.sockets = 0;
    const cpu0 = process.cpuUsage();
    const result = await runMeasured({ script, args, env, cwd: tmp, usageFile: join(tmp, `usage-${label.replace(/\W+/g, '-')}.json`), ...extra });
    const cpu = process.cpuUsage(cpu0);
    const stats = registryStats(registry, serverBytes, sizes);
    return { label, result, stats, registryCpuMs: (cpu.user + cpu.system) / 1000 };
  }

  const cliArgs = ['check', projectDir, '--registry', registry.url, '--now', benchNow, '--json', '--cache-dir', cacheDir];
  if (concurrencyGiven) cliArgs.push('--concurrency', String(concurrency));
  let referenceSummary = null;

  function checkCliRun(run, kind) {
    const { result, stats, label } = run;
    const tail = result.stderr.trim().split('\n').slice(-6).join('\n    ');
    if (result.code !== 0 && result.code !== 1) {
      fail(`${label}: CLI exit code ${result.code}${result.signal ? ` (signal ${result.signal})` : ''}, expected 0 or 1\n    ${tail}`);
      return;
    }
    let report;
    try {
      report = JSON.parse(result.stdout);
    } catch (error) {
      fail(`${label}: stdout is not JSON (${error.message})`);
      return;
    }
    if (opts.keep) writeFileSync(join(tmp, `check-${label.replace(/\W+/g, '-')}.json`), result.stdout);
    run.summary = report.summary;
    run.registryPackages = report.packages.filter((p) => p.source === 'registry').length;
    const expected = fixture.distinct;
    if (report.summary?.packages !== expected) fail(`${label}: summary.packages is ${report.summary?.packages}, expected ${expected} (distinct name@version generated)`);
    if (report.packages?.length !== expected) fail(`${label}: ${report.packages?.length} package entries, expected ${expected}`);
    const { allowed = 0, warned = 0, blocked = 0 } = report.summary ?? {};
    if (allowed + warned + blocked !== report.summary?.packages) fail(`${label}: allowed+warned+blocked != packages`);
    if (run.registryPackages !== expected) fail(`${label}: ${run.registryPackages} packages reported with source "registry", expected ${expected}`);
    const expectedNames = kind === 'warm' ? 0 : documentNames.size;
    if (stats.distinctNames !== expectedNames) fail(`${label}: the registry was asked for ${stats.distinctNames} names, expected ${expectedNames}`);
    if (Object.keys(stats.otherStatus).length) fail(`${label}: unexpected statuses ${JSON.stringify(stats.otherStatus)}`);
    if (stats.repeatedNames) warn(`${label}: ${stats.repeatedNames} names were requested more than once`);
    if (kind === 'cold' && stats.status304) warn(`${label}: ${stats.status304} 304s on a cold cache`);
    // An abbreviated document the cold run never asked for (it had gone to the full one) is a 200 here.
    if (kind === 'revalidating' && stats.full200 > 0) {
      warn(`${label}: ${stats.full200} full documents answered 200 (${stats.status304} of ${stats.requests} requests revalidated with 304): the HTTP cache is not reused as expected`);
    }
    if (result.code === 0 && fixture.planted.block.length) warn(`${label}: exit 0 although ${fixture.planted.block.length} packages were planted to block`);
    // Planted verdicts: what the gate should find, by construction of the fixture.
    const verdictOf = new Map(report.packages.map((p) => [`${p.name}@${p.version}`, p.verdict]));
    run.plantedMissed = {
      block: fixture.planted.block.filter((id) => verdictOf.get(id) !== 'block'),
      warn: fixture.planted.warn.filter((id) => verdictOf.get(id) === 'allow'),
    };
    const key = JSON.stringify(report.summary);
    if (referenceSummary === null) referenceSummary = key;
    else if (referenceSummary !== key) fail(`${label}: summary ${key} differs from the first run's ${referenceSummary}`);
  }

  const runs = [];
  console.log('\nRunning (cold = empty cache dir; warm = same cache dir again, nothing changed, within max-age; revalidating = warm with --prefer-online)...');
  const cold = await measure('cold', cli, cliArgs);
  checkCliRun(cold, 'cold');
  runs.push(cold);
  console.log(`  cold    ${sec(cold.result.wallMs)} s`);
  for (let i = 1; i <= warmRuns; i++) {
    const warm = await measure(`warm ${i}`, cli, cliArgs);
    checkCliRun(warm, 'warm');
    runs.push(warm);
    console.log(`  warm ${i}  ${sec(warm.result.wallMs)} s`);
  }
  const revalidating = [];
  for (let i = 1; i <= warmRuns; i++) {
    const run = await measure(`warm, revalidating ${i}`, cli, [...cliArgs, '--prefer-online']);
    checkCliRun(run, 'revalidating');
    revalidating.push(run);
    console.log(`  warm, revalidating ${i}  ${sec(run.result.wallMs)} s`);
  }
  // The same project with its planted takeovers locked at the release before them: no release
  // of the graph is a newcomer's, so nothing needs the publisher index, and packages settled on
  // their abbreviated documents are never read in full (decision 0051). Its own empty cache.
  const calmDir = join(tmp, 'project-no-change-of-hands');
  const calmMoved = writeProjectWithoutTakeovers(model, projectDir, calmDir, registry.url);
  const calmArgs = ['check', calmDir, '--registry', registry.url, '--now', benchNow, '--json', '--cache-dir', join(tmp, 'cache-calm')];
  const calm = await measure('cold, no change of hands', cli, calmArgs);
  if (calm.result.code !== 0 && calm.result.code !== 1) fail(`${calm.label}: CLI exit code ${calm.result.code}`);
  else {
    const report = JSON.parse(calm.result.stdout);
    calm.summary = report.summary;
    calm.settled = report.packages.filter((p) => p.publishedBefore !== null).length;
    const newcomers = report.packages.filter((p) => p.findings.some((f) => f.rule === 'new-publisher'));
    if (newcomers.length) fail(`${calm.label}: ${newcomers.length} new-publisher findings, expected none`);
    if (report.summary?.packages !== fixture.distinct) fail(`${calm.label}: summary.packages is ${report.summary?.packages}, expected ${fixture.distinct}`);
  }
  console.log(`  cold, no change of hands  ${sec(calm.result.wallMs)} s (${calmMoved.length} takeovers locked at the release before)`);

  const baseline = await measure('baseline', baselineScript, [registry.url, namesFile, String(concurrency)]);
  if (baseline.result.code !== 0) fail(`baseline: exit code ${baseline.result.code}: ${baseline.result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  else {
    baseline.parsed = JSON.parse(baseline.result.stdout.trim().split('\n').pop());
    if (baseline.parsed.documents !== documentNames.size) fail(`baseline: parsed ${baseline.parsed.documents} documents, expected ${documentNames.size}`);
  }
  console.log(`  baseline ${sec(baseline.result.wallMs)} s`);

  // Comparison rows: curl downloading every document; pnpm 10 and npm 11 resolving the same
  // package.json against the same registry with their release-age gates on (cold caches).
  const others = [];
  const skipped = [];
  const curl = curlRow(tmp, registry.url, [...documentNames], concurrency);
  if (curl.skip) skipped.push(['curl', curl.skip]);
  else {
    registry.resetStats();
    serverBytes.bytes = 0;
    const result = await runExternal({ command: curl.command, args: curl.args, env, cwd: tmp, usageFile: join(tmp, 'usage-curl.txt') });
    const run = { label: 'curl', result, stats: registryStats(registry, serverBytes, sizes), registryCpuMs: 0 };
    if (result.code !== 0) fail(`curl: exit code ${result.code}: ${result.stderr.trim().split('\n').slice(-2).join(' | ')}`);
    others.push(run);
    console.log(`  curl    ${sec(result.wallMs)} s`);
  }
  const managers = opts['skip-managers'] ? [] : [['pnpm', pnpmRow(tmp, projectDir, registry.url)], ['npm', npmRow(tmp, projectDir, registry.url)]];
  if (opts['skip-managers']) skipped.push(['pnpm, npm', '--skip-managers']);
  for (const [name, plan] of managers) {
    if (plan.skip) {
      skipped.push([name, plan.skip]);
      continue;
    }
    const run = await measure(`${name} ${plan.version}`, plan.script, plan.args, { cwd: plan.cwd });
    if (run.result.code !== 0) {
      skipped.push([name, `exit code ${run.result.code}: ${run.result.stderr.trim().split('\n').slice(-2).join(' | ')}`]);
      continue;
    }
    others.push(run);
    console.log(`  ${run.label}  ${sec(run.result.wallMs)} s`);
  }


  // --- the anchor (issue 18): pnpm 12's lockfile verifier and `quarantine check` on the same
  // pnpm-lock.yaml, written by pnpm 12 itself (`pnpm import` of the generated package-lock.json:
  // the same name@version). pnpm 12 judges with minimumReleaseAge 7 days before --now + trustPolicy
  // no-downgrade; check with the default policy (7 days).
  // Cold: empty caches, --anchor-rounds times, each round pnpm then check, so a pair runs on the
  // machine as it is then (its speed moves by up to 30% within minutes); the cold target is the
  // median of the pairs' ratios. Warm: the last round's command again (pnpm fails, so it caches
  // no verdict).
  const anchor = { rows: [], skip: null };
  const ANCHOR_TIMEOUT_MS = 1_200_000;
  if (opts['skip-anchor']) anchor.skip = '--skip-anchor';
  else {
    const plan = pnpm12Anchor(tmp, registry.url);
    if (plan.skip) anchor.skip = plan.skip;
    else {
      const anchorDir = join(tmp, 'pnpm12-project');
      mkdirSync(anchorDir, { recursive: true });
      for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(projectDir, file), join(anchorDir, file));
      const imported = await runExternal({ command: plan.binary, args: plan.importArgs, env: { ...env, ...plan.cacheEnv('import') }, cwd: anchorDir, usageFile: join(tmp, 'usage-pnpm12-import.txt'), timeoutMs: ANCHOR_TIMEOUT_MS });
      if (imported.code !== 0 || !existsSync(join(anchorDir, 'pnpm-lock.yaml'))) {
        anchor.skip = `pnpm ${plan.version} import failed (exit ${imported.code}): ${imported.stderr.trim().split('\n').slice(-2).join(' | ')}`;
      } else {
        rmSync(join(anchorDir, 'package-lock.json'));
        // pnpm 12.4 has no referenceTime setting: it counts minimumReleaseAge back from its own
        // clock. Seven days back from --now is the same cutoff as 7 days + (wall clock - --now)
        // back from the wall clock: written in minutes, rounded up, just before pnpm runs (a
        // release within the minutes of the runs themselves of the cutoff could tip; the counts
        // of both tools are printed side by side).
        const shiftMinutes = Math.max(0, Math.ceil((Date.now() - Date.parse(benchNow)) / 60_000));
        anchor.minimumReleaseAge = 10080 + shiftMinutes;
        writeFileSync(join(anchorDir, 'pnpm-workspace.yaml'), `minimumReleaseAge: ${anchor.minimumReleaseAge}\ntrustPolicy: no-downgrade\n`);
        anchor.version = plan.version;
        anchor.lockfileBytes = readFileSync(join(anchorDir, 'pnpm-lock.yaml')).length;
        const runPnpm = async (label, round) => {
          registry.resetStats();
          serverBytes.bytes = 0;
          // A loaded machine can make pnpm take minutes: a generous limit, and a killed run is no figure.
          const result = await runExternal({ command: plan.binary, args: plan.verifyArgs(round), env: { ...env, ...plan.cacheEnv(`verify-${round}`) }, cwd: anchorDir, usageFile: join(tmp, `usage-${label.replace(/\W+/g, '-')}.txt`), timeoutMs: ANCHOR_TIMEOUT_MS });
          if (result.signal) fail(`${label}: killed (${result.signal}) after ${sec(result.wallMs)} s`);
          const failed = /(\d+) lockfile entr(?:y|ies) failed verification/.exec(result.stdout + result.stderr);
          return { label, result, stats: registryStats(registry, serverBytes, sizes), registryCpuMs: 0, violations: failed ? Number(failed[1]) : result.code === 0 ? 0 : null };
        };
        const anchorArgs = (round) => ['check', anchorDir, '--registry', registry.url, '--now', benchNow, '--json', '--cache-dir', join(tmp, `cache-pnpm12-lockfile-${round}`)];
        const runCheck = async (label, round) => {
          const run = await measure(label, cli, anchorArgs(round), { timeoutMs: ANCHOR_TIMEOUT_MS });
          try {
            const report = JSON.parse(run.result.stdout);
            run.summary = report.summary;
            run.ageBlocked = report.packages.filter((p) => p.findings.some((f) => f.rule === 'release-age' && f.severity === 'block')).length;
            if (report.lockfiles?.[0]?.packageManager !== 'pnpm') fail(`${label}: checked ${report.lockfiles?.[0]?.path}, not pnpm-lock.yaml`);
          } catch (error) {
            fail(`${label}: exit ${run.result.code}, stdout is not JSON (${error.message}): ${run.result.stderr.trim().split('\n').slice(-2).join(' | ')}`);
          }
          return run;
        };
        const cold = (what, round) => (anchorRounds > 1 ? `${what}, cold ${round}` : `${what}, cold`);
        // Each run is kept in anchor.rows, in the order it ran, and printed as it ends.
        const step = async (label, go) => {
          const run = await go(label);
          anchor.rows.push(run);
          console.log(`  ${label}  ${sec(run.result.wallMs)} s`);
          return run;
        };
        const pColds = [];
        const qColds = [];
        for (let round = 1; round <= anchorRounds; round++) {
          pColds.push(await step(cold(`pnpm ${plan.version} verify`, round), (label) => runPnpm(label, round)));
          qColds.push(await step(cold('check pnpm-lock', round), (label) => runCheck(label, round)));
        }
        const pWarm = await step(`pnpm ${plan.version} verify, warm`, (label) => runPnpm(label, anchorRounds));
        const qWarm = await step('check pnpm-lock, warm', (label) => runCheck(label, anchorRounds));
        anchor.pWarm = pWarm;
        anchor.pCold = pColds[0];
        anchor.qCold = qColds[0];
        if (pColds.some((run) => run.result.code === 0)) warn(`pnpm ${plan.version} verify exited 0: the planted young releases should fail its minimumReleaseAge check`);
        // Every check run, cold or warm, must report the same verdicts.
        for (const run of [...qColds.slice(1), qWarm]) {
          if (qColds[0].summary && run.summary && JSON.stringify(run.summary) !== JSON.stringify(qColds[0].summary)) fail(`${run.label}: summary ${JSON.stringify(run.summary)} differs from ${qColds[0].label}'s ${JSON.stringify(qColds[0].summary)}`);
        }
        const ratio = (ours, theirs) => (ours.result.signal || theirs.result.signal ? Number.NaN : ours.result.wallMs / theirs.result.wallMs);
        anchor.coldPairs = qColds.map((run, index) => ratio(run, pColds[index]));
        anchor.ratios = [
          [anchorRounds > 1 ? `check cold / pnpm 12 cold, median of ${anchorRounds} pairs` : 'check cold / pnpm 12 cold', median(anchor.coldPairs), 0.5],
          ['check warm / pnpm 12 warm', ratio(qWarm, pWarm), 0.25],
        ];
      }
    }
  }

  // --profile: a cold, a warm and a revalidating run of their own (separate cache), under --cpu-prof.
  const profiles = [];
  if (opts.profile) {
    const profCache = join(tmp, 'cache-profile');
    const profArgs = cliArgs.map((a) => (a === cacheDir ? profCache : a));
    for (const kind of ['cold', 'warm', 'revalidating']) {
      const profDir = join(tmp, `profile-${kind}`);
      mkdirSync(profDir, { recursive: true });
      const args = kind === 'revalidating' ? [...profArgs, '--prefer-online'] : profArgs;
      const run = await measure(`profile ${kind}`, cli, args, { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', profDir] });
      profiles.push({ kind, wallMs: run.result.wallMs, maxRssKB: run.result.usage?.maxRssKB ?? null, cpu: summariseCpuProfile(profDir), dir: profDir });
      console.log(`  profile ${kind} ${sec(run.result.wallMs)} s (with --cpu-prof; ${opts.keep ? `kept in ${profDir}` : 'use --keep to keep the .cpuprofile'})`);
    }
  }

  // --- report -------------------------------------------------------------------------------------
  const row = (run) => ({
    run: run.label,
    exit: run.result.code ?? run.result.signal,
    wallS: sec(run.result.wallMs),
    rssMiB: run.result.usage ? (run.result.usage.maxRssKB / 1024).toFixed(0) : '?',
    heapMiB: run.result.usage?.sampledPeakBytes ? mb(run.result.usage.sampledPeakBytes.heapUsed) : '?',
    extMiB: run.result.usage?.sampledPeakBytes ? mb(run.result.usage.sampledPeakBytes.external) : '?',
    cpuS: run.result.usage ? sec(run.result.usage.userMs + run.result.usage.systemMs) : '?',
    requests: run.stats.requests,
    abbrev: run.stats.abbreviatedAsked,
    s200: run.stats.status200,
    s304: run.stats.status304,
    wireMiB: mb(run.stats.wireBytes),
    docsMiB: mb(run.stats.documentBytes200),
    regCpuS: sec(run.registryCpuMs),
  });
  const rows = [...runs, ...revalidating, calm, baseline, ...others].map(row);
  const columns = [
    ['run', 'run'], ['exit', 'exit'], ['wallS', 'wall s'], ['rssMiB', 'peak RSS MiB'], ['heapMiB', 'JS heap MiB'], ['extMiB', 'Buffers MiB'], ['cpuS', 'CPU s'],
    ['requests', 'requests'], ['abbrev', 'abbreviated'], ['s200', '200'], ['s304', '304'], ['wireMiB', 'sent MiB (gzip)'],
    ['docsMiB', 'full docs MiB (raw)'], ['regCpuS', 'registry CPU s'],
  ];
  const widths = columns.map(([key, title]) => Math.max(title.length, ...[...rows, ...anchor.rows.map(row)].map((r) => String(r[key]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(`\nquarantine check: ${fixture.distinct} packages (${documentNames.size} documents, ${mb(totalDocumentBytes)} MiB), concurrency ${concurrency}`);
  console.log(line(columns.map(([, title]) => title)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map(([key]) => r[key])));
  const warm = runs.filter((r) => r.label.startsWith('warm '));
  const warmMedian = {
    wallMs: median(warm.map((r) => r.result.wallMs)),
    maxRssKB: median(warm.map((r) => r.result.usage?.maxRssKB ?? Number.NaN)),
  };
  const revalidatingMedian = {
    wallMs: median(revalidating.map((r) => r.result.wallMs)),
    maxRssKB: median(revalidating.map((r) => r.result.usage?.maxRssKB ?? Number.NaN)),
  };
  console.log(`\nmedian warm: ${sec(warmMedian.wallMs)} s, ${(warmMedian.maxRssKB / 1024).toFixed(0)} MiB peak RSS`);
  console.log(`median warm, revalidating: ${sec(revalidatingMedian.wallMs)} s, ${(revalidatingMedian.maxRssKB / 1024).toFixed(0)} MiB peak RSS`);
  for (const [name, why] of skipped) console.log(`no ${name} row: ${why}`);

  // The targets of issue 7, as ratios measured side by side in this run.
  const pnpmRun = others.find((r) => r.label.startsWith('pnpm'));
  const coldRssMiB = (cold.result.usage?.maxRssKB ?? Number.NaN) / 1024;
  const ratios = [
    ['cold / pnpm', pnpmRun ? cold.result.wallMs / pnpmRun.result.wallMs : null, 0.2],
    ['cold / fetch-and-parse', cold.result.wallMs / baseline.result.wallMs, 1.5],
    ['warm / fetch-and-parse', warmMedian.wallMs / baseline.result.wallMs, 0.2],
    ['revalidating / f-and-p', revalidatingMedian.wallMs / baseline.result.wallMs, null],
    ['cold peak RSS MiB', coldRssMiB, 256],
  ].map(([what, value, target]) => ({ what, value, target, met: value === null || target === null ? null : value <= target }));
  console.log('\ntargets (this run):');
  for (const r of ratios) {
    const shown = r.value === null ? 'n/a (no pnpm row)' : r.what.endsWith('MiB') ? r.value.toFixed(0) : `${r.value.toFixed(2)}x`;
    const target = r.target === null ? 'no target' : `target <= ${r.target}${r.what.endsWith('MiB') ? '' : 'x'}`;
    console.log(`  ${r.what.padEnd(24)} ${shown.padStart(8)}  ${target}  ${r.met === null ? '' : r.met ? 'met' : 'NOT MET'}`);
  }

  if (anchor.rows.length) {
    const { pCold, pWarm, qCold } = anchor;
    const arows = anchor.rows.map(row);
    console.log(`\nanchor: pnpm ${anchor.version}'s lockfile verifier vs quarantine check, same pnpm-lock.yaml (written by pnpm ${anchor.version}, ${mb(anchor.lockfileBytes)} MiB)`);
    console.log(`  pnpm: install --frozen-lockfile --lockfile-only, trustPolicy: no-downgrade, minimumReleaseAge: ${anchor.minimumReleaseAge} (10080 = 7 days, counted back from --now: + the minutes from --now to the wall clock)`);
    console.log(line(columns.map(([, title]) => title)));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of arows) console.log(line(columns.map(([key]) => r[key])));
    console.log(`  pnpm ${anchor.version}: ${pCold.violations ?? '?'} entries failed verification (cold), ${pWarm.violations ?? '?'} (warm); check: ${qCold.summary ? `${qCold.summary.blocked} blocked, ${qCold.ageBlocked} by release-age` : '?'}`);
    const rss = anchor.rows.filter((r) => r.label.startsWith('check')).map((r) => [r.label, (r.result.usage?.maxRssKB ?? Number.NaN) / 1024]);
    console.log('targets (issue 18, this run):');
    for (const [what, value, target] of anchor.ratios) {
      console.log(`  ${what.padEnd(26)} ${(Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}x`).padStart(8)}  target <= ${target}x  ${Number.isNaN(value) ? 'a run was killed' : value <= target ? 'met' : 'NOT MET'}`);
    }
    if (anchor.coldPairs.length > 1) console.log(`    the pairs, in order: ${anchor.coldPairs.map((r) => `${r.toFixed(2)}x`).join(', ')}`);
    for (const [what, value] of rss) console.log(`  ${`${what} peak RSS MiB`.padEnd(26)} ${value.toFixed(0).padStart(8)}  target <= 256  ${value <= 256 ? 'met' : 'NOT MET'}`);
  } else {
    console.log(`\nno pnpm 12 anchor: ${anchor.skip}`);
  }
  console.log('\n  wall: spawn to exit of the child (node start-up included); peak RSS: the child\'s getrusage maxrss;');
  console.log('  JS heap / Buffers: peaks of process.memoryUsage() heapUsed / external, sampled every 50 ms;');
  console.log('  CPU: the child\'s user+system; registry CPU: this process meanwhile (gzip, ETag hashing, disk reads).');
  console.log('  full docs MiB: full documents answered 200, uncompressed (abbreviated answers are in sent MiB only).');
  if (calm.summary) {
    console.log(`cold, no change of hands: ${calm.settled} of ${fixture.distinct} packages settled (judged from abbreviated documents); ${calm.summary.blocked} blocked, ${calm.summary.warned} warned`);
  }
  if (cold.summary) {
    console.log(`verdicts: ${cold.summary.allowed} allowed, ${cold.summary.warned} warned, ${cold.summary.blocked} blocked (exit ${cold.result.code})`);
    const missed = cold.plantedMissed;
    if (missed.block.length || missed.warn.length) {
      warn(`planted findings not reported: ${missed.block.length} of ${fixture.planted.block.length} expected blocks (${missed.block.slice(0, 5).join(', ')}${missed.block.length > 5 ? ', ...' : ''}), ${missed.warn.length} of ${fixture.planted.warn.length} expected warnings (${missed.warn.slice(0, 5).join(', ')})`);
    }
  }
  for (const profile of profiles.filter((p) => p.cpu)) {
    console.log(`\nCPU profile of a ${profile.kind} run (${sec(profile.cpu.totalMs)} s sampled, self time), by package:`);
    for (const p of profile.cpu.packages.slice(0, 10)) console.log(`  ${String(p.pct).padStart(5)}%  ${p.name}`);
    console.log('  top functions:');
    for (const f of profile.cpu.functions.slice(0, 12)) console.log(`  ${String(f.pct).padStart(5)}%  ${f.name}  ${f.where}`);
  }
  for (const w of warnings) console.log(`\nWARNING: ${w}`);

  const jsonRun = (run) => ({
    exitCode: run.result.code,
    wallMs: Math.round(run.result.wallMs),
    maxRssKB: run.result.usage?.maxRssKB ?? null,
    sampledPeakHeapUsedBytes: run.result.usage?.sampledPeakBytes?.heapUsed ?? null,
    sampledPeakExternalBytes: run.result.usage?.sampledPeakBytes?.external ?? null,
    cpuMs: run.result.usage ? Math.round(run.result.usage.userMs + run.result.usage.systemMs) : null,
    requests: run.stats.requests,
    status200: run.stats.status200,
    status304: run.stats.status304,
    wireBytes: run.stats.wireBytes,
    documentBytes200: run.stats.documentBytes200,
    connections: run.stats.connections,
    registryCpuMs: Math.round(run.registryCpuMs),
    ...(run.summary ? { summary: run.summary } : {}),
  });
  const benchJson = {
    schemaVersion: 1,
    now: benchNow,
    machine,
    fixture: {
      seed: opts.seed,
      sizeScale,
      packages: fixture.distinct,
      lockfileEntries: fixture.entries,
      names: fixture.names,
      scopedNames: fixture.scopedNames,
      documents: docs.count,
      documentBytesTotal: docs.totalBytes,
      documentBytesMedian: docs.medianBytes,
      documentBytesMax: docs.maxBytes,
      documentsOver1MB: docs.over1MB,
      documentsOver20MB: docs.over20MB,
      generateMs: Math.round(generateMs),
    },
    concurrency,
    cold: jsonRun(cold),
    coldNoChangeOfHands: { ...jsonRun(calm), settled: calm.settled ?? null },
    warm: warm.map(jsonRun),
    warmMedian: { wallMs: Math.round(warmMedian.wallMs), maxRssKB: warmMedian.maxRssKB },
    revalidating: revalidating.map(jsonRun),
    revalidatingMedian: { wallMs: Math.round(revalidatingMedian.wallMs), maxRssKB: revalidatingMedian.maxRssKB },
    baseline: { ...jsonRun(baseline), ...(baseline.parsed ?? {}) },
    others: Object.fromEntries(others.map((run) => [run.label, jsonRun(run)])),
    skipped: Object.fromEntries(skipped),
    targets: ratios,
    anchor: anchor.rows.length
      ? { pnpm: anchor.version, rows: Object.fromEntries(anchor.rows.map((run) => [run.label, { ...jsonRun(run), ...(run.violations === undefined ? {} : { violations: run.violations }) }])), coldPairs: anchor.coldPairs, ratios: anchor.ratios }
      : { skipped: anchor.skip },
    ...(profiles.length ? { profiles: profiles.map((p) => ({ kind: p.kind, wallMs: Math.round(p.wallMs), maxRssKB: p.maxRssKB, topPackages: p.cpu?.packages.slice(0, 8).map((x) => ({ name: x.name, pct: x.pct })) })) } : {}),
    warnings,
    failures,
  };
  if (failures.length) {
    for (const f of failures) console.error(`\nbench: FAILED: ${f}`);
    exitCode = 1;
  }
  console.log(`\nBENCH_JSON ${JSON.stringify(benchJson)}`);
} catch (error) {
  if (!(error instanceof BenchError)) throw error;
  console.error(`\nbench: FAILED: ${error.message}`);
  exitCode = 1;
} finally {
  await registry?.close();
  if (opts.keep) console.log(`\nkept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = exitCode;
