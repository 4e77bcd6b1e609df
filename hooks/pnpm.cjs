'use strict';
// `.pnpmfile.cjs` entry of release-quarantine (`require('release-quarantine/pnpm')`).
// pnpm loads pnpmfiles with require(), and Node 20 cannot require() ES modules, so this
// CommonJS shim exposes async hooks that import the ESM implementation (dist/hooks/pnpm.js)
// on first use. See docs/pnpm-and-bun-hooks.md.
//
//   module.exports = require('release-quarantine/pnpm');
//   module.exports = require('release-quarantine/pnpm').quarantineHooks({ policy: 'quarantine.json' });
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const IMPLEMENTATION = pathToFileURL(join(__dirname, '..', 'dist', 'hooks', 'pnpm.js')).href;

/** pnpmfile exports (`{ hooks }`) gating installs with the given options (see HookOptions). */
function quarantineHooks(options = {}) {
  let loaded;
  const hooks = () => (loaded ??= import(IMPLEMENTATION).then((module) => module.createPnpmHooks(options)));
  return {
    hooks: {
      async preResolution(context, logger) {
        return (await hooks()).preResolution(context, logger);
      },
      async afterAllResolved(lockfile, context) {
        return (await hooks()).afterAllResolved(lockfile, context);
      },
    },
  };
}

module.exports = { ...quarantineHooks(), quarantineHooks };
