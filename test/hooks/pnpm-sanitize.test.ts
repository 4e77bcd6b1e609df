/**
 * What the pnpm hook throws is what pnpm prints: untrusted strings (package names from the
 * lockfile, the lockfile's folder) must reach pnpm's terminal without escapes or line breaks,
 * so no escape sequence and no forged `ERR_PNPM_...` line gets through (issue 15), as the CLI,
 * the Action and the Bun scanner print them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureRegistry, type FixtureRegistry } from '../../scripts/lib/fixture-registry.mjs';
import { createPnpmHooks } from '../../src/hooks/pnpm.js';
import { testHost } from '../support/host.js';

const HOSTILE = 'evil\u001b[2J\u001b]0;owned\u0007\nERR_PNPM_FORGED everything is fine';
let dir: string;
let registry: FixtureRegistry;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarantine-pnpm-sanitize-'));
  registry = await startFixtureRegistry({ documents: {} });
});
afterEach(async () => {
  await registry.close();
  rmSync(dir, { recursive: true, force: true });
});

const lockfile = (name: string) => `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      ${JSON.stringify(name)}:
        specifier: 1.0.0
        version: 1.0.0
packages:
  ${JSON.stringify(`${name}@1.0.0`)}:
    resolution: {integrity: sha512-AAAA}
snapshots:
  ${JSON.stringify(`${name}@1.0.0`)}: {}
`;

type HookFailure = Error & { code?: string; hint?: string };

async function preResolutionError(lockfileDir: string): Promise<HookFailure | null> {
  const host = testHost({ cwd: dir, homeDir: dir, env: { npm_config_userconfig: join(dir, 'npmrc'), npm_config_globalconfig: join(dir, 'global-npmrc') } });
  const hooks = createPnpmHooks({ registry: registry.url, cacheDir: join(dir, 'cache') }, host);
  return hooks.preResolution({ lockfileDir }).then(() => null, (caught: unknown) => caught as HookFailure);
}

function expectPrintable(error: HookFailure | null, shown: string): void {
  expect(error?.code).toMatch(/^ERR_PNPM_RELEASE_QUARANTINE_(BLOCKED|UNDECIDED)$/);
  const printed = `${error?.message}\n${error?.hint ?? ''}`;
  expect(printed).toContain(shown);
  expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  expect(printed.split('\n').filter((line) => /^\s*ERR_PNPM_/.test(line))).toEqual([]);
}

it('a package name with escapes and a forged ERR_PNPM_ line', async () => {
  writeFileSync(join(dir, 'pnpm-lock.yaml'), lockfile(HOSTILE));
  // Before issue 15 the registry's refusal (400) made the gate undecided and named the package
  // raw; now the name is never requested (not an npm name) and blocks as missing.
  registry.setRoute(HOSTILE, { status: 400, body: '' });
  expectPrintable(await preResolutionError(dir), 'evil');
});

it('a lockfile folder whose name carries escapes and a forged line', async () => {
  const project = join(dir, 'checkout\u001b[2J\nERR_PNPM_FORGED all good');
  mkdirSync(project);
  writeFileSync(join(project, 'pnpm-lock.yaml'), 'lockfileVersion: 99\n');
  expectPrintable(await preResolutionError(project), 'checkout[2JERR_PNPM_FORGED all good');
  expect(registry.requests).toEqual([]);
});
