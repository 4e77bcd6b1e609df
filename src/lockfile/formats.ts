/**
 * Which reader handles a lockfile: by file name, then by content for names we do not know
 * (a lockfile passed with --lockfile under another name). Pure: text in, Lockfile out.
 */
import { basename } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { Lockfile, PackageManagerCommand } from '../model/types.js';
import { bunLockbError, parseBunLockfile } from './bun.js';
import { parseNpmLockfile } from './npm.js';
import { parsePnpmLockfile } from './pnpm.js';
import { isYarnBerryLockfile, parseYarnBerryLockfile } from './yarn-berry.js';
import { parseYarnClassicLockfile } from './yarn-classic.js';

/** Lockfile names in the order they are reported. */
export const LOCKFILE_NAMES = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'] as const;

/** Which reader a lockfile name calls for: one per package-manager command, and Bun's binary lockfile. */
type Format = PackageManagerCommand | 'bun-binary';

const FORMAT_BY_NAME: Record<string, Format> = {
  'npm-shrinkwrap.json': 'npm',
  'package-lock.json': 'npm',
  'pnpm-lock.yaml': 'pnpm',
  'yarn.lock': 'yarn',
  'bun.lock': 'bun',
  'bun.lockb': 'bun-binary',
};

function sniffFormat(text: string): Format | null {
  const head = text.slice(0, 2048);
  if (head.includes('# yarn lockfile v1') || /^__metadata:/m.test(head)) return 'yarn';
  if (/^lockfileVersion:/m.test(head) || /^---\s*$/m.test(head)) return 'pnpm';
  if (/"workspaces"\s*:/.test(head) && /"lockfileVersion"\s*:\s*\d/.test(text)) return 'bun';
  if (/"lockfileVersion"\s*:/.test(text.slice(0, 65536))) return 'npm';
  return null;
}

export interface LockfileInput {
  path: string;
  text: string;
  /** The root package.json next to the lockfile, when there is one (npm v1, Yarn classic). */
  packageJson?: string | undefined;
}

/**
 * Whether a lockfile is Yarn Berry's, without parsing it: the registry configuration of a
 * Berry project is read from `.yarnrc.yml` (app/inputs.ts), which the reused-verdict path
 * needs to know before it decides whether to parse anything.
 */
export function isYarnBerryInput(input: LockfileInput): boolean {
  return (FORMAT_BY_NAME[basename(input.path)] ?? sniffFormat(input.text)) === 'yarn' && isYarnBerryLockfile(input.text);
}

export function parseLockfile(input: LockfileInput): Lockfile {
  const { path, text, packageJson } = input;
  const format = FORMAT_BY_NAME[basename(path)] ?? sniffFormat(text);
  const withPackageJson = packageJson === undefined ? { path } : { path, packageJson };
  switch (format) {
    case 'npm':
      return parseNpmLockfile(text, withPackageJson);
    case 'pnpm':
      return parsePnpmLockfile(text, { path });
    case 'yarn':
      return isYarnBerryLockfile(text) ? parseYarnBerryLockfile(text, withPackageJson) : parseYarnClassicLockfile(text, withPackageJson);
    case 'bun':
      return parseBunLockfile(text, { path });
    case 'bun-binary':
      throw bunLockbError(path);
    default:
      throw new QuarantineError(ERROR_CODES.lockfileUnsupported, `${path}: not a lockfile this tool can read`, {
        hint: `expected one of ${LOCKFILE_NAMES.join(', ')}`,
      });
  }
}
