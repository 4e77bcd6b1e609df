/**
 * Scratch folders for tests: `quarantine-<label>-XXXXXX` in the temp directory, removed after
 * each test file by test/support/remove-temp-dirs.ts (jest `setupFilesAfterEnv`), so a full
 * run leaves nothing behind (.ci/run counts them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created: string[] = [];

/** A new empty folder, removed when the test file ends. */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `quarantine-${label}-`));
  created.push(dir);
  return dir;
}

/** Removes every folder made so far by makeTempDir. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
