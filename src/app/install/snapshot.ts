/**
 * Byte-exact snapshots of the project files a resolution may write, and their restoration.
 * A file that did not exist is deleted again; a folder the resolution created is removed
 * when it is empty again. Restoration is synchronous so a signal handler can run it.
 */
import { readFileSync, rmdirSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface FileState {
  /** Absolute path. */
  path: string;
  /** The bytes, or null when the file did not exist. */
  bytes: Buffer | null;
  mode: number | null;
}

export interface ProjectSnapshot {
  dir: string;
  files: FileState[];
  /** Folders (absolute) that did not exist: removed on restore when empty. */
  missingDirs: string[];
}

function readState(path: string): FileState {
  try {
    const bytes = readFileSync(path);
    return { path, bytes, mode: statSync(path).mode & 0o7777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, bytes: null, mode: null };
    throw error;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

export function snapshotFiles(dir: string, relativePaths: readonly string[]): ProjectSnapshot {
  const files = relativePaths.map((relative) => readState(join(dir, relative)));
  const missingDirs = [...new Set(files.map((file) => dirname(file.path)))].filter((folder) => folder !== dir && !exists(folder));
  return { dir, files, missingDirs };
}

/** The snapshot's bytes of `relative`, or null when it did not exist (or is not tracked). */
export function snapshotText(snapshot: ProjectSnapshot, relative: string): string | null {
  const state = snapshot.files.find((file) => file.path === join(snapshot.dir, relative));
  return state?.bytes ? state.bytes.toString('utf8') : null;
}

/** Puts every file back as it was; rewrites only files whose bytes differ. */
export function restoreSnapshot(snapshot: ProjectSnapshot): void {
  for (const file of snapshot.files) {
    const now = readState(file.path);
    if (file.bytes === null) {
      if (now.bytes !== null) rmSync(file.path, { force: true });
      continue;
    }
    if (now.bytes === null || !now.bytes.equals(file.bytes)) writeFileSync(file.path, file.bytes, { mode: file.mode ?? 0o644 });
  }
  for (const folder of snapshot.missingDirs) {
    try {
      if (readdirSync(folder).length === 0) rmdirSync(folder);
    } catch {
      // Gone already, or not a folder: nothing of ours to remove.
    }
  }
}
