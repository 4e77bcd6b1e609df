import { ERROR_CODES } from './constants.js';
import { QuarantineError } from './errors.js';

/** Registry URLs compare with a trailing slash, so `https://r.example` matches `https://r.example/`. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
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
