/** `quarantine install` with the real npm (on PATH) against a local registry. */
import { describeInstallHook } from '../support/install-scenarios.js';

describeInstallHook({
  title: 'quarantine install with npm',
  binary: 'npm',
  files: (registry) => ({ '.npmrc': `registry=${registry}\n` }),
  setup: ['install', '--no-audit', '--no-fund'],
  lockfile: 'package-lock.json',
});
