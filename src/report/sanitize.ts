/**
 * Strings from the registry and from lockfiles are untrusted: a crafted package name or
 * maintainer name could carry terminal escapes or bidi overrides (Trojan Source). Strip them
 * before printing anything.
 */
import { maskPathSecrets } from '../model/registry-url.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitize(text: string): string {
  return text.replace(UNSAFE, '');
}

/**
 * Removes credentials from any URLs inside a string: `user:password@`, and path segments that
 * may be tokens (`https://npm-proxy.fury.io/<token>/acme/`, see maskPathSecrets).
 */
export function redactCredentials(text: string): string {
  return text.replace(
    /(\b[a-z][a-z0-9+.-]*:\/\/)([^/\s@]+@)?([^/\s?#@]*)([^\s?#]*)/gi,
    (_, scheme: string, userinfo: string | undefined, host: string, path: string) =>
      `${scheme}${userinfo ? '***@' : ''}${host}${maskPathSecrets(path, host)}`,
  );
}

/** Both: safe to print, no credentials. */
export function printable(text: string): string {
  return sanitize(redactCredentials(text));
}
