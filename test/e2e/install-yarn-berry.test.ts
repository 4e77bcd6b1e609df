/** `quarantine install` with the real Yarn Berry 4 (devDependency) against a local registry. */
import { join } from 'node:path';
import { PACKAGE_MANAGER_BINARIES } from '../support/install-world.js';
import { describeInstallHook } from '../support/install-scenarios.js';

describeInstallHook({
  title: 'quarantine install with Yarn Berry',
  binary: PACKAGE_MANAGER_BINARIES.yarnBerry,
  files: (registry, root) => ({
    '.yarnrc.yml': [
      `npmRegistryServer: "${registry.replace(/\/$/, '')}"`,
      'unsafeHttpWhitelist: ["127.0.0.1"]',
      'enableGlobalCache: false',
      `cacheFolder: "${join(root, 'yarn-berry-cache')}"`,
      'nodeLinker: node-modules',
      // Explicit, so the control below shows the canary's scripts really run under Yarn.
      'enableScripts: true',
      'enableTelemetry: false',
      '',
    ].join('\n'),
  }),
  setup: ['install'],
  lockfile: 'yarn.lock',
  resolveFetchesTarballs: true,
  // quarantine reads the registry from .npmrc; a Berry project names it in .yarnrc.yml.
  quarantineArgs: (registry) => ['--registry', registry],
  env: { QUARANTINE_YARN: PACKAGE_MANAGER_BINARIES.yarnBerry },
});
