// The user-visible outputs of a built tree, for the before/after comparison of issue 13
// (scripts/compare-outputs.mjs, test/e2e/golden-outputs.test.ts): `check --json`, `why --json`
// and `ls --json` on the demo and on the lockfile fixtures, and the Action's files (step
// summary, outputs, annotations on stdout, the JSON report, SARIF, and what it writes to the
// GitHub API: the comment).
//
// Everything runs offline with a fixed --now: the demo's registry snapshot plus synthetic
// registry documents for the fixtures' packages (made here from a hash of each name, so every
// rule has something to say), served on 127.0.0.1. Git commits get fixed dates, so their ids
// are stable. Only what truly varies from run to run is normalised (see `normalise`): the
// registry's and the stub API's ports, the temp folders, the tree's own absolute path, and the
// random delimiters in GITHUB_OUTPUT.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { DEMO_NOW, loadDemoDocuments } from './demo-registry.mjs';
import { startFixtureRegistry } from './fixture-registry.mjs';

/** The demo project and every fixture folder, relative to the tree's root. */
const DEMO = 'examples/demo';
const LOCKFILE_NAMES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb']);

/** Folders under test/fixtures/lockfiles (and the settings fixture) that hold a lockfile. */
export function fixtureProjects(root) {
  const found = [];
  const walk = (dir) => {
    const entries = readdirSync(join(root, dir), { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && LOCKFILE_NAMES.has(entry.name))) found.push(dir);
    for (const entry of entries) if (entry.isDirectory()) walk(`${dir}/${entry.name}`);
  };
  walk('test/fixtures/lockfiles');
  found.push('test/fixtures/native/mixed');
  return found.sort();
}

const day = 86_400_000;
const now = Date.parse(DEMO_NOW);
const daysAgo = (days) => new Date(now - days * day).toISOString();
const hashOf = (text) => createHash('sha256').update(text).digest().readUInt32BE(0);
const person = (name) => ({ name, email: `${name}@example.com` });

/**
 * A registry document for `name` holding `versions` (the locked ones) after an old 0.0.1.
 * The hash of the name picks the story: missing from the registry, fresh, a new publisher, a
 * provenance downgrade, an install script; so the fixtures reach every rule.
 */
export function syntheticPackument(name, versions) {
  const h = hashOf(name);
  if (h % 13 === 0) return undefined;
  const history = ['0.0.1', ...[...versions].sort()];
  const time = {};
  const docVersions = {};
  history.forEach((version, index) => {
    const last = index === history.length - 1;
    const age = last ? h % 21 : 900 - index * 40 - (h % 30);
    const publisher = last && h % 5 === 0 ? 'newcomer' : 'alice';
    const provenance = h % 7 === 0 ? !last : false;
    time[version] = daysAgo(age);
    docVersions[version] = {
      name,
      version,
      _npmUser: person(publisher),
      maintainers: (publisher === 'alice' ? ['alice', 'bob'] : ['newcomer']).map(person),
      dist: {
        tarball: `https://registry.example/${name}/-/${name.split('/').at(-1)}-${version}.tgz`,
        ...(provenance ? { attestations: { url: 'https://registry.example/-/npm/v1/attestations', provenance: { predicateType: 'https://slsa.dev/provenance/v1' } } } : {}),
      },
      ...(last && h % 4 === 0 ? { scripts: { postinstall: 'node setup.js' } } : {}),
    };
  });
  time.created = time['0.0.1'];
  time.modified = time[history.at(-1)];
  return { name, 'dist-tags': { latest: history.at(-1) }, maintainers: docVersions[history.at(-1)].maintainers, time, versions: docVersions };
}

function spawnNode(args, { cwd, env }) {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `fn` over `items`, `limit` at a time, keeping the order of the results. */
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A stub GitHub API that accepts comments and lists none: the Action's writes are recorded. */
async function startStubApi() {
  const requests = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      requests.push({ method: req.method, path: url.pathname + url.search, body: text ? JSON.parse(text) : null });
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      if (req.method === 'GET' && url.pathname.endsWith('/runs')) res.end(JSON.stringify({ total_count: 0, workflow_runs: [] }));
      else res.end(JSON.stringify(req.method === 'GET' ? [] : { id: 1000, body: '' }));
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_AUTHOR_DATE: '2026-11-19T12:00:00Z',
  GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.invalid', GIT_COMMITTER_DATE: '2026-11-19T12:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
};

function gitRepo(dir, commits) {
  const git = (...args) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  return commits.map(([message, files]) => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    git('add', '--all');
    git('commit', '--quiet', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  });
}

function demoLockWith(root, versions) {
  const lock = JSON.parse(readFileSync(join(root, DEMO, 'package-lock.json'), 'utf8'));
  for (const [name, version] of Object.entries(versions)) {
    Object.assign(lock.packages[`node_modules/${name}`], { version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz` });
  }
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/**
 * Collects the outputs of the built tree at `root` (dist/cli/main.js and dist/action/index.js
 * must exist). Returns file name -> normalised text, in a stable order.
 */
export async function collectOutputs(root, { concurrency = 3 } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'quarantine-compare-'));
  const cli = join(root, 'dist', 'cli', 'main.js');
  const action = join(root, 'dist', 'action', 'index.js');
  const projects = fixtureProjects(root);

  // The locked versions of every fixture package, read by this tree's own `ls --json`.
  const lsRuns = await pool(projects, concurrency, (dir) => spawnNode([cli, 'ls', '--json', dir], { cwd: root, env: isolated(scratch, `ls-${dir}`) }));
  const locked = new Map();
  for (const run of lsRuns) {
    if (run.code !== 0) continue;
    for (const listing of [JSON.parse(run.stdout)].flat()) {
      for (const pkg of listing.packages ?? []) {
        if (pkg.source !== 'registry') continue;
        locked.set(pkg.name, new Set([...(locked.get(pkg.name) ?? []), pkg.version]));
      }
    }
  }
  const demoDocuments = loadDemoDocuments(new URL(`file://${join(root, DEMO, 'registry')}/`));
  const registry = await startFixtureRegistry({
    documents: (name) => demoDocuments.get(name) ?? (locked.has(name) ? syntheticPackument(name, locked.get(name)) : undefined),
  });
  const api = await startStubApi();
  const outputs = new Map();
  try {
    const cases = [];
    const add = (file, args) => cases.push({ file, args });
    add('demo/ls.json', ['ls', '--json', DEMO]);
    add('demo/check.json', ['check', '--json', DEMO]);
    add('demo/check.txt', ['check', DEMO]);
    for (const spec of ['event-pipe', 'quick-format', 'safe-parse@5.2.1', 'safe-parse@4.9.3', 'tiny-utils', 'native-thing', 'not-locked-anywhere']) {
      add(`demo/why-${spec.replace('@', '-at-')}.json`, ['why', '--json', spec, DEMO]);
    }
    for (const dir of projects) {
      const id = dir.replace(/^test\/fixtures\//, '').replaceAll('/', '-');
      add(`fixtures/${id}/ls.json`, ['ls', '--json', dir]);
      add(`fixtures/${id}/check.json`, ['check', '--json', dir]);
      add(`fixtures/${id}/check.txt`, ['check', dir]);
      for (const name of ['ms', 'is-number', 'debug']) add(`fixtures/${id}/why-${name}.json`, ['why', '--json', name, dir]);
    }
    const needsRegistry = (args) => args[0] !== 'ls';
    const runs = await pool(cases, concurrency, ({ file, args }) =>
      spawnNode([cli, ...args, ...(needsRegistry(args) ? ['--registry', registry.url, '--now', DEMO_NOW] : [])], { cwd: root, env: isolated(scratch, file) }));
    cases.forEach(({ file }, index) => outputs.set(file, runText(runs[index])));

    for (const scenario of actionScenarios(root)) {
      await runActionScenario({ scenario, action, scratch, registry, api, outputs });
    }
  } finally {
    await registry.close();
    await api.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  const replacements = [
    [registry.url.replace(/\/$/, ''), '<registry>'],
    [api.url, '<api>'],
    [scratch, '<temp>'],
    [root.replace(/\/$/, ''), '<root>'],
  ];
  return new Map([...outputs].sort(([a], [b]) => a.localeCompare(b)).map(([file, text]) => [file, normalise(text, replacements)]));
}

/**
 * What varies from run to run, and only that: ports, temp folders, the tree's own path, and
 * the random delimiters of the GITHUB_OUTPUT file (`ghadelimiter_<uuid>`).
 */
export function normalise(text, replacements) {
  let out = text;
  for (const [from, to] of replacements) out = out.split(from).join(to);
  return out.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_<uuid>');
}

/** A CLI run as one text: the exit code, then stdout and stderr (stderr only when not empty). */
function runText(run) {
  return `exit ${run.code}\n${run.stdout}${run.stderr ? `--- stderr\n${run.stderr}` : ''}`;
}

/** A private home, npm config and cache for one run, so nothing of the user's leaks in. */
function isolated(scratch, label) {
  const home = join(scratch, 'home', label.replace(/[^\w.-]+/g, '_'));
  mkdirSync(home, { recursive: true });
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    XDG_CACHE_HOME: join(home, '.cache'),
    npm_config_userconfig: join(home, '.npmrc'),
    npm_config_globalconfig: join(home, 'global-npmrc'),
  };
}

function actionScenarios(root) {
  const manifest = readFileSync(join(root, DEMO, 'package.json'), 'utf8');
  const head = readFileSync(join(root, DEMO, 'package-lock.json'), 'utf8');
  const base = demoLockWith(root, { 'quick-format': '3.1.0', 'safe-parse': '5.2.0', 'str-pad': '1.1.0' });
  return [
    {
      id: 'pull-request',
      event: 'pull_request',
      commits: [['base', { 'package.json': manifest, 'package-lock.json': base }], ['bump', { 'package-lock.json': head }]],
      payload: (shas) => ({
        action: 'synchronize', number: 7,
        pull_request: { number: 7, base: { sha: shas[0], repo: { full_name: 'acme/app' } }, head: { sha: 'f'.repeat(40), repo: { full_name: 'acme/app' } } },
        repository: { full_name: 'acme/app' },
      }),
      inputs: { sarif: 'reports/quarantine.sarif' },
    },
    {
      id: 'push-all',
      event: 'push',
      commits: [['base', { 'package.json': manifest, 'package-lock.json': head }]],
      payload: () => ({ before: '0'.repeat(40), after: 'HEAD' }),
      inputs: { mode: 'all', 'fail-on': 'warn', sarif: 'quarantine.sarif' },
    },
  ];
}

async function runActionScenario({ scenario, action, scratch, registry, api, outputs }) {
  const temp = join(scratch, `action-${scenario.id}`);
  const workspace = join(temp, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const shas = gitRepo(workspace, scenario.commits);
  const files = { event: join(temp, 'event.json'), summary: join(temp, 'step-summary.md'), output: join(temp, 'output.txt') };
  writeFileSync(files.event, JSON.stringify(scenario.payload(shas)));
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const inputs = { registry: registry.url, token: 'ghs_test-token', ...scenario.inputs };
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: join(temp, 'home'),
    XDG_CACHE_HOME: join(temp, 'cache'),
    npm_config_userconfig: join(temp, 'home', '.npmrc'),
    npm_config_globalconfig: join(temp, 'global-npmrc'),
    QUARANTINE_NOW: DEMO_NOW,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: scenario.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '42',
    GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/quarantine.yml@refs/heads/main',
    GITHUB_API_URL: api.url,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  api.requests.length = 0;
  const run = await spawnNode([action], { cwd: temp, env });
  const prefix = `action/${scenario.id}`;
  outputs.set(`${prefix}/stdout.txt`, runText(run));
  outputs.set(`${prefix}/step-summary.md`, readFileSync(files.summary, 'utf8'));
  outputs.set(`${prefix}/outputs.txt`, readFileSync(files.output, 'utf8'));
  const report = join(temp, 'release-quarantine-report.json');
  if (existsSync(report)) outputs.set(`${prefix}/report.json`, readFileSync(report, 'utf8'));
  const sarif = join(workspace, scenario.inputs.sarif);
  if (existsSync(sarif)) outputs.set(`${prefix}/${relative(workspace, sarif).replaceAll('/', '-')}`, readFileSync(sarif, 'utf8'));
  // What the Action writes to GitHub (the comment); the reads before it are protocol, not output.
  const writes = api.requests.filter((request) => request.method !== 'GET');
  outputs.set(`${prefix}/api-writes.json`, `${JSON.stringify(writes, null, 2)}\n`);
}
