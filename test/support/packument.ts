/**
 * Builds realistic raw registry documents ("packuments") for tests: the shape
 * registry.npmjs.org serves for `GET /<name>`, trimmed of nothing the projection reads and
 * padded with the usual noise (readme, _id, dist.shasum, ...). Times are fixed instants.
 *
 *   makePackument({ name: 'left-pad', versions: [
 *     { version: '1.0.0', publishedAt: daysBefore(FIXTURE_NOW, 30), publisher: 'alice' },
 *     { version: '1.0.1', publishedAt: daysBefore(FIXTURE_NOW, 1), publisher: trustedPublisher() },
 *   ] })
 */

/** A fixed "now" for tests that need one: 2026-06-01T12:00:00Z. */
export const FIXTURE_NOW = Date.parse('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;

export const daysBefore = (now: number, days: number): number => now - days * DAY;
export const isoOf = (instant: number): string => new Date(instant).toISOString();

/** Raw `_npmUser` as the registry writes it. */
export interface RawNpmUser {
  name?: string;
  email?: string;
  trustedPublisher?: { id: string; oidcConfigId?: string };
  approver?: string | { name: string; email?: string };
}

/** `_npmUser` of a trusted-publishing (OIDC) release. */
export function trustedPublisher(provider = 'github', oidcConfigId = 'oidc:6f1c2b3a'): RawNpmUser {
  const names: Record<string, [string, string]> = {
    github: ['GitHub Actions', 'npm-oidc-no-reply@github.com'],
    gitlab: ['GitLab CI/CD', 'npm-oidc-no-reply@gitlab.com'],
  };
  const [name, email] = names[provider] ?? [`${provider} CI`, `npm-oidc-no-reply@${provider}.example`];
  return { name, email, trustedPublisher: { id: provider, oidcConfigId } };
}

/** `_npmUser` of a staged release approved by `approver`. */
export function stagedPublisher(publisher: string | RawNpmUser, approver: string): RawNpmUser {
  const base = typeof publisher === 'string' ? npmUser(publisher) : publisher;
  return { ...base, approver: { name: approver, email: `${approver}@example.com` } };
}

export const npmUser = (name: string): RawNpmUser => ({ name, email: `${name}@example.com` });

export interface FixtureVersionSpec {
  version: string;
  /** Instant (ms) written to `time[version]`; null leaves it out of `time`. Default: none. */
  publishedAt?: number | null;
  /** Account name, a raw `_npmUser`, or null for no `_npmUser` at all. Default: `alice`. */
  publisher?: string | RawNpmUser | null;
  /**
   * Snapshot maintainers (names); null omits the field. Default: `[publisher name]`, or
   * `['alice']` for trusted publishing (the humans who own the package).
   */
  maintainers?: string[] | null;
  provenance?: boolean;
  scripts?: Record<string, string>;
  deprecated?: string;
  dependencies?: Record<string, string>;
  /** Listed in `time` only (the version was unpublished). */
  unpublished?: boolean;
}

export interface PackumentSpec {
  name: string;
  versions?: FixtureVersionSpec[];
  /** Current owners (names); null omits the field. Default: every snapshot maintainer. */
  maintainers?: string[] | null;
  distTags?: Record<string, string>;
  /** Default: earliest publish time. */
  created?: number;
  /** Default: latest publish time. */
  modified?: number;
  /** Leave out `time` entirely (GitHub Packages, GitLab). */
  omitTime?: boolean;
  /** The whole package was unpublished at this instant (`time.unpublished`). */
  unpublishedAt?: number;
}

export type RawPackument = Record<string, unknown>;

const person = (name: string): { name: string; email: string } => ({ name, email: `${name}@example.com` });

function userOf(spec: FixtureVersionSpec): RawNpmUser | null {
  const publisher = spec.publisher === undefined ? 'alice' : spec.publisher;
  return typeof publisher === 'string' ? npmUser(publisher) : publisher;
}

function snapshotOf(spec: FixtureVersionSpec): string[] | null {
  if (spec.maintainers !== undefined) return spec.maintainers;
  const user = userOf(spec);
  if (user?.trustedPublisher) return ['alice'];
  return user?.name ? [user.name] : [];
}

function rawVersion(name: string, spec: FixtureVersionSpec): Record<string, unknown> {
  const user = userOf(spec);
  const maintainers = snapshotOf(spec);
  const file = `${name.replace(/^@[^/]+\//, '')}-${spec.version}.tgz`;
  const digest = Buffer.from(`${name}@${spec.version}`).toString('base64');
  const dist: Record<string, unknown> = {
    shasum: Buffer.from(`${name}@${spec.version}`).toString('hex').slice(0, 40).padEnd(40, '0'),
    tarball: `https://registry.npmjs.org/${name}/-/${file}`,
    integrity: `sha512-${digest}`,
    fileCount: 3,
    unpackedSize: 1024,
    signatures: [{ keyid: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', sig: 'MEUCIQ...' }],
  };
  if (spec.provenance) {
    dist.attestations = {
      url: `https://registry.npmjs.org/-/npm/v1/attestations/${name}@${spec.version}`,
      provenance: { predicateType: 'https://slsa.dev/provenance/v1' },
    };
  }
  return {
    name,
    version: spec.version,
    description: `${name} fixture`,
    main: 'index.js',
    license: 'MIT',
    ...(spec.dependencies ? { dependencies: spec.dependencies } : {}),
    ...(spec.scripts ? { scripts: spec.scripts } : { scripts: { test: 'node test.js' } }),
    ...(spec.deprecated !== undefined ? { deprecated: spec.deprecated } : {}),
    _id: `${name}@${spec.version}`,
    _nodeVersion: '22.11.0',
    _npmVersion: '11.6.0',
    ...(user ? { _npmUser: user } : {}),
    ...(maintainers ? { maintainers: maintainers.map(person) } : {}),
    dist,
    directories: {},
    _hasShrinkwrap: false,
  };
}

/** A raw packument as the registry serves it (a plain JSON-able object). */
export function makePackument(spec: PackumentSpec): RawPackument {
  const specs = spec.versions ?? [];
  const live = specs.filter((v) => !v.unpublished);
  const times = specs.map((v) => v.publishedAt).filter((t): t is number => typeof t === 'number');
  const time: Record<string, unknown> = {};
  const created = spec.created ?? (times.length ? Math.min(...times) : undefined);
  const modified = spec.modified ?? (times.length ? Math.max(...times) : spec.unpublishedAt);
  if (created !== undefined) time.created = isoOf(created);
  if (modified !== undefined) time.modified = isoOf(modified);
  for (const v of specs) if (typeof v.publishedAt === 'number') time[v.version] = isoOf(v.publishedAt);
  if (spec.unpublishedAt !== undefined) {
    time.unpublished = {
      time: isoOf(spec.unpublishedAt),
      versions: specs.map((v) => v.version),
      name: 'mallory',
    };
  }
  const versions = Object.fromEntries(live.map((v) => [v.version, rawVersion(spec.name, v)]));
  const owners = spec.maintainers === undefined
    ? [...new Set(live.flatMap((v) => snapshotOf(v) ?? []))]
    : spec.maintainers;
  const latest = live.at(-1)?.version;
  const doc: RawPackument = {
    _id: spec.name,
    _rev: '12-0b1e6a4f5c2d3e4f5a6b7c8d9e0f1a2b',
    name: spec.name,
    ...(spec.unpublishedAt === undefined
      ? { 'dist-tags': spec.distTags ?? (latest ? { latest } : {}), versions }
      : {}),
    ...(spec.omitTime ? {} : { time }),
    ...(owners && spec.unpublishedAt === undefined ? { maintainers: owners.map(person) } : {}),
    description: `${spec.name} fixture`,
    readme: `# ${spec.name}\n\nA fixture package.`,
    license: 'MIT',
    repository: { type: 'git', url: `git+https://github.com/example/${spec.name.replace('/', '-')}.git` },
  };
  return doc;
}
