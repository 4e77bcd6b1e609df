/**
 * Minimal typings for npm-registry-fetch@19 (it ships none), covering what client.ts uses.
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
  }
  interface NpmFetch {
    json(uri: string, opts?: npmFetch.Options): Promise<unknown>;
  }
  const npmFetch: NpmFetch;
  export = npmFetch;
}
