/**
 * Which package managers and update bots a project uses, from the files in its directory.
 * Pure: takes the files' text (lockfiles only need to exist; yarn.lock only its head).
 */
import type { DetectedTool, DetectedToolId } from '../model/init.js';
import { parseJsonText } from '../model/json-text.js';
import { isYarnBerryLockfile } from '../lockfile/lockfile-kind.js';
import { DEPENDABOT_FILES } from './dependabot.js';
import { invalidFile } from './invalid-file.js';

/** Files whose text detection and planning read in full. */
export const CONFIG_FILES = [
  'package.json',
  '.npmrc',
  'pnpm-workspace.yaml',
  '.yarnrc.yml',
  'bunfig.toml',
  ...DEPENDABOT_FILES,
] as const;

/** Renovate's own search order: it uses the first of these that exists. */
export const RENOVATE_FILES = [
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
] as const;

/** Files that only need to exist (lockfiles can be large). */
export const PRESENCE_FILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'] as const;

/** yarn.lock: the first bytes tell Yarn classic (`# yarn lockfile v1`) from Berry (`__metadata:`). */
export const YARN_LOCK = 'yarn.lock';
export const YARN_LOCK_HEAD_BYTES = 4096;

/** The project's files as read by the caller: path (relative, `/`-separated) to text. */
export type ProjectFiles = ReadonlyMap<string, string>;

export interface PackageJson {
  packageManager?: unknown;
  renovate?: unknown;
  quarantine?: unknown;
}

export function parsePackageJson(files: ProjectFiles): PackageJson | null {
  const text = files.get('package.json');
  if (text === undefined) return null;
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw invalidFile('package.json', parsed.message);
  const value = parsed.value;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as PackageJson) : {};
}

/** `pnpm@10.16.0+sha512...` -> `{name: 'pnpm', major: 10}`. */
function packageManagerField(pkg: PackageJson | null): { name: string; major: number } | null {
  const field = pkg?.packageManager;
  const match = typeof field === 'string' ? /^(npm|pnpm|yarn|bun)@(\d+)/.exec(field) : null;
  return match ? { name: match[1]!, major: Number(match[2]) } : null;
}

function present(files: ProjectFiles, names: readonly string[]): string[] {
  return names.filter((name) => files.has(name));
}

function yarnEvidence(files: ProjectFiles, field: { name: string; major: number } | null): DetectedTool | null {
  const berry = present(files, ['.yarnrc.yml']);
  const classic: string[] = [];
  const lock = files.get(YARN_LOCK);
  if (lock !== undefined) (isYarnBerryLockfile(lock) ? berry : classic).push(YARN_LOCK);
  if (field?.name === 'yarn') (field.major >= 2 ? berry : classic).push('package.json#packageManager');
  if (berry.length > 0) return { tool: 'yarn', evidence: [...berry, ...classic] };
  return classic.length > 0 ? { tool: 'yarn-classic', evidence: classic } : null;
}

/** Where Renovate reads its config: the first file in its search order, else package.json's `renovate` key. */
export function findRenovateConfig(files: ProjectFiles, pkg: PackageJson | null): { file: string; path: string[] } | null {
  const file = RENOVATE_FILES.find((name) => files.has(name));
  if (file) return { file, path: ['minimumReleaseAge'] };
  return pkg?.renovate !== undefined ? { file: 'package.json', path: ['renovate', 'minimumReleaseAge'] } : null;
}

export function findDependabotConfig(files: ProjectFiles): string | null {
  return DEPENDABOT_FILES.find((name) => files.has(name)) ?? null;
}

export function detectTools(files: ProjectFiles, pkg: PackageJson | null): DetectedTool[] {
  const field = packageManagerField(pkg);
  const fromField = (name: string) => (field?.name === name ? ['package.json#packageManager'] : []);
  const tools: DetectedTool[] = [];
  const add = (tool: DetectedToolId, evidence: string[]) => {
    if (evidence.length > 0) tools.push({ tool, evidence });
  };
  add('npm', [...present(files, ['package-lock.json', 'npm-shrinkwrap.json']), ...fromField('npm')]);
  add('pnpm', [...present(files, ['pnpm-lock.yaml', 'pnpm-workspace.yaml']), ...fromField('pnpm')]);
  const yarn = yarnEvidence(files, field);
  if (yarn) tools.push(yarn);
  add('bun', [...present(files, ['bun.lock', 'bun.lockb', 'bunfig.toml']), ...fromField('bun')]);
  const renovate = findRenovateConfig(files, pkg);
  if (renovate) add('renovate', [renovate.file === 'package.json' ? 'package.json#renovate' : renovate.file]);
  const dependabot = findDependabotConfig(files);
  if (dependabot) add('dependabot', [dependabot]);
  return tools;
}
