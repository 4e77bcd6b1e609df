/**
 * npm-registry-fetch / make-fetch-happen failures -> QuarantineError. Their own messages carry
 * request URLs (which may embed credentials), so none of their text is reused: messages are
 * built from the status or error code, the package name and a redacted registry URL.
 */
import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';
import { redactUrl, registryAuthKey } from './fetch-options.js';

interface FailureFacts {
  status: number | null;
  code: string | null;
  type: string | null;
  /** The size limit a `document-too-large` failure hit. */
  limit: number | null;
}

function factsOf(error: unknown): FailureFacts {
  if (typeof error !== 'object' || error === null) return { status: null, code: null, type: null, limit: null };
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : null;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  const type = 'type' in error && typeof error.type === 'string' ? error.type : null;
  const limit = 'limit' in error && typeof error.limit === 'number' ? error.limit : null;
  return { status, code, type, limit };
}

export function isNotFound(error: unknown): boolean {
  return factsOf(error).status === 404;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/;

export interface FailureContext {
  name: string;
  /** Registry URL as configured (may hold credentials: redacted here). */
  registry: string;
  attempts: number;
  timeout: number;
  /** The whole document's deadline in ms. */
  documentDeadline: number;
  /** Whether the config holds credentials for this registry (never the credentials). */
  hasCredentials: boolean;
}

export function toQuarantineError(error: unknown, context: FailureContext): QuarantineError {
  const { status, code, type, limit } = factsOf(error);
  const registry = redactUrl(context.registry);
  const where = `${registry}: `;
  const { name } = context;

  if (status === 401 || status === 403) {
    const authKey = registryAuthKey(registry);
    const login = `npm login --registry=${registry}`;
    return new QuarantineError(
      ERROR_CODES.registryAuth,
      `${where}authentication refused (${status}) fetching ${name}`,
      {
        hint: context.hasCredentials
          ? `check the auth token for ${authKey} in your .npmrc (${login})`
          : `no credentials are configured for ${authKey}: add ${authKey}:_authToken=\${TOKEN} to your .npmrc (${login})`,
      },
    );
  }
  if (status !== null && (status >= 500 || status === 408 || status === 420 || status === 429)) {
    return new QuarantineError(
      ERROR_CODES.registryUnavailable,
      `${where}unavailable (HTTP ${status}) fetching ${name}, ${context.attempts} attempt(s)`,
      { hint: 'the registry may be down or rate limiting: try again later' },
    );
  }
  if (status !== null) {
    return new QuarantineError(
      ERROR_CODES.registryResponse,
      `${where}unexpected answer (HTTP ${status}) fetching ${name}`,
      { hint: 'check that the registry URL in your .npmrc points at an npm registry' },
    );
  }
  if (type === 'invalid-json' || (error instanceof SyntaxError)) {
    return new QuarantineError(
      ERROR_CODES.registryResponse,
      `${where}the answer for ${name} is not valid JSON`,
      { hint: 'check that the registry URL in your .npmrc points at an npm registry' },
    );
  }
  if (type === 'scheme-downgrade') {
    return new QuarantineError(
      ERROR_CODES.registryResponse,
      `${where}redirected from https to http fetching ${name}: refused (credentials and answers would travel in clear text)`,
      { hint: 'point the registry URL in your .npmrc at its https address, or ask its operator to stop redirecting to http' },
    );
  }
  if (type === 'document-too-large') {
    const mib = Math.round(((limit ?? 0) / 1024 / 1024) * 10) / 10;
    return new QuarantineError(
      ERROR_CODES.registryResponse,
      `${where}the document for ${name} is larger than ${mib} MiB once decompressed: refused`,
      { hint: 'a registry document is at most about 100 MB: check that the registry URL points at an npm registry (or raise --max-document-size)' },
    );
  }
  if (type === 'document-deadline') {
    return new QuarantineError(
      ERROR_CODES.registryUnavailable,
      `${where}no complete answer for ${name} within ${context.documentDeadline} ms: gave up`,
      { hint: 'the registry is very slow or stalls mid-answer: check your network or proxy settings, try again later, or raise --document-timeout' },
    );
  }
  if (type === 'request-timeout' || (code !== null && /TIMEDOUT|TIMEOUT$/.test(code))) {
    return new QuarantineError(
      ERROR_CODES.registryUnavailable,
      `${where}timed out fetching ${name} (${context.timeout} ms per attempt, ${context.attempts} attempt(s))`,
      { hint: 'the registry is slow or unreachable: check your network or proxy settings, or try again later' },
    );
  }
  if (code !== null && TLS_CODES.test(code)) {
    return new QuarantineError(
      ERROR_CODES.registryUnavailable,
      `${where}TLS failure (${code}) fetching ${name}`,
      { hint: 'set `cafile` in your .npmrc to your registry\'s CA certificate' },
    );
  }
  return new QuarantineError(
    ERROR_CODES.registryUnavailable,
    `${where}cannot connect (${code ?? 'unknown error'}) fetching ${name}`,
    { hint: 'check the registry URL, your network and proxy settings' },
  );
}
