/**
 * npm configuration as npm itself finds and reads it: `readNpmConfig` locates and reads the
 * project, user and global npmrc files and `npm_config_*` variables. Parsing, precedence and
 * registry routing are pure and live in npmrc.ts (re-exported here).
 */
import { readFile, stat } from 'node:fs/promises';
import type { ConfigFiles } from '../model/config-files.js';
import { dirname, join, resolve } from 'node:path';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { yarnConfigLayer, type YarnrcFile } from './yarnrc.js';
import {
  type Env,
  type NpmConfig,
  type NpmConfigLayer,
  configString,
  mergeNpmConfig,
  overlayNpmConfig,
  parseNpmConfigEnv,
  parseNpmrc,
} from './npmrc.js';

export * from './npmrc.js';

export interface ReadNpmConfigOptions {
  /** Directory holding the project's `.npmrc` (usually the lockfile's directory). */
  projectDir: string;
  /**
   * The folder of a Yarn Berry lockfile: Yarn's registry settings (`.yarnrc.yml` from there up
   * to the root and in the home folder, `YARN_*` variables) are laid over npm's (yarnrc.ts).
   */
  yarnProjectDir?: string | undefined;
  env: Env;
  homeDir: string;
  /**
   * Where the config files are read from (default: the disk). The Action on a pull request
   * reads the repository's as they are at the base commit (git/base-files.ts).
   */
  files?: ConfigFiles | undefined;
  /** Node binary, to derive npm's global prefix. */
  execPath: string;
  platform: NodeJS.Platform;
}

export interface NpmConfigFiles {
  project: string;
  user: string;
  global: string;
}

function expandHome(path: string, homeDir: string): string {
  return path === '~' || path.startsWith('~/') ? join(homeDir, path.slice(1)) : path;
}

/**
 * Where npm looks: project `<dir>/.npmrc`; user `npm_config_userconfig` or `~/.npmrc`;
 * global `npm_config_globalconfig` or `<prefix>/etc/npmrc`, prefix from `npm_config_prefix`,
 * `PREFIX`, or the Node binary (`<prefix>/bin/node` on Unix, `<prefix>\node.exe` on Windows).
 * `layers` lets files already read choose the next file, as npm does.
 */
export function locateNpmConfigFiles(
  options: Required<Omit<ReadNpmConfigOptions, 'projectDir' | 'yarnProjectDir' | 'files'>> & { projectDir: string },
  layers: { env: NpmConfig; projectAndUser?: NpmConfig } = { env: mergeNpmConfig({}) },
): NpmConfigFiles {
  const { env, homeDir } = options;
  const project = join(resolve(options.projectDir), '.npmrc');
  const userSetting = configString(layers.env, 'userconfig');
  const user = resolve(expandHome(userSetting ?? join(homeDir, '.npmrc'), homeDir));
  const globalSetting = configString(layers.projectAndUser ?? layers.env, 'globalconfig');
  let prefix = configString(layers.env, 'prefix') ?? env.PREFIX;
  if (prefix === undefined || prefix === '') {
    prefix = options.platform === 'win32' ? dirname(options.execPath) : dirname(dirname(options.execPath));
  }
  const global = resolve(expandHome(globalSetting ?? join(prefix, 'etc', 'npmrc'), homeDir));
  return { project, user, global };
}

async function isFileOnDisk(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * npm's project folder for a lockfile in `dir`, whose `.npmrc` is the project config: the
 * nearest folder from `dir` up that holds a package.json (npm's `localPrefix`, found by
 * @npmcli/config's loadLocalPrefix walking up from where npm runs), else `dir`. `stopAt` bounds
 * the walk (the repository root, for the Action). npm also stops at a folder with
 * `node_modules`, and moves on up to a workspace root that lists the folder: a lockfile is
 * written at that root, so the lockfile's own folder is where the walk starts and ends there.
 */
export async function findNpmProjectDir(dir: string, options: { files?: ConfigFiles | undefined; stopAt?: string | undefined } = {}): Promise<string> {
  const start = resolve(dir);
  const stopAt = options.stopAt === undefined ? undefined : resolve(options.stopAt);
  const files = options.files;
  const isFile = files ? (path: string) => files.isFile(path) : isFileOnDisk;
  for (let current = start, previous = ''; current !== previous; previous = current, current = dirname(current)) {
    if (await isFile(join(current, 'package.json'))) return current;
    if (current === stopAt) break;
  }
  return start;
}

/** A config file's text; undefined when it does not exist. `what` names it in the error. */
async function readConfigFile(path: string, what: string, files: ConfigFiles | undefined): Promise<string | undefined> {
  try {
    return files ? await files.readText(path) : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new QuarantineError(ERROR_CODES.npmrcInvalid, `${path}: cannot read ${what} (${code ?? 'error'})`, {
      hint: 'make the file readable or remove it',
    });
  }
}

async function readLayer(path: string, env: Env, files: ConfigFiles | undefined): Promise<NpmConfigLayer | undefined> {
  const text = await readConfigFile(path, 'npm config', files);
  return text === undefined ? undefined : parseNpmrc(text, { env, source: path });
}

const CERT_END = '-----END CERTIFICATE-----';

/** `cafile` -> `ca` (one entry per certificate), as npm flattens it; cafile wins over ca. */
async function readCaFile(config: NpmConfig, homeDir: string, files: ConfigFiles | undefined): Promise<NpmConfig> {
  const cafile = configString(config, 'cafile');
  if (cafile === undefined) return config;
  const path = resolve(expandHome(cafile, homeDir));
  let text: string;
  try {
    text = files ? await files.readText(path) : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new QuarantineError(
      ERROR_CODES.npmrcInvalid,
      `${config.sources.cafile ?? 'npm config'}: cafile ${path} cannot be read (${code})`,
      { hint: 'point `cafile` at a PEM file with your registry\'s CA certificates' },
    );
  }
  const ca = text.replace(/\r\n/g, '\n').split(CERT_END)
    .filter((section) => section.trim() !== '')
    .map((section) => `${section.trimStart()}${CERT_END}`);
  return {
    values: { ...config.values, ca },
    sources: { ...config.sources, ca: config.sources.cafile ?? 'cafile' },
  };
}

/** Yarn's rc file name: `YARN_RC_FILENAME` (any case, as Yarn matches it), else `.yarnrc.yml`. */
function yarnRcFilename(env: Env): string {
  const entry = Object.entries(env).find(([name, value]) => name.toLowerCase() === 'yarn_rc_filename' && typeof value === 'string' && value !== '');
  return entry?.[1] ?? '.yarnrc.yml';
}

/** Yarn's rc files, lowest precedence first: the home folder's, then from the root down to `dir`. */
export async function readYarnrcFiles(dir: string, homeDir: string, env: Env, source?: ConfigFiles): Promise<YarnrcFile[]> {
  const name = yarnRcFilename(env);
  const paths: string[] = [];
  for (let current = resolve(dir), previous = ''; current !== previous; previous = current, current = dirname(current)) {
    paths.unshift(join(current, name));
  }
  const home = join(resolve(homeDir), name);
  if (!paths.includes(home)) paths.unshift(home);
  const files: YarnrcFile[] = [];
  for (const path of paths) {
    const text = await readConfigFile(path, 'Yarn config', source);
    if (text !== undefined) files.push({ path, text });
  }
  return files;
}

/** Reads env, project, user and global npm config; a missing file is an empty layer. */
export async function readNpmConfig(options: ReadNpmConfigOptions): Promise<NpmConfig> {
  const full = options;
  const env = parseNpmConfigEnv(options.env);
  const envOnly = mergeNpmConfig({ env });
  const { project: projectPath, user: userPath } = locateNpmConfigFiles(full, { env: envOnly });
  const files = options.files;
  const project = await readLayer(projectPath, options.env, files);
  const user = projectPath === userPath ? undefined : await readLayer(userPath, options.env, files);
  const projectAndUser = mergeNpmConfig({ env, project, user });
  const { global: globalPath } = locateNpmConfigFiles(full, { env: envOnly, projectAndUser });
  const global = await readLayer(globalPath, options.env, files);
  const npm = mergeNpmConfig({ env, project, user, global });
  const yarn = options.yarnProjectDir === undefined ? undefined : yarnConfigLayer(await readYarnrcFiles(options.yarnProjectDir, options.homeDir, options.env, files), options.env);
  return readCaFile(yarn === undefined ? npm : overlayNpmConfig(npm, yarn), options.homeDir, files);
}
