// release-quarantine gates every pnpm install (docs/pnpm-and-bun-hooks.md).
// On a fresh clone it is not installed yet: say so in one line instead of a require stack.
try {
  module.exports = require('release-quarantine/pnpm');
} catch (error) {
  if (error.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes("'release-quarantine/pnpm'")) throw error;
  const message = 'release-quarantine is not installed yet (a fresh clone?): run `pnpm install --frozen-lockfile --ignore-pnpmfile --ignore-scripts`, then `pnpm exec quarantine check`, then `pnpm install`';
  throw Object.assign(new Error(message), { stack: message });
}
