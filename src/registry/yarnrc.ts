/**
 * Yarn Berry's registry settings, as npm configuration. A Yarn 2+ project names its registries
 * and tokens in `.yarnrc.yml` (and `YARN_*` variables), and Yarn ignores `.npmrc`; so for a
 * Berry lockfile these settings are laid over the npm configuration, and the gate asks the
 * registry Yarn itself would ask. Pure: the files are found and read in npm-config.ts.
 *
 * What is read, as Yarn 4 reads it (plugin-npm `npmConfigUtils`, core `Configuration`):
 * - `npmRegistryServer`: the default registry -> npm `registry`;
 * - `npmScopes.<scope>.npmRegistryServer` -> `@<scope>:registry`;
 * - `npmAuthToken` / `npmAuthIdent` of a scope, of an `npmRegistries` entry, or at the top
 *   level (the fallback for every registry without its own) -> `//<host/path>/:_authToken` /
 *   `:_auth` for the registry they apply to (npm keys credentials by registry alone, so a
 *   registry's npmRegistries entry wins over a scope's credentials for it);
 * - rc files from the project folder up to the root, plus the home folder's, the closest
 *   winning; `YARN_NPM_REGISTRY_SERVER`, `YARN_NPM_AUTH_TOKEN`, `YARN_NPM_AUTH_IDENT` over all
 *   of them; `${VAR}`, `${VAR:-fallback}` and `${VAR-fallback}` in values (an unset `${VAR}`
 *   is an error, as in Yarn).
 * Values hold credentials: never print one.
 */
import { parse } from 'yaml';
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { isJsonObject, objectOrEmpty, type JsonObject } from '../model/json-text.js';
import type { Env, NpmConfigLayer, NpmConfigValues } from './npmrc.js';

export interface YarnrcFile {
  path: string;
  text: string;
}

interface AuthSettings {
  npmAuthToken?: string;
  npmAuthIdent?: string;
}

interface ScopeSettings extends AuthSettings {
  npmRegistryServer?: string;
}

/** Maps, not objects: scope names and URLs are untrusted text (`__proto__`). */
interface YarnRegistrySettings extends ScopeSettings {
  npmScopes: Map<string, ScopeSettings>;
  npmRegistries: Map<string, AuthSettings>;
}

const AUTH_KEYS = ['npmAuthToken', 'npmAuthIdent'] as const;
const SCOPE_KEYS = ['npmRegistryServer', ...AUTH_KEYS] as const;

/** The one registry Yarn uses when nothing is configured (an alias of registry.npmjs.org). */
export const YARN_DEFAULT_REGISTRY = 'https://registry.yarnpkg.com';

const SUBSTITUTION = /\$\{([a-zA-Z]\w*)(?:(:-|-)([^}]*))?\}/g;

/** Yarn's `${VAR}` substitution; `where` names the file and key for the error (never a value). */
export function substituteYarnEnv(text: string, env: Env, where: string): string {
  return text.replace(SUBSTITUTION, (_whole, name: string, operator: string | undefined, fallback: string | undefined) => {
    const value = env[name];
    if (operator === ':-') return value !== undefined && value !== '' ? value : fallback ?? '';
    if (operator === '-') return value !== undefined ? value : fallback ?? '';
    if (value === undefined) {
      throw new QuarantineError(ERROR_CODES.npmrcInvalid, `${where}: environment variable ${name} is not set`, {
        hint: `set ${name}, as Yarn itself requires, or write \${${name}:-} for an empty default`,
      });
    }
    return value;
  });
}

/** The string settings among `keys` of one YAML map, substituted; other types are ignored. */
function pick<K extends string>(map: JsonObject | null, keys: readonly K[], env: Env, where: string): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = map?.[key];
    if (typeof value === 'string' && value !== '') picked[key] = substituteYarnEnv(value, env, `${where} ${key}`);
  }
  return picked;
}

function parseYarnrc(file: YarnrcFile, env: Env): YarnRegistrySettings {
  let data: unknown;
  try {
    data = parse(file.text);
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new QuarantineError(ERROR_CODES.npmrcInvalid, `${file.path}${line ? `:${line}` : ''}: not valid YAML, so Yarn's registry settings cannot be read`);
  }
  const top = isJsonObject(data) ? data : null;
  const settings: YarnRegistrySettings = { ...pick(top, SCOPE_KEYS, env, file.path), npmScopes: new Map(), npmRegistries: new Map() };
  for (const [scope, value] of Object.entries(objectOrEmpty(top?.['npmScopes']))) {
    settings.npmScopes.set(scope.replace(/^@/, ''), pick(objectOrEmpty(value), SCOPE_KEYS, env, `${file.path} npmScopes.${scope}`));
  }
  for (const [url, value] of Object.entries(objectOrEmpty(top?.['npmRegistries']))) {
    settings.npmRegistries.set(url, pick(objectOrEmpty(value), AUTH_KEYS, env, `${file.path} npmRegistries.${url}`));
  }
  return settings;
}

/** Later settings win, key by key, also inside each scope and registry entry. */
function mergeSettings(all: readonly YarnRegistrySettings[]): YarnRegistrySettings {
  const merged: YarnRegistrySettings = { npmScopes: new Map(), npmRegistries: new Map() };
  for (const settings of all) {
    const { npmScopes, npmRegistries, ...top } = settings;
    Object.assign(merged, top);
    for (const [scope, entry] of npmScopes) merged.npmScopes.set(scope, { ...merged.npmScopes.get(scope), ...entry });
    for (const [url, entry] of npmRegistries) merged.npmRegistries.set(url, { ...merged.npmRegistries.get(url), ...entry });
  }
  return merged;
}

/** `https://npm.example.com/a` -> `//npm.example.com/a/`, npm's key for per-registry credentials. */
function authKeyPrefix(url: string): string {
  return `${url.replace(/^[a-z][a-z0-9+.-]*:/i, '').replace(/\/+$/, '')}/`;
}

function withSlash(url: string): string {
  return `${url.replace(/\/+$/, '')}/`;
}

/** Yarn's Basic credentials: `user:password` is encoded, anything else is already base64. */
function basicAuth(ident: string): string {
  return ident.includes(':') ? Buffer.from(ident).toString('base64') : ident;
}

/**
 * The npm configuration layer equivalent to Yarn's registry settings, or undefined when the
 * files and variables set none. `files` are ordered lowest precedence first (home, then from
 * the root down to the project folder).
 */
export function yarnConfigLayer(files: readonly YarnrcFile[], env: Env): NpmConfigLayer | undefined {
  const fromEnv: ScopeSettings = {};
  if (env['YARN_NPM_REGISTRY_SERVER']) fromEnv.npmRegistryServer = env['YARN_NPM_REGISTRY_SERVER'];
  if (env['YARN_NPM_AUTH_TOKEN']) fromEnv.npmAuthToken = env['YARN_NPM_AUTH_TOKEN'];
  if (env['YARN_NPM_AUTH_IDENT']) fromEnv.npmAuthIdent = env['YARN_NPM_AUTH_IDENT'];
  const settings = mergeSettings([...files.map((file) => parseYarnrc(file, env)), { ...fromEnv, npmScopes: new Map(), npmRegistries: new Map() }]);

  // Every key is prefixed (`@scope:`, `//host/`), so none can be `__proto__`.
  const values: NpmConfigValues = {};
  const authed = new Set<string>();
  const setAuth = (registry: string, auth: AuthSettings): void => {
    const prefix = authKeyPrefix(registry);
    if (authed.has(prefix)) return;
    if (auth.npmAuthIdent) values[`${prefix}:_auth`] = basicAuth(auth.npmAuthIdent);
    else if (auth.npmAuthToken) values[`${prefix}:_authToken`] = auth.npmAuthToken;
    else return;
    authed.add(prefix);
  };
  const defaultRegistry = settings.npmRegistryServer ?? YARN_DEFAULT_REGISTRY;
  if (settings.npmRegistryServer) values['registry'] = withSlash(settings.npmRegistryServer);
  // npm keys credentials by registry only. When several Yarn settings give credentials for one
  // registry: its npmRegistries entry, then the first scope on it, then the top level.
  for (const [url, entry] of settings.npmRegistries) setAuth(url.startsWith('//') ? `https:${url}` : url, entry);
  const scopeRegistries: string[] = [];
  for (const [scope, entry] of settings.npmScopes) {
    const registry = entry.npmRegistryServer ?? defaultRegistry;
    if (entry.npmRegistryServer) values[`@${scope}:registry`] = withSlash(entry.npmRegistryServer);
    scopeRegistries.push(registry);
    setAuth(registry, entry);
  }
  for (const registry of [defaultRegistry, ...scopeRegistries]) setAuth(registry, settings);
  if (Object.keys(values).length === 0) return undefined;
  const closest = files.at(-1)?.path;
  return { source: closest ? `${closest} (Yarn)` : 'YARN_* environment variables', values };
}
