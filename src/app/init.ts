/**
 * The I/O of `quarantine init`: reads the known config files in the project directory, plans
 * with src/settings (pure), writes the starter policy and, with `write`, the native settings.
 * Everything is planned before anything is written, so a file that cannot be parsed stops init
 * with nothing changed. Prints nothing.
 */
import { constants } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { fileReadProblem, QuarantineError } from '../model/errors.js';
import type { InitReport, InitSetting } from '../model/init.js';
import type { Instant } from '../model/types.js';
import { CONFIG_FILES, PRESENCE_FILES, RENOVATE_FILES, YARN_LOCK, YARN_LOCK_HEAD_BYTES } from '../settings/detect.js';
import { invalidFile } from '../settings/invalid-file.js';
import { readRegularFile } from '../lockfile/regular-file.js';
import { findBotWindowShortfalls } from '../settings/bot-windows.js';
import { planNativeSettings } from '../settings/plan.js';
import { starterPolicyText } from '../config/edit-policy.js';
import { STARTER_POLICY_FILE } from '../config/policy-files.js';
import { loadPolicy, readPreset } from '../config/read-policy.js';
import type { PresetName } from '../config/schema.js';

export interface InitOptions {
  dir: string;
  /** Apply the native settings (the starter policy is written either way). */
  write: boolean;
  /** The preset the starter policy extends (and whose window applies) when the project has no policy. */
  preset: PresetName;
  now: Instant;
  /** This release of quarantine: the preinstall gate init writes runs exactly it. */
  selfVersion: string;
}

async function readIfPresent(dir: string, file: string): Promise<string | undefined> {
  try {
    return await readRegularFile(join(dir, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw invalidFile(file, fileReadProblem(error, 'file'));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readHead(path: string, bytes: number): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The files detection and planning need: config files in full, lockfiles by presence. */
async function readProjectFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of [...CONFIG_FILES, ...RENOVATE_FILES]) {
    const text = await readIfPresent(dir, file);
    if (text !== undefined) files.set(file, text);
  }
  for (const file of PRESENCE_FILES) {
    if (await exists(join(dir, file))) files.set(file, '');
  }
  const yarnLock = await readHead(join(dir, YARN_LOCK), YARN_LOCK_HEAD_BYTES);
  if (yarnLock !== undefined) files.set(YARN_LOCK, yarnLock);
  return files;
}

/** Write (`w`) or create (`wx`), never following a symbolic link at `file` itself. */
const WRITE_FLAGS = { w: constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, wx: constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL };
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Writes `file` inside the project, never through a symbolic link: a `.npmrc` linked to
 * ~/.npmrc (or anywhere else) is the user's own config, and `init` must not edit it, nor
 * anything a linked folder (`.github` -> elsewhere) leads to. The folder is checked by its
 * real path; the file itself is opened with O_NOFOLLOW, so a link put there meanwhile fails
 * the open (ELOOP) instead of being followed.
 */
const cannotWrite = (dir: string, file: string, code: string) =>
  new QuarantineError(ERROR_CODES.initWrite, `${file}: cannot write (${code})`, { hint: `check the permissions of ${dir}` });
const linkRefused = (file: string, problem: string) => new QuarantineError(ERROR_CODES.initWrite, `${file}: ${problem}`, {
  hint: 'apply the setting by hand (see `quarantine init` without --write), or replace the link with a file',
});

/** Refuses a target that is a symbolic link or lies, by its folder's real path, outside `dir`. */
async function assertInsideProject(dir: string, file: string): Promise<void> {
  const path = join(dir, file);
  const [root, parent] = await Promise.all([realpath(dir), realpath(dirname(path)).catch(() => null)]);
  if (parent === null) return; // a folder that does not exist: the write reports it
  if (parent !== root && !parent.startsWith(`${root}${sep}`)) {
    throw linkRefused(file, `is outside the project (${dirname(file)} is a symbolic link); init does not write there`);
  }
  if ((await lstat(path).catch(() => null))?.isSymbolicLink() === true) {
    throw linkRefused(file, `is a symbolic link; init does not write through links (it would change ${await realpath(path).catch(() => 'its target')})`);
  }
}

async function writeProjectFile(dir: string, file: string, text: string, flag: 'w' | 'wx'): Promise<void> {
  await assertInsideProject(dir, file);
  let handle;
  try {
    handle = await open(join(dir, file), WRITE_FLAGS[flag] | NO_FOLLOW, 0o666);
    await handle.writeFile(text, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw code === 'ELOOP' ? linkRefused(file, 'is a symbolic link; init does not write through links') : cannotWrite(dir, file, code);
  } finally {
    await handle?.close();
  }
}

export async function runInit(options: InitOptions): Promise<InitReport> {
  const { dir } = options;
  if (!(await exists(dir))) {
    throw new QuarantineError(ERROR_CODES.usage, `${dir}: no such directory`);
  }
  const files = await readProjectFiles(dir);
  // The window every layer should agree on: the project's policy, or the preset it will extend.
  const loaded = await loadPolicy({ dir });
  const policy = loaded.location ? loaded.policy : await readPreset(options.preset);
  const minReleaseAge = policy.rules['release-age'].minReleaseAge;
  const plan = planNativeSettings(files, minReleaseAge, options.selfVersion);
  const existingPolicy = loaded.location ? relative(dir, loaded.location.path) : null;
  // Every target is checked before anything is written: a refused link leaves nothing half done.
  const toWrite = options.write ? plan.settings.filter((setting) => setting.newText !== null).map((setting) => setting.file) : [];
  for (const file of existingPolicy === null ? [STARTER_POLICY_FILE, ...toWrite] : toWrite) await assertInsideProject(dir, file);
  if (existingPolicy === null) await writeProjectFile(dir, STARTER_POLICY_FILE, starterPolicyText({ extends: options.preset }), 'wx');
  const settings: InitSetting[] = [];
  for (const { newText, ...setting } of plan.settings) {
    const written = options.write && newText !== null;
    if (written) await writeProjectFile(dir, setting.file, newText, 'w');
    settings.push({ ...setting, written });
  }
  return {
    now: options.now,
    dir,
    minReleaseAge,
    write: options.write,
    policy: existingPolicy === null ? { file: STARTER_POLICY_FILE, action: 'created' } : { file: existingPolicy, action: 'exists' },
    tools: plan.tools,
    settings,
    botWindows: findBotWindowShortfalls(settings, plan.pin),
  };
}
