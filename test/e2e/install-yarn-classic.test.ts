/** `quarantine install` with the real Yarn classic 1.22 (devDependency) against a local registry. */
import { PACKAGE_MANAGER_BINARIES } from '../support/install-world.js';
import { describeInstallHook } from '../support/install-scenarios.js';

describeInstallHook({
  title: 'quarantine install with Yarn classic',
  binary: PACKAGE_MANAGER_BINARIES.yarnClassic,
  // Yarn classic reads both; quarantine reads .npmrc.
  files: (registry) => ({ '.yarnrc': `registry "${registry}"\n`, '.npmrc': `registry=${registry}\n` }),
  setup: ['install', '--non-interactive'],
  lockfile: 'yarn.lock',
  resolveFetchesTarballs: true,
  env: { QUARANTINE_YARN: PACKAGE_MANAGER_BINARIES.yarnClassic },
});
