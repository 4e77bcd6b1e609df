/** A document compressed once, with a fixed ETag (see prepareDocument). */
export interface PreparedDocument {
  etag: string;
  gzip: Buffer;
  /** The JSON text, for uncompressed requests and to abbreviate. */
  text: () => string;
  /** The abbreviated form, compressed, with its own ETag (made once, on first use). */
  abbreviated?: () => { etag: string; gzip: Buffer };
}

/** A raw packument object, its JSON text served byte for byte, or a prepared document. */
export type FixtureDocument = object | string | PreparedDocument;

/** Name -> document. A function lets a caller build (large) documents lazily per request. */
export type FixtureDocuments =
  | Map<string, FixtureDocument>
  | Record<string, FixtureDocument>
  | ((name: string) => FixtureDocument | undefined);

export interface FixtureRegistryOptions {
  documents?: FixtureDocuments;
  /** Gzip responses when the client sends `Accept-Encoding: gzip` (default true). */
  gzip?: boolean;
  /** Interface to listen on (default 127.0.0.1); the port is always random. */
  host?: string;
  /** Request path (e.g. `/foo/-/foo-1.0.0.tgz`) -> tarball bytes. */
  tarballs?: Map<string, Buffer> | Record<string, Buffer>;
}

/** A scripted answer for one package name; fields not given keep the normal behaviour. */
export interface FixtureRoute {
  status?: number;
  /** Wait this long before answering (to provoke client timeouts). */
  delayMs?: number;
  /** Response body (objects are JSON-serialised). Default for a status: `{"error": ...}`. */
  body?: object | string;
  /** Extra response headers; `etag: ''` answers without an ETag, `'cache-control': ''` without Cache-Control. */
  headers?: Record<string, string>;
  /** Answer a matching If-None-Match with the full document, never 304 (as Verdaccio 6 does). */
  never304?: boolean;
  /** Apply to this many requests only, then fall back to the normal document. */
  times?: number;
}

export interface FixtureRequest {
  method: string;
  /** Raw request path, as sent (e.g. `/@scope%2fname`). */
  path: string;
  /** Lower-cased request headers, exactly as received (authorization included). */
  headers: Record<string, string | string[] | undefined>;
  /** Status the server answered with (0 while pending or when the client gave up). */
  status: number;
}

export interface FixtureRegistry {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: FixtureRequest[];
  /** Highest number of requests being answered at the same time. */
  readonly maxInFlight: number;
  readonly inFlight: number;
  /** Forget recorded requests and the in-flight maximum. */
  resetStats(): void;
  /** Script the answer for a package name; `null` removes the script. */
  setRoute(name: string, route: FixtureRoute | null): void;
  /** Add or replace one document (`undefined` makes the name unknown: 404). */
  setDocument(name: string, doc: FixtureDocument | undefined): void;
  /** Replace the whole document set. */
  setDocuments(documents: FixtureDocuments): void;
  setTarball(path: string, data: Buffer): void;
  /** Recorded requests whose path names this package. */
  requestsFor(name: string): FixtureRequest[];
  close(): Promise<void>;
}

export function prepareDocument(text: string, reread?: () => string, options?: { abbreviatedNow?: boolean }): PreparedDocument;

export function startFixtureRegistry(options?: FixtureRegistryOptions): Promise<FixtureRegistry>;

/** A document's abbreviated form (`application/vnd.npm.install-v1+json`), as npm's registry derives it. */
export function abbreviate(text: string): string;
