// The GitHub Action bundle: its size, and its cold start (a fresh `node dist/action/index.js`
// process on a small pull request that changes no lockfile entry, so no registry request is
// made: start-up, git, lockfile parsing and reporting only). Median of N runs after one
// warm-up. Prints a short table and a `BENCH_ACTION_JSON {...}` line.
//
//   node scripts/bench/action-bundle.mjs [--runs 9]
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(opts.runs);
const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = join(root, 'dist/action/index.js');
const bytes = statSync(bundle).size;

const work = mkdtempSync(join(tmpdir(), 'quarantine-bench-action-'));
const repo = join(work, 'repo');
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.invalid', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.invalid', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (...args) => execFileSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' }).trim();
execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo], { env: gitEnv });
copyFileSync(join(root, 'examples/demo/package.json'), join(repo, 'package.json'));
copyFileSync(join(root, 'examples/demo/package-lock.json'), join(repo, 'package-lock.json'));
git('add', '--all');
git('commit', '--quiet', '-m', 'base');
const base = git('rev-parse', 'HEAD');
writeFileSync(join(repo, 'README.md'), 'docs only\n');
git('add', '--all');
git('commit', '--quiet', '-m', 'docs');
const eventPath = join(work, 'event.json');
writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 1, base: { sha: base, repo: { full_name: 'b/b' } }, head: { repo: { full_name: 'b/b' } } } }));

const env = {
  PATH: process.env.PATH ?? '',
  HOME: join(work, 'home'),
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: eventPath,
  GITHUB_WORKSPACE: repo,
  GITHUB_REPOSITORY: 'b/b',
  RUNNER_TEMP: work,
  INPUT_COMMENT: 'false',
  INPUT_REGISTRY: 'http://127.0.0.1:9/',
};

function once() {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    execFile(process.execPath, [bundle], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the Action failed: ${stdout}${stderr}`));
      else resolve(performance.now() - start);
    });
  });
}

await once();
const times = [];
for (let i = 0; i < runs; i++) times.push(await once());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
rmSync(work, { recursive: true, force: true });

console.log('\nGitHub Action bundle (dist/action/index.js)');
console.log(`  size         ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`);
console.log(`  cold start   ${median.toFixed(0)} ms median of ${runs} runs (min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)}), node ${process.version}`);
console.log(`BENCH_ACTION_JSON ${JSON.stringify({ bytes, kib: Number((bytes / 1024).toFixed(1)), coldStartMs: Math.round(median), runs, node: process.version })}`);
