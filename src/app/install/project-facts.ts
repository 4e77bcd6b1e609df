/** What `quarantine install` needs to know about a project before choosing a package manager. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ERROR_CODES } from '../../model/constants.js';
import { fileReadProblem, QuarantineError } from '../../model/errors.js';
import type { ProjectFacts } from './detect.js';
import { isFile, lockfileNamesIn } from '../../lockfile/read-lockfile.js';
import { isYarnBerryLockfile } from '../../lockfile/yarn-berry-document.js';

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
    throw new QuarantineError(ERROR_CODES.usage, `${manifestPath}: ${fileReadProblem(error)}`, { hint: 'run it in a project directory, or pass the directory (`quarantine install --dir <dir>`, `quarantine fix <dir>`)' });
  }
  const lockfiles = await lockfileNamesIn(dir);
  const yarnLock = lockfiles.includes('yarn.lock') ? (await readFile(join(dir, 'yarn.lock'), 'utf8')).slice(0, 4096) : undefined;
  return {
    lockfiles,
    packageManagerField: packageManagerField(manifest, manifestPath),
    ...(yarnLock === undefined ? {} : { yarnLockIsBerry: isYarnBerryLockfile(yarnLock) }),
    hasYarnrcYml: await isFile(join(dir, '.yarnrc.yml')),
  };
}
