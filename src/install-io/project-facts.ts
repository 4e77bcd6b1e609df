/** What `quarantine install` needs to know about a project before choosing a package manager. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CODES } from '../core/constants.js';
import { fileReadProblem, QuarantineError } from '../core/errors.js';
import type { ProjectFacts } from '../install/detect.js';
import { LOCKFILE_NAMES } from '../lockfile/formats.js';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function packageManagerField(text: string, path: string): string | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new QuarantineError(ERROR_CODES.usage, `${path}: not valid JSON`);
  }
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const field = (manifest as Record<string, unknown>)['packageManager'];
  return typeof field === 'string' ? field : undefined;
}

export async function readProjectFacts(dir: string): Promise<Omit<ProjectFacts, 'override'>> {
  const manifestPath = join(dir, 'package.json');
  let manifest: string;
  try {
    manifest = await readFile(manifestPath, 'utf8');
  } catch (error) {
    throw new QuarantineError(ERROR_CODES.usage, `${manifestPath}: ${fileReadProblem(error)}`, { hint: 'run `quarantine install` in a project directory, or pass --dir' });
  }
  const lockfiles: string[] = [];
  for (const name of LOCKFILE_NAMES) if (await isFile(join(dir, name))) lockfiles.push(name);
  const yarnLock = lockfiles.includes('yarn.lock') ? (await readFile(join(dir, 'yarn.lock'), 'utf8')).slice(0, 4096) : undefined;
  return {
    lockfiles,
    packageManagerField: packageManagerField(manifest, manifestPath),
    ...(yarnLock === undefined ? {} : { yarnLockIsBerry: /^__metadata:/m.test(yarnLock) }),
    hasYarnrcYml: await isFile(join(dir, '.yarnrc.yml')),
  };
}
