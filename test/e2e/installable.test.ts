/**
 * "Installable today" (issue 16): the package as `npm pack` makes it runs `quarantine check`
 * from a project's node_modules, offline against a local registry, and the pnpm hook fails in
 * one line where it cannot load (a fresh clone without node_modules; an unbuilt checkout).
 * The tarball's dependencies come from this repository's node_modules (tests never reach a
 * registry); `npm install ./release-quarantine-0.1.0.tgz` itself is documented and was run by
 * hand (README "Install").
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { DEMO_NOW, demoDocuments } from '../support/demo-registry.js';
import { createInstallProject, REPO_ROOT } from '../support/install-project.js';
import { makeTempDir } from '../support/temp.js';

const PNPM = join(REPO_ROOT, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
const EXAMPLE_PNPMFILE = readFileSync(join(REPO_ROOT, 'examples', 'pnpm', '.pnpmfile.cjs'), 'utf8');
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };

describe('the packed package', () => {
  let registry: FixtureRegistry;
  let files: string[];
  let app: string;

  beforeAll(async () => {
    registry = await startFixtureRegistry({ documents: demoDocuments() });
    const scratch = makeTempDir('packed');
    // dist/ is built by `pretest`; `prepare` would build it again.
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } }),
    ) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((file) => file.path);
    app = join(scratch, 'app');
    const installed = join(app, 'node_modules', manifest.name);
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, packed!.filename), '-C', installed, '--strip-components=1']);
    // What npm would install next to it: the runtime dependencies.
    for (const name of Object.keys(manifest.dependencies)) {
      mkdirSync(join(app, 'node_modules', name, '..'), { recursive: true });
      symlinkSync(join(REPO_ROOT, 'node_modules', name), join(app, 'node_modules', name));
    }
    mkdirSync(join(app, 'node_modules', '.bin'));
    chmodSync(join(installed, 'dist', 'cli', 'main.js'), 0o755); // as npm does for a `bin`
    symlinkSync(join('..', manifest.name, 'dist', 'cli', 'main.js'), join(app, 'node_modules', '.bin', 'quarantine'));
    mkdirSync(join(app, 'demo'));
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(REPO_ROOT, 'examples', 'demo', file), join(app, 'demo', file));
  }, 120_000);
  afterAll(async () => {
    await registry.close();
  });

  it('holds the built CLI, the hooks and the policies, and no sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/cli/main.js', 'dist/hooks/pnpm.js', 'dist/hooks/bun-scanner.js', 'hooks/pnpm.cjs', 'policies/schema.json', 'package.json', 'README.md']));
    expect(files.filter((path) => /^(src|test|scripts|examples)\//.test(path))).toEqual([]);
  });

  it('`npx quarantine check` runs from node_modules, offline, against a local registry', async () => {
    // Asynchronously: the fixture registry answers from this process.
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'npx',
        ['--offline', '--no-install', 'quarantine', 'check', 'demo', '--registry', registry.url, '--now', DEMO_NOW],
        { cwd: app, env: { PATH: process.env['PATH'] ?? '', HOME: join(app, '..'), NO_COLOR: '1', npm_config_update_notifier: 'false' } },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
    });
    expect(result).toMatchObject({ code: 1, stderr: '' });
    expect(result.stdout).toMatch(/^BLOCK {2}quick-format@3\.1\.1 /m);
    expect(result.stdout).toContain('9 packages: 4 allowed, 2 warned, 3 blocked.');
  });
});

describe('the pnpm hook where it cannot load', () => {
  const pnpmInstall = async (pnpmfile: string) => {
    const project = createInstallProject({ 'package.json': '{ "name": "fresh", "version": "1.0.0" }\n', '.pnpmfile.cjs': pnpmfile });
    const result = await project.run(PNPM, ['install', '--offline', `--config.store-dir=${join(project.scratch, 'store')}`, '--config.update-notifier=false'], 60_000);
    return { ...result, project };
  };

  it('a fresh clone (release-quarantine not installed): one line saying what to run, no require stack', async () => {
    const result = await pnpmInstall(EXAMPLE_PNPMFILE);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(
      'release-quarantine is not installed yet (a fresh clone?): run `pnpm install --frozen-lockfile --ignore-pnpmfile --ignore-scripts`, then `pnpm exec quarantine check`, then `pnpm install`',
    );
    expect(result.output).not.toContain('Require stack');
    expect(result.output).not.toMatch(/\n\s+at /);
    expect(existsSync(join(result.project.dir, 'node_modules'))).toBe(false);
  }, 90_000);

  it('an unbuilt checkout (hooks/pnpm.cjs without dist/): one line naming the folder to build', async () => {
    const checkout = makeTempDir('unbuilt');
    mkdirSync(join(checkout, 'hooks'));
    copyFileSync(join(REPO_ROOT, 'hooks', 'pnpm.cjs'), join(checkout, 'hooks', 'pnpm.cjs'));
    const result = await pnpmInstall(EXAMPLE_PNPMFILE.replace(`require('release-quarantine/pnpm')`, `require(${JSON.stringify(join(checkout, 'hooks', 'pnpm.cjs'))})`));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`release-quarantine in ${checkout} is not built (no dist/): run \`npm install\` or \`npm run build\` there`);
    expect(result.output).not.toMatch(/\n\s+at /);
  }, 90_000);
});
