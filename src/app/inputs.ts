/**
 * What the use cases share: their options, and the wiring of the adapters (policy file, npm
 * config, registry client) that every one of check, why and ls reads before the engine runs.
 */
import { dirname, resolve } from 'node:path';
import { describePolicySource, loadPolicy } from '../config/read-policy.js';
import type { BaseLockfiles } from '../model/base-lockfiles.js';
import type { ConfigFiles } from '../model/config-files.js';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import type { HistorySource } from '../model/history-source.js';
import type { Host } from '../model/host.js';
import type { CacheRefusal } from '../model/cache-refusal.js';
import { registryPolicyFor, type Policy } from '../model/policy.js';
import type { LockfileSummary } from '../model/report.js';
import type { Instant, Lockfile } from '../model/types.js';
import { withHistoryFrom } from '../engine/history-from.js';
import { createRegistryClient, defaultCacheDir, type FactsState } from '../registry/client.js';
import { findNpmProjectDir, readNpmConfig, registryFor, type NpmConfig } from '../registry/npm-config.js';
import { buildFetchOptions, hasRegistryCredentials, redactUrl } from '../registry/fetch-options.js';

export interface RunOptions {
  /** Project directory (where the lockfile and project .npmrc are). */
  dir: string;
  lockfile?: string | undefined;
  /** Several lockfiles, possibly in different directories (the Action in a monorepo); wins over `lockfile`. */
  lockfiles?: readonly string[] | undefined;
  /** Check only what changed since this base (see engine/lockfile-diff.ts). */
  base?: BaseLockfiles | undefined;
  /** Overrides the default registry (not @scope mappings). */
  registry?: string | undefined;
  policy?: string | undefined;
  now: Instant;
  cacheDir?: string | undefined;
  concurrency?: number | undefined;
  /** Revalidate every cached registry fact, however fresh (--prefer-online). */
  preferOnline?: boolean | undefined;
  /** Longest one registry document may take, ms (--document-timeout; default in registry/client.ts). */
  documentDeadline?: number | undefined;
  /** Largest registry document read, bytes once decompressed (--max-document-size). */
  maxDocumentBytes?: number | undefined;
  /** The world the run reads: environment, home directory, platform, wall clock (HTTP freshness). */
  host: Host;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Told when the facts cache (or a part of it) is not this user's alone, and so not trusted. */
  onCacheRefused?: ((refusal: CacheRefusal) => void) | undefined;
  /** Told (once per registry and client) when a registry's answers carry no validators and the policy gives it no cacheMaxAge. */
  onUncacheable?: ((registry: string) => void) | undefined;
  /**
   * Where the trust inputs are read from (default: the disk). The Action on a pull request
   * reads the registry configuration, and unless it opts in the policy, at the base commit.
   */
  trustedFiles?: { policy?: ConfigFiles | undefined; registry?: ConfigFiles | undefined } | undefined;
  /** Replaces the registry client (tests, offline snapshots). */
  source?: HistorySource | undefined;
}

export interface Inputs {
  policy: Policy;
  policySource: string;
  source: HistorySource;
  /** Set when one registry client serves every package: what its facts are worth for reusing a verdict. */
  factsState?: (() => FactsState) | undefined;
  /** The registry configuration's values when one configuration serves every lockfile (part of a reused verdict's key). */
  configValues?: unknown;
}

/** The lockfiles that share one registry configuration, and that configuration. */
interface ConfigGroup {
  lockfiles: Lockfile[];
  config: NpmConfig;
}

/**
 * Each lockfile's registry configuration, as its package manager finds it: npm's project
 * `.npmrc` in the nearest folder with a package.json from the lockfile's folder up
 * (findNpmProjectDir), and for Yarn Berry the `.yarnrc.yml` files from the lockfile's folder up.
 * Lockfile paths are as read: relative to the working directory, like every file reader's.
 */
async function configGroups(options: RunOptions, projectDir: string, lockfiles: readonly Lockfile[]): Promise<ConfigGroup[]> {
  const { host } = options;
  const files = options.trustedFiles?.registry;
  const read = async (npmDir: string, yarnDir: string | undefined): Promise<NpmConfig> =>
    readNpmConfig({
      projectDir: npmDir,
      yarnProjectDir: yarnDir,
      env: host.env,
      homeDir: host.homeDir,
      execPath: host.execPath,
      platform: host.platform,
      files,
    });
  if (!options.lockfiles || options.lockfiles.length === 0) {
    // One lockfile (the CLI, the hooks; or none, for `why`): the project folder found from its folder.
    const berry = lockfiles.find((lockfile) => lockfile.packageManager === 'yarn-berry');
    const yarnDir = berry === undefined ? undefined : dirname(resolve(berry.path));
    return [{ lockfiles: [...lockfiles], config: await read(await findNpmProjectDir(projectDir, { files }), yarnDir) }];
  }
  // Several lockfiles (the Action in a monorepo): each one's own, within the repository.
  const groups = new Map<string, { lockfiles: Lockfile[]; npmDir: string; yarnDir: string | undefined }>();
  const stopAt = resolve(options.dir);
  for (const lockfile of lockfiles) {
    const folder = dirname(resolve(lockfile.path));
    const npmDir = await findNpmProjectDir(folder, { files, stopAt });
    const yarnDir = lockfile.packageManager === 'yarn-berry' ? folder : undefined;
    const key = JSON.stringify([npmDir, yarnDir]);
    const group = groups.get(key) ?? { lockfiles: [], npmDir, yarnDir };
    group.lockfiles.push(lockfile);
    groups.set(key, group);
  }
  const result: ConfigGroup[] = [];
  for (const group of groups.values()) result.push({ lockfiles: group.lockfiles, config: await read(group.npmDir, group.yarnDir) });
  if (result.length === 0) result.push({ lockfiles: [], config: await read(await findNpmProjectDir(projectDir, { files, stopAt }), undefined) });
  return result;
}

/**
 * One history source over several registry configurations: a package is asked of the registry
 * the configuration of the lockfiles holding it names, with that configuration's credentials.
 * When lockfiles holding one name route it to different registries, the gate cannot say which
 * copy is which: it fails closed and says so.
 */
function routedSource(groups: ReadonlyArray<ConfigGroup & { source: HistorySource }>, override: string | undefined): HistorySource {
  const holders = new Map<string, Array<ConfigGroup & { source: HistorySource }>>();
  for (const group of groups) {
    for (const lockfile of group.lockfiles) {
      for (const pkg of lockfile.packages) {
        const list = holders.get(pkg.name) ?? [];
        if (!list.includes(group)) list.push(group);
        holders.set(pkg.name, list);
      }
    }
  }
  /** The source of the configuration that routes `name`; rejects when the configurations disagree. */
  const route = (name: string): Promise<HistorySource> => {
    const candidates = holders.get(name) ?? groups.slice(0, 1);
    const registries = [...new Set(candidates.map((group) => registryFor(name, group.config, override)))];
    if (registries.length > 1) {
      const paths = candidates.flatMap((group) => group.lockfiles.map((lockfile) => lockfile.path));
      return Promise.reject(
        new QuarantineError(ERROR_CODES.npmrcInvalid, `${name}: the npm configurations of ${paths.join(', ')} name different registries for it (${registries.map(redactUrl).join(', ')})`, {
          hint: 'check these lockfiles one at a time (--lockfile, or the `lockfiles` input)',
        }),
      );
    }
    const registry = registries[0] ?? '';
    const chosen = candidates.find((group) => hasRegistryCredentials(registry, buildFetchOptions(group.config))) ?? candidates[0];
    if (!chosen) return Promise.reject(new Error(`no registry configuration for ${name}`));
    return Promise.resolve(chosen.source);
  };
  return {
    fetchHistory: (name) => route(name).then((source) => source.fetchHistory(name)),
    fetchAbbreviated: (name, settledBefore) => route(name).then((source) =>
      source.fetchAbbreviated ? source.fetchAbbreviated(name, settledBefore) : source.fetchHistory(name)),
    fetchHistoryFrom(name, registry) {
      // The history registry's credentials: the first configuration that has some for it.
      const chosen = groups.find((group) => hasRegistryCredentials(registry, buildFetchOptions(group.config))) ?? groups[0];
      if (!chosen?.source.fetchHistoryFrom) return Promise.reject(new Error(`no registry configuration for ${registry}`));
      return chosen.source.fetchHistoryFrom(name, registry);
    },
  };
}

export async function loadInputs(options: RunOptions, projectDir: string, lockfiles: readonly Lockfile[]): Promise<Inputs> {
  const loaded = await loadPolicy({ dir: projectDir, policy: options.policy, files: options.trustedFiles?.policy });
  const policy = loaded.policy;
  const policySource = describePolicySource(loaded);
  if (options.source) return { policy, policySource, source: withHistoryFrom(options.source, policy) };
  const { host } = options;
  const cacheDir = options.cacheDir ?? defaultCacheDir(host.env, host.platform, host.homeDir);
  const cacheMaxAgeFor = (registry: string): number | null =>
    registryPolicyFor(policy, registry.endsWith('/') ? registry : `${registry}/`).cacheMaxAge;
  const clientFor = (config: NpmConfig) =>
    createRegistryClient({
      cacheMaxAgeFor,
      onUncacheable: options.onUncacheable,
      config,
      registry: options.registry,
      cacheDir,
      clock: () => host.now(),
      userAgent: host.userAgent,
      env: host.env,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      preferOnline: options.preferOnline === true,
      cacheOwner: host.uid,
      ...(options.documentDeadline === undefined ? {} : { documentDeadline: options.documentDeadline }),
      ...(options.maxDocumentBytes === undefined ? {} : { maxDocumentBytes: options.maxDocumentBytes }),
      onCacheRefused: options.onCacheRefused,
    });
  const groups = await configGroups(options, projectDir, lockfiles);
  const first = groups[0];
  const distinct = new Set(groups.map((group) => JSON.stringify(group.config.values)));
  if (distinct.size === 1 && first) {
    const client = clientFor(first.config);
    return { policy, policySource, source: withHistoryFrom(client, policy), factsState: () => client.factsState(), configValues: first.config.values };
  }
  const source = routedSource(groups.map((group) => ({ ...group, source: clientFor(group.config) })), options.registry);
  return { policy, policySource, source: withHistoryFrom(source, policy) };
}

export function lockfileSummary(lockfile: Lockfile): LockfileSummary {
  return { path: lockfile.path, packageManager: lockfile.packageManager, formatVersion: lockfile.formatVersion };
}

export function projectDirOf(options: Pick<RunOptions, 'dir' | 'lockfile' | 'lockfiles'>): string {
  if (options.lockfiles && options.lockfiles.length > 0) return resolve(options.dir);
  return options.lockfile ? dirname(resolve(options.lockfile)) : resolve(options.dir);
}
