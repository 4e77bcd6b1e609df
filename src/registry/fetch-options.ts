/**
 * npm config -> npm-registry-fetch options, the way npm flattens its config. Registry-scoped
 * keys (`//host/path/:_authToken`, `:_auth`, `:username`/`:_password`, `:certfile`/`:keyfile`)
 * pass through unchanged so npm-registry-fetch's own auth.js picks the credentials for the
 * URL being fetched, and only for that registry. Pure.
 */
import { maskPathSecrets } from '../model/registry-url.js';
import type { NpmConfig, NpmConfigValue } from './npm-config.js';

/** The subset of npm-registry-fetch options this tool sets (see its lib/index.js). */
export interface RegistryFetchOptions {
  /** Registry-scoped auth keys and `@scope:registry` mappings, verbatim. */
  [key: string]: unknown;
  registry?: string;
  ca?: string | string[];
  cert?: string;
  key?: string;
  strictSSL?: boolean;
  proxy?: string;
  httpsProxy?: string;
  noProxy?: string;
  localAddress?: string;
  maxSockets?: number;
}

function asString(value: NpmConfigValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function asBoolean(value: NpmConfigValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

function asNumber(value: NpmConfigValue | undefined): number | undefined {
  const number = typeof value === 'string' ? Number(value) : undefined;
  return number !== undefined && Number.isFinite(number) && number > 0 ? number : undefined;
}

const SCOPE_REGISTRY_KEY = /^@[^/:]+:registry$/;

export function buildFetchOptions(config: NpmConfig): RegistryFetchOptions {
  const values = config.values;
  const get = (key: string): NpmConfigValue | undefined => (Object.hasOwn(values, key) ? values[key] : undefined);
  const options: RegistryFetchOptions = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) Object.defineProperty(options, key, { value, enumerable: true, writable: true });
  };

  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith('//') || SCOPE_REGISTRY_KEY.test(key)) set(key, value);
  }
  set('registry', asString(get('registry')));
  const ca = get('ca');
  set('ca', Array.isArray(ca) ? (ca.length > 0 ? ca : undefined) : asString(ca));
  set('cert', asString(get('cert')));
  set('key', asString(get('key')));
  set('strictSSL', asBoolean(get('strict-ssl')));
  set('proxy', asString(get('proxy')));
  set('httpsProxy', asString(get('https-proxy')));
  const noProxy = get('noproxy');
  set('noProxy', Array.isArray(noProxy) ? noProxy.join(',') || undefined : asString(noProxy));
  set('localAddress', asString(get('local-address')));
  set('maxSockets', asNumber(get('maxsockets')));
  return options;
}

/**
 * `https://user:pass@host:8080/path/?q` -> `https://host:8080/path/`, and a token in the path
 * (`https://npm-proxy.fury.io/<token>/acme/`) -> `***` (maskPathSecrets): safe for messages.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    parsed.pathname = maskPathSecrets(parsed.pathname, parsed.host);
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@\s]*@/g, '//');
  }
}

/** Registry URL -> the `//host/path/` prefix npm keys its credentials by ("nerf dart"). */
export function registryAuthKey(registry: string): string {
  try {
    const parsed = new URL(registry);
    const path = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`;
    return `//${parsed.host}${path}`;
  } catch {
    return registry;
  }
}

const AUTH_SUFFIXES = [':_authToken', ':_auth', ':username', ':certfile'];

/** Whether `options` hold credentials npm-registry-fetch would send to `registry` (auth.js walk). */
export function hasRegistryCredentials(registry: string, options: RegistryFetchOptions): boolean {
  let key = registryAuthKey(registry);
  while (key.length > 2) {
    const prefix = key;
    if (AUTH_SUFFIXES.some((suffix) => Boolean(options[`${prefix}${suffix}`]))) return true;
    key = key.replace(/([^/]+|\/)$/, '');
  }
  return false;
}
