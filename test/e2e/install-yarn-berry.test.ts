/** `quarantine install` with the real Yarn Berry 4 (devDependency) against a local registry. */
import { PACKAGE_MANAGER_BINARIES } from '../support/install-world.js';
import { describeInstallHook } from '../support/install-scenarios.js';
import { yarnBerryRc } from '../support/package-manager-projects.js';

describeInstallHook({
  title: 'quarantine install with Yarn Berry',
  binary: PACKAGE_MANAGER_BINARIES.yarnBerry,
  files: (registry, root) => ({
    // enableScripts explicit, so the control below shows the canary's scripts really run under Yarn.
    '.yarnrc.yml': yarnBerryRc(registry, root, ['enableScripts: true']),
  }),
  setup: ['install'],
  lockfile: 'yarn.lock',
  resolveFetchesTarballs: true,
  // quarantine reads the registry from .npmrc; a Berry project names it in .yarnrc.yml.
  quarantineArgs: (registry) => ['--registry', registry],
  env: { QUARANTINE_YARN: PACKAGE_MANAGER_BINARIES.yarnBerry },
});
