/**
 * The library API (src/index.ts) as a user gets it: the built package imported by its name
 * (`import('release-quarantine')`, Node's package self-reference through package.json
 * `exports`), in a child process. Its reports must equal what the CLI prints with --json.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv, REPO_ROOT, runCli } from './support/cli.js';
import { DEMO_NOW, demoArgs, useDemoRegistry } from './support/demo-registry.js';
import { makeTempDir } from './support/temp.js';

const registryOf = useDemoRegistry();

/** Runs `body` (an async function body given `q`, the imported package, and `args`) by name. */
function byName(body: string, args: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `const q = await import('release-quarantine');\nconst args = JSON.parse(process.argv[1]);\n${body}`;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(args)], { cwd: REPO_ROOT, env: isolatedEnv() }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('package.json main, types and exports["."] name built files', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; types: string; exports: Record<string, string> };
  expect(manifest.exports['.']).toBe(`./${manifest.main}`);
  for (const file of [manifest.main, manifest.types]) expect(existsSync(join(REPO_ROOT, file))).toBe(true);
});

test('check, why and ls, imported by name, return what check --json, why --json and ls --json print', async () => {
  const registry = registryOf();
  const cli = async (...args: string[]) => {
    const result = await runCli(args);
    expect(result.stderr).toBe('');
    return JSON.parse(result.stdout) as unknown;
  };
  const [check, why, ls] = await Promise.all([
    cli('check', '--json', 'examples/demo', ...demoArgs(registry, '--cache-dir', makeTempDir('api-cli'))),
    cli('why', '--json', 'event-pipe@2.4.0', 'examples/demo', ...demoArgs(registry, '--cache-dir', makeTempDir('api-cli'))),
    cli('ls', '--json', 'examples/demo'),
  ]);
  const run = await byName(
    [
      "const options = { dir: 'examples/demo', registry: args.registry, now: args.now, cacheDir: args.cacheDir };",
      "const check = await q.check(options);",
      "const why = await q.why('event-pipe@2.4.0', options);",
      "const ls = await q.ls({ dir: 'examples/demo' });",
      "process.stdout.write(JSON.stringify({ resolved: import.meta.resolve('release-quarantine'), check, why, ls }));",
    ].join('\n'),
    { registry: registry.url, now: DEMO_NOW, cacheDir: makeTempDir('api') },
  );
  expect(run.stderr).toBe('');
  const api = JSON.parse(run.stdout) as { resolved: string; check: unknown; why: unknown; ls: unknown };
  expect(api.resolved).toBe(`file://${join(REPO_ROOT, 'dist', 'index.js')}`);
  expect(api.check).toEqual(check);
  expect(api.why).toEqual(why);
  expect(api.ls).toEqual(ls);
  // The demo's verdicts, so equality is not two empty documents.
  expect(check).toMatchObject({ summary: { blocked: 3 } });
});

test('bad input throws a QuarantineError with a one-line message, like the CLI', async () => {
  const run = await byName(
    [
      'const errors = [];',
      "for (const call of [() => q.why('not a name'), () => q.check({ registry: 'ftp://x', now: args.now }), () => q.check({ now: 'yesterday' })]) {",
      '  try { await call(); errors.push(null); } catch (error) { errors.push({ quarantine: q.isQuarantineError(error), message: error.message }); }',
      '}',
      'process.stdout.write(JSON.stringify(errors));',
    ].join('\n'),
    { now: DEMO_NOW },
  );
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([
    { quarantine: true, message: '"not a name" is not a package name: expected <name> or <name>@<version>' },
    { quarantine: true, message: 'registry: expected an http(s) URL, got "ftp:" URL' },
    { quarantine: true, message: 'now: expected an ISO 8601 time like 2026-11-20T12:00:00Z, got "yesterday"' },
  ]);
});
