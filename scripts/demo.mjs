// `npm run demo`: gates examples/demo against its registry snapshot, offline. A fixture
// registry on 127.0.0.1 serves the snapshot over real HTTP, so the real code path runs; the
// clock is fixed to the snapshot's instant so the verdicts are the same on every run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_NOW, loadDemoDocuments } from './lib/demo-registry.mjs';
import { startFixtureRegistry } from './lib/fixture-registry.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli', 'main.js');
const registry = await startFixtureRegistry({ documents: loadDemoDocuments() });
const cacheDir = mkdtempSync(join(tmpdir(), 'quarantine-demo-'));

// The registry runs in this process, so the CLI must be spawned asynchronously.
async function run(args) {
  const shown = ['quarantine', ...args].join(' ');
  console.log(`\n$ ${shown}\n`);
  const child = spawn(process.execPath, [cli, ...args, '--registry', registry.url, '--now', DEMO_NOW, '--cache-dir', cacheDir], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, npm_config_userconfig: join(cacheDir, 'no-user-npmrc') },
  });
  const status = await new Promise((resolve) => child.on('close', resolve));
  console.log(`\n(exit code ${status})`);
  return status;
}

let failed = false;
try {
  console.log(`Demo: examples/demo, evaluated as of ${DEMO_NOW} against a local copy of its registry data.`);
  failed = (await run(['check', 'examples/demo'])) !== 1;
  failed = (await run(['why', 'event-pipe', 'examples/demo'])) !== 0 || failed;
} finally {
  await registry.close();
  rmSync(cacheDir, { recursive: true, force: true });
}
if (failed) {
  console.error('demo: the gate did not behave as the demo expects (check should exit 1, why 0)');
  process.exitCode = 1;
}
