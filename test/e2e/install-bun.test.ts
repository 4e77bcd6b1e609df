/** `quarantine install` with the real Bun 1.4 (devDependency, native binary) against a local registry. */
import { PACKAGE_MANAGER_BINARIES } from '../support/install-world.js';
import { describeInstallHook } from '../support/install-scenarios.js';

describeInstallHook({
  title: 'quarantine install with Bun',
  binary: PACKAGE_MANAGER_BINARIES.bun,
  files: (registry) => ({ 'bunfig.toml': `[install]\nregistry = "${registry}"\n` }),
  // Bun runs no dependency script unless trusted: the control must trust the canary.
  manifest: { trustedDependencies: ['canary'] },
  setup: ['install'],
  lockfile: 'bun.lock',
  // quarantine reads the registry from .npmrc; a Bun project may name it in bunfig.toml only.
  quarantineArgs: (registry) => ['--registry', registry],
});
