/**
 * npm configuration, read the way npm reads it (@npmcli/config): `.npmrc` files in INI,
 * `${VAR}` expansion in keys and values, `npm_config_*` environment variables, and the layer
 * precedence env > project > user > global > defaults. Pure; file reading is in
 * npm-config.ts. Values may hold credentials: never print a config or a value from it.
 */
import ini from 'ini';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { httpHostOf, PUBLIC_NPM_HOSTS, withTrailingSlash } from '../model/registry-url.js';
import type { Env } from '../model/host.js';

export type NpmConfigValue = string | boolean | string[];
export type NpmConfigValues = Record<string, NpmConfigValue>;

/** One source of settings: a file path, `environment` or `default`. */
export interface NpmConfigLayer {
  source: string;
  values: NpmConfigValues;
}

/** The merged configuration, plus where each key came from (for messages; never values). */
export interface NpmConfig {
  values: NpmConfigValues;
  sources: Record<string, string>;
}

/** Environment variables (the Host's), read-only. */
export type { Env };

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/** `${VAR}` -> value; unset `${VAR}` stays literal; `${VAR?}` -> '' when unset; `\${X}` escapes. */
const ENV_EXPRESSION = /(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g;

export function expandEnv(text: string, env: Env): string {
  return text.replace(ENV_EXPRESSION, (whole: string, escapes: string, name: string, optional?: string) => {
    if (escapes.length % 2 === 1) return whole.slice((escapes.length + 1) / 2);
    const value = env[name];
    const replacement = value !== undefined ? value : optional === '?' ? '' : `\${${name}}`;
    return escapes.slice(escapes.length / 2) + replacement;
  });
}

/** Top-level credentials npm 9+ refuses (`ERR_INVALID_AUTH`): they must be scoped to a registry. */
const UNSCOPED_AUTH_KEYS = new Set(['_authToken', '_auth', '_password', 'username', 'certfile', 'keyfile']);

/** Assigns an own property even for keys like `__proto__` (config keys are untrusted text). */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function toValue(raw: unknown, env: Env): NpmConfigValue | undefined {
  if (typeof raw === 'string') return expandEnv(raw, env);
  if (typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) {
    return raw.filter((item): item is string => typeof item === 'string').map((item) => expandEnv(item, env));
  }
  return undefined; // null, INI sections: npm ignores them for everything we read.
}

/**
 * Parses one `.npmrc` text. Throws npmrcInvalid (naming `source`, never a value) for
 * credentials that are not scoped to a registry, which npm itself refuses.
 */
export function parseNpmrc(text: string, options: { env: Env; source: string }): NpmConfigLayer {
  const parsed: Record<string, unknown> = ini.parse(text);
  const values: NpmConfigValues = {};
  for (const [rawKey, rawValue] of Object.entries(parsed)) {
    const key = expandEnv(rawKey, options.env);
    if (UNSCOPED_AUTH_KEYS.has(key)) {
      throw new QuarantineError(
        ERROR_CODES.npmrcInvalid,
        `${options.source}: \`${key}\` is not scoped to a registry`,
        { hint: `rename it to \`//<registry host>/:${key}\` (npm config fix does this), as npm 9+ requires` },
      );
    }
    const value = toValue(rawValue, options.env);
    if (value !== undefined) setOwn(values, key, value);
  }
  return { source: options.source, values };
}

const ENV_PREFIX = /^npm_config_/i;

/**
 * `npm_config_foo_bar=x` -> `foo-bar: x` (prefix case-insensitive, key lower-cased, inner `_`
 * -> `-`, a leading `_` kept: `npm_config__auth` -> `_auth`). Keys starting with `//` are
 * registry-scoped settings and are kept verbatim. Empty values are ignored, as npm does.
 */
export function parseNpmConfigEnv(env: Env): NpmConfigLayer {
  const values: NpmConfigValues = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!ENV_PREFIX.test(name) || raw === undefined || raw === '') continue;
    let key = name.slice('npm_config_'.length);
    if (!key.startsWith('//')) key = key.replace(/(?!^)_/g, '-').toLowerCase();
    setOwn<NpmConfigValue>(values, key, expandEnv(raw, env));
  }
  return { source: 'environment', values };
}

export interface NpmConfigLayers {
  env?: NpmConfigLayer;
  project?: NpmConfigLayer;
  user?: NpmConfigLayer;
  global?: NpmConfigLayer;
}

/** Merges layers with npm's precedence: env > project > user > global > defaults. */
export function mergeNpmConfig(layers: NpmConfigLayers): NpmConfig {
  const ordered: NpmConfigLayer[] = [
    { source: 'default', values: { registry: DEFAULT_REGISTRY } },
    ...[layers.global, layers.user, layers.project, layers.env].filter(
      (layer): layer is NpmConfigLayer => layer !== undefined,
    ),
  ];
  const values: NpmConfigValues = {};
  const sources: Record<string, string> = {};
  for (const layer of ordered) {
    for (const [key, value] of Object.entries(layer.values)) {
      setOwn<NpmConfigValue>(values, key, value);
      setOwn<string>(sources, key, layer.source);
    }
  }
  return { values, sources };
}

/** `layer` over `config`: its keys win (Yarn's settings over npm's for a Yarn Berry project). */
export function overlayNpmConfig(config: NpmConfig, layer: NpmConfigLayer): NpmConfig {
  const values = { ...config.values };
  const sources = { ...config.sources };
  for (const [key, value] of Object.entries(layer.values)) {
    setOwn<NpmConfigValue>(values, key, value);
    setOwn<string>(sources, key, layer.source);
  }
  return { values, sources };
}

/** A string setting, or undefined when unset or not a string. */
export function configString(config: NpmConfig, key: string): string | undefined {
  const value = Object.hasOwn(config.values, key) ? config.values[key] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The registry a package is fetched from: `@scope:registry` for scoped names, else
 * `registry`. `override` (the CLI's --registry) replaces the default registry only; scope
 * mappings still win for their scopes, as with `npm --registry`.
 */
export function registryFor(packageName: string, config: NpmConfig, override?: string): string {
  return withTrailingSlash(scopedRegistryOf(packageName, config) ?? override ?? configString(config, 'registry') ?? DEFAULT_REGISTRY);
}

function scopedRegistryOf(packageName: string, config: NpmConfig): string | undefined {
  const scope = packageName.startsWith('@') ? packageName.slice(0, packageName.indexOf('/')) : null;
  return scope ? configString(config, `${scope}:registry`) : undefined;
}

/**
 * Hosts the configuration names as a registry for a package: its registry's host and, when no
 * `@scope:registry` mapping applies, the public npm hosts (npm rewrites their URLs to the
 * configured registry; a mirror of the public registry serves the same versions). A scope
 * mapped to a private registry gets only that registry: a public URL for it is someone else's.
 */
export function registryHostsFor(packageName: string, config: NpmConfig, override?: string): string[] {
  const own = httpHostOf(registryFor(packageName, config, override));
  const hosts = own === null ? [] : [own];
  // A scope mapped to the public registry itself keeps its other name (registry.yarnpkg.com).
  const publicOwn = own !== null && PUBLIC_NPM_HOSTS.includes(own);
  if (scopedRegistryOf(packageName, config) === undefined || publicOwn) hosts.push(...PUBLIC_NPM_HOSTS.filter((host) => host !== own));
  return hosts;
}
