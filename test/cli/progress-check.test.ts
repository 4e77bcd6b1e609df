/**
 * `check` in-process against the demo registry, with stderr a terminal: progress
 * ("fetched n/total") appears in text mode, never with --json (stdout stays one JSON
 * document and stderr stays empty), and never when stderr is not a terminal.
 */
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { REPO_ROOT } from '../support/cli.js';
import { testHost } from '../support/host.js';
import { demoArgs, useDemoRegistry } from '../support/demo-registry.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();

function terminal(stderrIsTty: boolean): CliIo & { out: string[]; err: string[] } {
  const home = makeTempDir('progress');
  let now = 0;
  return {
    ...testHost({
      env: { NO_COLOR: '1', npm_config_userconfig: join(home, 'npmrc'), npm_config_globalconfig: join(home, 'global-npmrc') },
      cwd: REPO_ROOT,
      homeDir: home,
    }),
    stdoutIsTty: false,
    stderrIsTty,
    now: () => (now += 1_000),
  };
}

const check = (io: CliIo, ...extra: string[]) =>
  main(['check', 'examples/demo', ...demoArgs(registryOf(), '--cache-dir', join(io.homeDir, 'cache'), ...extra)], io);

test('text mode on a terminal shows how many packages were fetched, on stderr, then clears it', async () => {
  const io = terminal(true);
  expect(await check(io)).toBe(1);
  expect(io.err.some((text) => /fetched \d+\/\d+ packages/.test(text))).toBe(true);
  expect(io.err.at(-1)).toBe('\r\u001b[2K');
  expect(io.out.join('')).not.toContain('fetched');
});

test('--json on a terminal: no progress anywhere, stdout is exactly one JSON document', async () => {
  const io = terminal(true);
  expect(await check(io, '--json')).toBe(1);
  expect(io.err).toEqual([]);
  expect(JSON.parse(io.out.join(''))).toMatchObject({ schemaVersion: 2 });
});

test('stderr not a terminal: no progress', async () => {
  const io = terminal(false);
  await check(io);
  expect(io.err).toEqual([]);
});
