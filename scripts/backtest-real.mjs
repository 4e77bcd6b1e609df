// `npm run backtest:real [-- --policy <file|preset>] [--json]`: how noisy the policy is on real
// registry histories (../shared/real-histories, issue 14).
//
// 1. Serves every recorded document from a local registry on 127.0.0.1, writes a temporary
//    project whose lockfile locks every corpus package, and runs the real
//    `quarantine backtest --since 2000-01-01` on it: every release judged one day after its
//    publish time, with every history cut to what the registry knew then.
// 2. Random days: on 24 fixed days spread over 2015-01-01..2021-12-31, a project that locks
//    every corpus package that existed then at its `latest` version then, judged that day with
//    history as of that day (the same engine entry, in process, over the same registry).
// Every change-of-hands block counts as false except the known incidents below.
// Needs `npm run build` first (npm run backtest:real does it). `--only a,b` replays only those
// packages (a quick look, and the smoke test); the published figures need the whole corpus.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFixtureRegistry } from './lib/fixture-registry.mjs';
import { loadRealIndex, lockfileFor, readRealDocument, realDocuments, someVersionOf } from './lib/real-histories.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli', 'main.js');
const PRESETS = ['default', 'strict', 'observe'];
/** After the newest release of the corpus (2026), fixed so every run gives the same figures. */
const NOW = '2026-12-01T00:00:00Z';
const SINCE = '2000-01-01';
const DAY = 86_400_000;
const RANDOM_DAYS = 24;
const DAYS_FROM = Date.parse('2015-01-01T00:00:00Z');
const DAYS_TO = Date.parse('2021-12-31T00:00:00Z');

/** The real incidents of the corpus; every other change-of-hands alarm is counted as false. */
const INCIDENTS = [
  { name: 'eslint-scope', versions: ['3.7.2'], what: 'stolen token, 2018-07-12' },
  { name: 'getcookies', versions: null, what: 'removed by npm for malware, 2018' },
];
const isIncident = (name, version) => INCIDENTS.some((incident) => incident.name === name && (incident.versions === null || incident.versions.includes(version)));

const { values: args } = parseArgs({
  options: {
    policy: { type: 'string' },
    json: { type: 'boolean', default: false },
    /** Comma-separated package names: replay only these (a quick look; the figures need the whole corpus). */
    only: { type: 'string' },
    /** Also write the backtest's own JSON to this file. */
    'keep-output': { type: 'string' },
  },
  strict: true,
});

if (!existsSync(cli)) {
  console.error('backtest:real: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

/** 24 days at noon UTC, evenly spread over the period (the middle of each 24th). */
function randomDays() {
  const span = DAYS_TO - DAYS_FROM;
  return Array.from({ length: RANDOM_DAYS }, (_, i) => {
    const day = DAYS_FROM + Math.floor(((i + 0.5) * span) / RANDOM_DAYS / DAY) * DAY;
    return day + DAY / 2;
  });
}

function runCli(cliArgs, env) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [cli, ...cliArgs], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('close', (code) => resolvePromise({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

const pct = (count, total) => (total === 0 ? '-' : `${((count / total) * 100).toFixed(count > 0 && count / total < 0.01 ? 2 : 1)}%`);

const started = Date.now();
const only = args.only === undefined ? null : new Set(args.only.split(',').map((name) => name.trim()).filter(Boolean));
const entries = loadRealIndex().filter((entry) => only === null || only.has(entry.name));
if (entries.length === 0) {
  console.error(`backtest:real: --only: none of "${args.only}" is in ../shared/real-histories`);
  process.exit(2);
}
const registry = await startFixtureRegistry({ documents: realDocuments(entries) });
const work = mkdtempSync(join(tmpdir(), 'quarantine-backtest-real-'));
try {
  const project = join(work, 'project');
  const home = join(work, 'home');
  const cacheDir = join(work, 'cache');
  mkdirSync(project);
  mkdirSync(home);
  const locked = entries.map((entry) => ({ name: entry.name, version: someVersionOf(readRealDocument(entry)) }));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'quarantine-backtest-corpus', version: '1.0.0', private: true })}\n`);
  writeFileSync(join(project, 'package-lock.json'), lockfileFor(locked, registry.url));
  // The project's own .npmrc names the registry, as a real project's would.
  writeFileSync(join(project, '.npmrc'), `registry=${registry.url}\n`);

  let policyArgs = [];
  let policyLabel = 'default';
  if (args.policy !== undefined) {
    const asFile = resolve(args.policy);
    if (existsSync(asFile)) {
      policyArgs = ['--policy', asFile];
      policyLabel = args.policy;
    } else if (PRESETS.includes(args.policy)) {
      const presetFile = join(work, `preset-${args.policy}.json`);
      writeFileSync(presetFile, `${JSON.stringify({ extends: args.policy })}\n`);
      policyArgs = ['--policy', presetFile];
      policyLabel = `preset ${args.policy}`;
    } else {
      console.error(`backtest:real: --policy: "${args.policy}" is neither a file nor a preset (${PRESETS.join(', ')})`);
      process.exitCode = 2;
      throw new Error('usage');
    }
  }

  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    npm_config_userconfig: join(home, '.npmrc'),
    npm_config_globalconfig: join(home, 'global-npmrc'),
  };
  const cliArgs = ['backtest', project, '--since', SINCE, '--now', NOW, '--json', '--cache-dir', cacheDir, ...policyArgs];
  const shown = `quarantine backtest <corpus project> --since ${SINCE} --now ${NOW} --json${policyArgs.length > 0 ? ` --policy ${policyLabel}` : ''}`;
  const run = await runCli(cliArgs, env);
  if (run.code !== 0) {
    console.error(`backtest:real: ${shown} exited ${run.code}\n${run.stderr}`);
    process.exitCode = 2;
    throw new Error('backtest failed');
  }
  const backtest = JSON.parse(run.stdout);
  if (args['keep-output']) writeFileSync(args['keep-output'], run.stdout);

  // Random days, in process, over the same registry and cache, through the same engine entry.
  const { loadInputs } = await import(join(root, 'dist/app/inputs.js'));
  const { createNodeHost } = await import(join(root, 'dist/host-node.js'));
  // The same isolated world the CLI ran in: no user or global npm configuration.
  const host = { ...createNodeHost(), env, homeDir: home };
  const { replayDay } = await import(join(root, 'dist/engine/backtest.js'));
  const { CHANGE_OF_HANDS_RULES } = await import(join(root, 'dist/model/backtest.js'));
  const inputs = await loadInputs(
    { dir: project, policy: policyArgs[1], now: Date.parse(NOW), cacheDir, host },
    project,
    [],
  );
  const histories = new Map();
  await Promise.all(entries.map(async (entry) => {
    const lookup = await inputs.source.fetchHistory(entry.name);
    if (lookup.status === 'found') histories.set(entry.name, lookup.history);
  }));
  const days = randomDays().map((day) => {
    const verdicts = replayDay(histories, day, inputs.policy);
    const handBlocks = verdicts.filter(({ verdict }) => verdict.findings.some((f) => f.severity === 'block' && CHANGE_OF_HANDS_RULES.includes(f.rule)));
    const falseBlocks = handBlocks.filter(({ name, version }) => !isIncident(name, version));
    return {
      day: new Date(day).toISOString().slice(0, 10),
      locked: verdicts.length,
      blocked: verdicts.filter(({ verdict }) => verdict.verdict === 'block').length,
      changeOfHandsBlocked: handBlocks.length,
      falseChangeOfHandsBlocks: falseBlocks.map(({ name, version, verdict }) => ({ name, version, rules: [...new Set(verdict.findings.filter((f) => f.severity === 'block').map((f) => f.rule))] })),
    };
  });
  const lockedTotal = days.reduce((sum, day) => sum + day.locked, 0);
  const falseTotal = days.reduce((sum, day) => sum + day.falseChangeOfHandsBlocks.length, 0);

  // The known incidents: caught when a change-of-hands finding blocked the release.
  const incidentReleases = [];
  for (const incident of INCIDENTS) {
    const history = histories.get(incident.name);
    const versions = incident.versions ?? (history?.versions.map((v) => v.version) ?? []);
    for (const version of versions) {
      const alerts = backtest.alerts.filter((alert) => alert.name === incident.name && alert.version === version);
      const caught = alerts.some((alert) => alert.severity === 'block');
      incidentReleases.push({ name: incident.name, version, what: incident.what, caught, alerts: alerts.map((alert) => `${alert.severity} ${alert.finding.rule}: ${alert.finding.message}`) });
    }
  }
  const incidentBlocks = incidentReleases.filter((release) => release.caught).length;

  const summary = backtest.summary;
  const result = {
    command: `npm run backtest:real${args.policy || only ? ' --' : ''}${args.policy ? ` --policy ${args.policy}` : ''}${only ? ` --only ${[...only].join(',')}` : ''}`,
    cli: shown,
    policy: policyLabel,
    corpus: { documents: entries.length, packagesReplayed: summary.packages, notFound: backtest.notFound },
    releases: summary.releases,
    untimed: summary.untimed,
    groups: backtest.groups,
    changeOfHands: {
      blocked: summary.changeOfHands.blocked,
      warned: summary.changeOfHands.warned,
      falseBlocked: summary.changeOfHands.blocked - incidentBlocks,
    },
    randomDays: {
      days: days.length,
      lockedPackages: lockedTotal,
      falseChangeOfHandsBlocks: falseTotal,
      per1000: lockedTotal === 0 ? 0 : (falseTotal / lockedTotal) * 1000,
      daysWithAFalseBlock: days.filter((day) => day.falseChangeOfHandsBlocks.length > 0).length,
      perDay: days,
    },
    incidents: incidentReleases,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };

  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const total = result.releases;
    const lines = [];
    lines.push(`$ ${result.command}`);
    lines.push(`  runs: ${shown}`);
    lines.push(`  corpus: ${entries.length} packages from ../shared/real-histories, ${total} releases judged one day after publish (${result.untimed} without a publish time skipped); policy ${policyLabel}`);
    lines.push('');
    const rows = [['rule / signal', 'blocked', '%', 'warned', '%', 'median hold', 'max hold']];
    for (const group of result.groups) {
      const name = group.part === 'signal' ? `  + ${group.signal}` : group.part === 'discount' ? `  - ${group.signal}` : `${group.rule}${group.signal ? ` ${group.signal}` : ''}`;
      const label = `${group.changeOfHands ? '* ' : '  '}${name}`;
      const hold = (d) => (d === null ? '-' : `${d}d`);
      rows.push([label, String(group.blocked), pct(group.blocked, total), String(group.warned), pct(group.warned, total), hold(group.holds.medianDays), `${hold(group.holds.maxDays)}${group.holds.endless ? ` +${group.holds.endless} no end` : ''}`]);
    }
    rows.push(['* change of hands (any)', String(result.changeOfHands.blocked), pct(result.changeOfHands.blocked, total), String(result.changeOfHands.warned), pct(result.changeOfHands.warned, total), '', '']);
    rows.push(['  of which false', String(result.changeOfHands.falseBlocked), pct(result.changeOfHands.falseBlocked, total), '', '', '', '']);
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    for (const row of rows) lines.push(`  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`.trimEnd());
    lines.push('  (* = change of hands; % of releases judged; "+ signal" / "- discount" rows break the rule above down, a release counting under each its finding carried)');
    lines.push('');
    const rd = result.randomDays;
    lines.push(`Random days: ${rd.days} days 2015-01-01..2021-12-31, ${rd.lockedPackages} locked packages in all (every corpus package then, at its latest then)`);
    lines.push(`  false change-of-hands blocks: ${rd.falseChangeOfHandsBlocks} = ${rd.per1000.toFixed(2)} per 1,000 locked packages; days with at least one: ${rd.daysWithAFalseBlock} of ${rd.days}`);
    lines.push('');
    lines.push('Known incidents:');
    for (const release of result.incidents) {
      // Judged a day after publish, every release is also held by release-age (7d by default).
      lines.push(`  ${release.caught ? 'caught' : 'MISSED'}  ${release.name}@${release.version} (${release.what})${release.alerts.length ? `: ${release.alerts.join('; ')}` : ': no change-of-hands finding (a day after publish, release-age holds every release)'}`);
    }
    lines.push('');
    lines.push(`(${result.seconds}s)`);
    console.log(lines.join('\n'));
  }
} catch (error) {
  if (process.exitCode === undefined) {
    console.error(`backtest:real: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
} finally {
  await registry.close();
  rmSync(work, { recursive: true, force: true });
}
