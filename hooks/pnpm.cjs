'use strict';
// `.pnpmfile.cjs` entry of release-quarantine (`require('release-quarantine/pnpm')`).
// pnpm loads pnpmfiles with require(), and Node 20 cannot require() ES modules, so this
// CommonJS shim exposes async hooks that import the ESM implementation (dist/hooks/pnpm.js)
// on first use. See docs/pnpm-and-bun-hooks.md.
//
//   module.exports = require('release-quarantine/pnpm');
//   module.exports = require('release-quarantine/pnpm').quarantineHooks({ policy: 'quarantine.json' });
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const BUILT = join(__dirname, '..', 'dist', 'hooks', 'pnpm.js');
const IMPLEMENTATION = pathToFileURL(BUILT).href;

// A clone or git checkout of release-quarantine that was never built (`prepare` builds dist/):
// one line saying so, at load time, rather than an import error at the first hook.
if (!existsSync(BUILT)) {
  const message = `release-quarantine in ${join(__dirname, '..')} is not built (no dist/): run \`npm install\` or \`npm run build\` there`;
  throw Object.assign(new Error(message), { stack: message });
}

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
