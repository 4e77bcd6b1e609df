import { describeCommand, planInstall, type InstallRequest } from '../../../src/app/install/plan.js';

const request = (manager: InstallRequest['manager'], packages: string[] = [], args: string[] = [], lockfiles: string[] = []): InstallRequest => ({
  manager,
  lockfiles,
  packages,
  args,
  scratchModulesFolder: '/tmp/scratch/node_modules',
});

describe('planInstall', () => {
  it('npm: resolves the lockfile only, with every script off, then installs with the same arguments', () => {
    const plan = planInstall(request({ name: 'npm', reason: 'default' }, ['canary@1.0.0'], ['--save-dev']));
    expect(plan.resolve).toEqual(['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', 'canary@1.0.0', '--save-dev']);
    expect(plan.install).toEqual(['install', '--save-dev']);
    expect(plan.lockfile).toBe('package-lock.json');
    expect(plan.projectFiles).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'npm-shrinkwrap.json']));
  });

  it('npm: gates npm-shrinkwrap.json when the project has one', () => {
    expect(planInstall(request({ name: 'npm', reason: 'x' }, [], [], ['npm-shrinkwrap.json'])).lockfile).toBe('npm-shrinkwrap.json');
  });

  it('pnpm: add with packages, install without; the real install is frozen to the gated lockfile', () => {
    const add = planInstall(request({ name: 'pnpm', reason: 'x' }, ['canary', 'left-pad@1'], ['-D']));
    expect(add.resolve).toEqual(['add', 'canary', 'left-pad@1', '--lockfile-only', '--ignore-scripts', '-D']);
    // `pnpm install -D` would mean "only devDependencies": add's arguments stay with add.
    expect(add.install).toEqual(['install', '--frozen-lockfile']);
    const install = planInstall(request({ name: 'pnpm', reason: 'x' }, [], ['--filter', 'app']));
    expect(install.resolve).toEqual(['install', '--lockfile-only', '--ignore-scripts', '--filter', 'app']);
    expect(install.install).toEqual(['install', '--frozen-lockfile', '--filter', 'app']);
    expect(install.lockfile).toBe('pnpm-lock.yaml');
  });

  it('Yarn Berry: --mode=update-lockfile, then --immutable', () => {
    const plan = planInstall(request({ name: 'yarn', yarnFlavor: 'berry', reason: 'x' }, ['canary']));
    expect(plan.flavor).toBe('yarn-berry');
    expect(plan.resolve).toEqual(['add', 'canary', '--mode=update-lockfile']);
    expect(plan.install).toEqual(['install', '--immutable']);
    expect(plan.projectFiles).toContain('.yarn/install-state.gz');
  });

  it('Yarn classic: scripts off, into a scratch modules folder, then --frozen-lockfile', () => {
    const plan = planInstall(request({ name: 'yarn', yarnFlavor: 'classic', reason: 'x' }));
    expect(plan.resolve).toEqual(['install', '--ignore-scripts', '--modules-folder', '/tmp/scratch/node_modules', '--non-interactive']);
    expect(plan.install).toEqual(['install', '--frozen-lockfile']);
    expect(plan.lockfile).toBe('yarn.lock');
  });

  it('Bun: --lockfile-only --ignore-scripts, then --frozen-lockfile', () => {
    const plan = planInstall(request({ name: 'bun', reason: 'x' }, ['canary@1.1.0']));
    expect(plan.resolve).toEqual(['add', 'canary@1.1.0', '--lockfile-only', '--ignore-scripts']);
    expect(plan.install).toEqual(['install', '--frozen-lockfile']);
    expect(plan.lockfile).toBe('bun.lock');
  });

  it('describes commands for messages, quoting what a shell would split', () => {
    expect(describeCommand('pnpm', ['add', 'canary@^1.0.0', '--lockfile-only'])).toBe('pnpm add canary@^1.0.0 --lockfile-only');
    expect(describeCommand('npm', ['install', 'a b'])).toBe('npm install "a b"');
  });
});
