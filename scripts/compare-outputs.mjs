// Are the user-visible outputs unchanged? (issue 13: the layering must not change behaviour.)
// See scripts/lib/output-cases.mjs for what is run and what is normalised.
//
//   node scripts/compare-outputs.mjs                      this tree vs test/fixtures/golden/
//   node scripts/compare-outputs.mjs --against <commit>   this tree vs <commit>, built in a temp folder
//   node scripts/compare-outputs.mjs --write <commit>     (re)writes test/fixtures/golden/ from <commit>
//
// This tree must be built first (`npm run build && npm run build:action`). A commit is
// extracted with `git archive` into a `quarantine-baseline-*` temp folder, linked to this
// tree's node_modules, built there, and removed afterwards.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectOutputs } from './lib/output-cases.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const goldenDir = join(root, 'test', 'fixtures', 'golden');

/** test/fixtures/golden/ as file -> text. */
export function readGolden(dir = goldenDir) {
  const files = new Map();
  const walk = (sub) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (path !== 'README.md') files.set(path, readFileSync(join(dir, path), 'utf8'));
    }
  };
  walk('');
  return files;
}

async function outputsOfCommit(commit) {
  const dir = mkdtempSync(join(tmpdir(), 'quarantine-baseline-'));
  try {
    execFileSync('sh', ['-c', `git -C "${root}" archive "${commit}" | tar -x -C "${dir}"`], { stdio: 'inherit' });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: dir, stdio: 'inherit' });
    execFileSync('npm', ['run', '--silent', 'build:action'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    return await collectOutputs(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Names of the files that differ, with the first differing line of each. */
function differences(expected, actual) {
  const out = [];
  for (const file of new Set([...expected.keys(), ...actual.keys()])) {
    const a = expected.get(file);
    const b = actual.get(file);
    if (a === b) continue;
    if (a === undefined || b === undefined) {
      out.push(`${file}: only ${a === undefined ? 'in this tree' : 'in the expected outputs'}`);
      continue;
    }
    const left = a.split('\n');
    const right = b.split('\n');
    const line = left.findIndex((text, index) => text !== right[index]);
    const at = line === -1 ? left.length : line;
    out.push(`${file}:${at + 1}\n  expected: ${left[at] ?? '(end of file)'}\n  actual:   ${right[at] ?? '(end of file)'}`);
  }
  return out;
}

async function main(argv) {
  const [flag, commit] = argv;
  if (flag === '--write') {
    if (!commit) throw new Error('--write needs a commit');
    const outputs = await outputsOfCommit(commit);
    rmSync(goldenDir, { recursive: true, force: true });
    for (const [file, text] of outputs) {
      mkdirSync(dirname(join(goldenDir, file)), { recursive: true });
      writeFileSync(join(goldenDir, file), text);
    }
    writeFileSync(join(goldenDir, 'README.md'), [
      `# Golden outputs (from commit ${execFileSync('git', ['-C', root, 'rev-parse', '--short', commit], { encoding: 'utf8' }).trim()})`,
      '',
      'What `check --json`, `why --json`, `ls --json`, `check` (text) and the Action printed and wrote',
      'before the layering of issue 13. Written by `node scripts/compare-outputs.mjs --write <commit>`;',
      'compared by test/e2e/golden-outputs.test.ts. Normalised: registry and stub API ports',
      '(`<registry>`, `<api>`), temp folders (`<temp>`) and the tree\'s own path (`<root>`).',
      '',
    ].join('\n'));
    console.log(`wrote ${outputs.size} files to ${relative(root, goldenDir)}`);
    return 0;
  }
  const actual = await collectOutputs(root);
  const expected = flag === '--against' ? await outputsOfCommit(commit ?? 'HEAD') : readGolden();
  const diff = differences(expected, actual);
  const what = flag === '--against' ? commit : relative(root, goldenDir);
  if (diff.length === 0) {
    console.log(`${actual.size} outputs compared with ${what}: all identical`);
    return 0;
  }
  console.log(`${diff.length} of ${actual.size} outputs differ from ${what}:\n${diff.join('\n')}`);
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      console.error(`compare-outputs: ${error.message.split('\n')[0]}`);
      process.exitCode = 2;
    },
  );
}
