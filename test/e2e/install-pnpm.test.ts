/** `quarantine install` with the real pnpm 10 (devDependency) against a local registry. */
import { join } from 'node:path';
import { PACKAGE_MANAGER_BINARIES } from '../support/install-world.js';
import { describeInstallHook } from '../support/install-scenarios.js';

describeInstallHook({
  title: 'quarantine install with pnpm',
  binary: PACKAGE_MANAGER_BINARIES.pnpm,
  files: (registry, root) => ({
    '.npmrc': `registry=${registry}\nstore-dir=${join(root, 'pnpm-store')}\ncache-dir=${join(root, 'pnpm-cache')}\n`,
  }),
  // pnpm 10 runs no dependency script unless allowed: the control must allow the canary's.
  manifest: { pnpm: { onlyBuiltDependencies: ['canary'] } },
  setup: ['install'],
  lockfile: 'pnpm-lock.yaml',
});
