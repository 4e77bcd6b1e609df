import { ERROR_CODES } from './constants.js';
import { QuarantineError } from './errors.js';

/** Registry URLs compare with a trailing slash, so `https://r.example` matches `https://r.example/`. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** Registries that carry the account's token as the first path segment (`https://npm-proxy.fury.io/<token>/<account>/`). */
const TOKEN_FIRST_HOSTS = /^npm-proxy\.fury\.io$/i;
/**
 * A path segment shaped like a credential: letters, digits and `_`, mixing letters and digits,
 * 20 or more with an upper-case letter (package names are lower case), or 32 or more (hex keys).
 */
const TOKEN_LIKE = /^(?=\w*\d)(?=\w*[A-Za-z])(?:(?=\w*[A-Z])\w{20,}|\w{32,})$/;

/**
 * A URL path with the segments that may be credentials replaced by `***`: the first segment on
 * hosts known to put a token there (Gemfury's proxy), and anywhere a segment looks like a token.
 * Ordinary registry paths (`/api/npm/npm-remote/`, `/api/v4/projects/1234/packages/npm/`) are
 * left alone. Used for every URL a message or a report shows, and for the facts cache's keys.
 */
export function maskPathSecrets(pathname: string, host: string): string {
  const tokenFirst = TOKEN_FIRST_HOSTS.test(host.replace(/:\d+$/, ''));
  return pathname
    .split('/')
    .map((segment, index) => ((tokenFirst && index === 1 && segment !== '') || TOKEN_LIKE.test(segment) ? '***' : segment))
    .join('/');
}

/** `label` names the setting in messages: `--registry`, or the Action's `registry` input. */
export function parseRegistryUrl(value: string | undefined, label = '--registry'): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new QuarantineError(ERROR_CODES.usage, `${label}: expected an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new QuarantineError(ERROR_CODES.usage, `${label}: expected an http(s) URL, got "${url.protocol}" URL`);
  }
  return withTrailingSlash(url.href);
}

/**
 * The public npm registry's hosts. npm rewrites registry.npmjs.org URLs to the configured
 * registry (`replace-registry-host`), and registry.yarnpkg.com is Yarn's name for it.
 */
export const PUBLIC_NPM_HOSTS: readonly string[] = ['registry.npmjs.org', 'registry.yarnpkg.com'];

/** `host[:port]` of an http(s) URL, lower case; null for anything else. */
export function httpHostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host.toLowerCase() : null;
  } catch {
    return null;
  }
}
