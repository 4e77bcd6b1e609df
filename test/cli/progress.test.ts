import type { CliIo } from '../../src/cli/io.js';
import { colorWanted } from '../../src/cli/io.js';
import { createProgress } from '../../src/cli/progress.js';
import { testHost } from '../support/host.js';

function io(overrides: Partial<CliIo> = {}): CliIo & { err: string[] } {
  let now = 0;
  return {
    ...testHost({ homeDir: '/home/x' }),
    stdoutIsTty: true,
    stderrIsTty: true,
    now: () => (now += 50),
    ...overrides,
  };
}

test('progress goes to stderr on a terminal, throttled, and is cleared', () => {
  const terminal = io();
  const progress = createProgress(terminal, true);
  for (let done = 1; done <= 10; done++) progress.update(done, 10);
  progress.clear();
  expect(terminal.err.length).toBeGreaterThan(1);
  expect(terminal.err.length).toBeLessThan(10);
  expect(terminal.err).toContain('\r\u001b[2Kquarantine: fetched 10/10 packages');
  expect(terminal.err.at(-1)).toBe('\r\u001b[2K');
});

test('no progress when stderr is not a terminal or when disabled (--json)', () => {
  const piped = io({ stderrIsTty: false });
  createProgress(piped, true).update(1, 1);
  const json = io();
  createProgress(json, false).update(1, 1);
  expect(piped.err).toEqual([]);
  expect(json.err).toEqual([]);
});

test('colour only on a terminal, never with NO_COLOR or TERM=dumb', () => {
  expect(colorWanted(io())).toBe(true);
  expect(colorWanted(io({ stdoutIsTty: false }))).toBe(false);
  expect(colorWanted(io({ env: { NO_COLOR: '1' } }))).toBe(false);
  expect(colorWanted(io({ env: { TERM: 'dumb' } }))).toBe(false);
});
