/**
 * Minimal typings for npm-registry-fetch@19 (it ships none), covering what transport.ts uses.
 * See node_modules/npm-registry-fetch/lib/index.js and errors.js.
 */
declare module 'npm-registry-fetch' {
  namespace npmFetch {
    interface Options {
      [key: string]: unknown;
      registry?: string;
      cache?: string;
      preferOnline?: boolean;
      preferOffline?: boolean;
      offline?: boolean;
      timeout?: number;
      retry?: { retries?: number; factor?: number; minTimeout?: number; maxTimeout?: number };
      headers?: Record<string, string>;
      userAgent?: string;
    }
    /** What auth.js picked for a URL (lib/auth.js `Auth`). */
    interface Auth {
      token: string | null;
      auth: string | null;
      cert: string | null;
      key: string | null;
    }
  }
  interface NpmFetch {
    getAuth(uri: string, opts: npmFetch.Options): npmFetch.Auth;
  }
  const npmFetch: NpmFetch;
  export = npmFetch;
}
