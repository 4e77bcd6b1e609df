/**
 * The data model shared by every layer. Pure types only: no I/O, no clock.
 *
 * Instants are milliseconds since the Unix epoch (UTC). Durations are milliseconds.
 * Reporters turn both into ISO strings and prose; nothing below them formats time.
 */
import type { RuleId } from './constants.js';
import type { PolicyException, PolicyOverride } from './policy.js';
import type { Duration, Instant, RuleSeverity, Severity } from './primitives.js';

export type { Duration, Instant, RuleSeverity, Severity };

/** Where a locked package comes from. Only `registry` packages are looked up. */
export type SourceKind = 'registry' | 'git' | 'tarball' | 'file' | 'link' | 'workspace';

/** The package managers, as their lockfiles tell them apart (Yarn classic and Berry differ): the one list. */
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn-classic', 'yarn-berry', 'bun'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** The command a package manager runs as: both Yarns are `yarn`. */
export type PackageManagerCommand = Exclude<PackageManager, 'yarn-classic' | 'yarn-berry'> | 'yarn';

export function commandOf(manager: PackageManager): PackageManagerCommand {
  return manager === 'yarn-classic' || manager === 'yarn-berry' ? 'yarn' : manager;
}

/** `npm`, `pnpm`, `yarn`, `bun`: what `install --package-manager` takes. */
export const PACKAGE_MANAGER_COMMANDS: readonly PackageManagerCommand[] = [...new Set(PACKAGE_MANAGERS.map(commandOf))];

/**
 * One way a locked package is fetched: a distinct `resolved` and `integrity` among the places
 * it is installed. A registry version is looked up once, but each copy's claims are judged:
 * a second copy of a known version fetched from elsewhere must not hide behind the first.
 */
export interface LockedCopy {
  /** Where the lockfile installs it: npm's `node_modules/a/node_modules/b`, pnpm's, Yarn's or Bun's entry key; null when unknown. */
  location: string | null;
  resolved: string | null;
  integrity: string | null;
  /** False when the lockfile format records no tarball integrity (Yarn Berry, the packages Bun's scanner sees). */
  recordsIntegrity: boolean;
}

/**
 * One distinct name@version (and, for non-registry sources, origin) from a lockfile, merged
 * over every place it is installed. Merged for the history lookup, never for the source check:
 * `copies` keeps every distinct (resolved, integrity) pair.
 */
export interface LockedPackage {
  /** Real package name: an alias such as `"my-alias": "npm:real@1.2.3"` resolves to `real`. */
  name: string;
  version: string;
  source: SourceKind;
  /** Names it is installed under when they differ from `name` (npm: aliases). */
  aliases: string[];
  /** The lockfile's claim (that of `copies[0]`); never trusted for publish data. */
  resolved: string | null;
  integrity: string | null;
  /**
   * Every distinct (resolved, integrity) pair among its installs, in lockfile order, the first
   * being `resolved`/`integrity` above. Empty for a version that is not locked (`why`,
   * suggestions, replays): there is no lockfile claim to judge.
   */
  copies: LockedCopy[];
  /** True when every install of it is only needed for development. */
  dev: boolean;
  /** True when every install of it is optional. */
  optional: boolean;
  /** True when the root project depends on it directly (not only through other packages or a workspace). */
  direct: boolean;
  /**
   * True when pnpm 11+ installs it as a config dependency (`configDependencies` of
   * pnpm-workspace.yaml, locked in the lockfile's env document): installed before anything
   * else, its hooks run by pnpm. Absent (false) for every other package and format.
   */
  configDependency?: boolean;
  /**
   * Dependency paths from the root (or a workspace importer), shortest first, each a list of
   * `name@version` steps ending with this package. Capped at MAX_PATHS_PER_PACKAGE.
   */
  paths: string[][];
  /** Total number of distinct paths found before capping (at least paths.length). */
  pathCount: number;
  /** Ranges its dependents ask for (`^1.2.0`), used to suggest a version that would pass. */
  requestedRanges: string[];
  /**
   * Who asks for it, and with which range: `dependent` is `name@version` of the dependent
   * package, or null for the root project (or a workspace importer); `range` is null when the
   * lockfile does not record the range on that edge. Empty when the version is not locked; null
   * when the source records no edges at all (Bun's scanner: the plan infers them from the
   * registry's dependency lists). The remedy plan (engine/plan.ts) reads it to drop the demand
   * of a dependent that the plan itself moves.
   */
  dependents: Dependent[] | null;
}

/** One edge into a locked package (see LockedPackage.dependents). */
export interface Dependent {
  dependent: string | null;
  range: string | null;
}

export interface Lockfile {
  /** Path as given by the caller (for messages); parsers never read it. */
  path: string;
  packageManager: PackageManager;
  /** The format's own version marker, e.g. npm lockfileVersion 3. */
  formatVersion: string;
  packages: LockedPackage[];
}

/** Who published a version, as the registry recorded it in `_npmUser`. */
export interface Publisher {
  /**
   * Identity used to compare publishers across versions: the account name, or
   * `trusted:<provider>` for npm trusted publishing (OIDC).
   */
  id: string;
  /** Display name (account name, or the registry's name for the OIDC identity). */
  name: string;
  /** Set when the version was published through trusted publishing. */
  trustedPublisher: { provider: string; configId: string | null } | null;
  /** Staged publishing: the human account that approved the release. */
  approver: string | null;
}

export type InstallScriptName = 'preinstall' | 'install' | 'postinstall';

/** Everything the rules need to know about one published version. */
export interface VersionRecord {
  version: string;
  /** From the registry's `time` map only; null when the registry gives none. */
  publishedAt: Instant | null;
  /** null when the registry does not say (`_npmUser` missing). */
  publisher: Publisher | null;
  /** Account names in the version's maintainer snapshot; null when unknown (not "empty"). */
  maintainers: string[] | null;
  /** `dist.attestations.provenance` present. */
  provenance: boolean;
  /**
   * The digests the registry published for the tarball (`dist.integrity`, `dist.shasum`) in
   * compact form (see model/integrity.ts); null when it published none.
   */
  integrity: string | null;
  /** `dist.tarball`: where the registry says the bytes are; null when it gave none. */
  tarball: string | null;
  /** Install-time lifecycle scripts the version declares. */
  installScripts: InstallScriptName[];
  /**
   * Names of the packages it installs with it (`dependencies` and `optionalDependencies`),
   * sorted; null when unknown (unpublished, or the registry gave something that is not a list).
   */
  dependencies: string[] | null;
  deprecated: string | null;
  /** Listed in `time` but gone from `versions`. */
  unpublished: boolean;
  /**
   * The registry's own `hasInstallScript` flag, set only in an abbreviated document's view
   * (ReleaseHistory.abbreviated), which does not name the scripts (`installScripts` is empty there).
   */
  hasInstallScript?: true;
  /**
   * Set when the history came from another registry (policy `historyFrom`) and that registry
   * disagrees about this version: lockfile-binding blocks it.
   */
  historyMismatch?: HistoryMismatch;
}

/** How a history registry (policy `historyFrom`) disagrees with the install registry about one version. */
export interface HistoryMismatch {
  /** The history registry (no credentials). */
  registry: string;
  /** missing: it does not have the version; integrity: it published other digests for it. */
  kind: 'missing' | 'integrity';
  /** Its digests for the version in compact form; null when it has none. */
  published: string | null;
}

/** A version record whose publish time the registry gave. */
export type TimedVersion = VersionRecord & { publishedAt: Instant };

/**
 * The compact projection of a registry document. Built as soon as a document arrives;
 * the raw document is never kept.
 */
export interface ReleaseHistory {
  name: string;
  /** Registry the history came from (no credentials). */
  registry: string;
  created: Instant | null;
  modified: Instant | null;
  /** Current owners (top-level `maintainers`); null when the registry does not say. */
  maintainers: string[] | null;
  distTags: Record<string, string>;
  /** Every version the registry knows of, ordered by publish time (unknown times last). */
  versions: VersionRecord[];
  /** Set when the whole package was unpublished. */
  unpublishedAt: Instant | null;
  /**
   * Set when the policy takes this registry's history from another one (`historyFrom`): that
   * registry, and whether it had the package (`found`: times, publishers, account lists and
   * provenance are its; `not-found`: they are this registry's own).
   */
  historyFrom?: { registry: string; status: 'found' | 'not-found' };
  /**
   * Projected from an abbreviated document (`application/vnd.npm.install-v1+json`): versions,
   * `dist`, dependency names, `deprecated`, `hasInstallScript` and `modified` only; no publish
   * times, publishers, account lists, provenance or script names. Only ever judged as a settled
   * view (engine/settled.ts), never by the rules that need what it lacks.
   */
  abbreviated?: true;
  /**
   * An abbreviated document answered with its `modified` alone (no version projected): it was
   * modified after the instant the caller asked about, so the package is not settled and only
   * its full document can judge it (HistorySource.fetchAbbreviated).
   */
  partial?: true;
  /**
   * The settled view (engine/settled.ts): every publish, owner change and deprecation of the
   * package happened at or before `before` (the document's `modified`), which lies past every
   * window of the policy, so only what an abbreviated document gives is kept, on every path.
   */
  settled?: { before: Instant };
}

export type Verdict = 'allow' | 'warn' | 'block';

/**
 * Trust evidence of a release, ranked staged >= trusted-publisher > provenance > none. `staged`:
 * a human approved the release with 2FA (`_npmUser.approver`); a stolen token cannot do that,
 * and some staged releases lost their provenance through an npm bug (npm/cli#9397).
 */
export type TrustLevel = 'none' | 'provenance' | 'trusted-publisher' | 'staged';

/**
 * Who publishes what across the project's dependency graph: built from every history of one
 * check (engine/publisher-index.ts), so the change-of-hands rule can tell a stranger from an
 * account that already publishes other packages the project installs.
 */
export interface PublisherIndex {
  /** Account name -> package name -> the account's first publish of that package. */
  accounts: ReadonlyMap<string, ReadonlyMap<string, Instant>>;
  /** Package name -> its first publish, for every package of the graph. */
  firstPublished: ReadonlyMap<string, Instant>;
}

/**
 * A takeover signal that fired alongside a new publisher (see rules/signal-*.ts). Each names
 * its evidence; the policy gives each a weight (strong, weak or off).
 */
export type ChangeSignal =
  /** Nobody who published the package before the newcomer is still a maintainer or still publishes. */
  | { signal: 'previous-publishers-gone'; previousPublishers: string[] }
  /** The locked version's maintainer list shares nobody with the list before the newcomer came. */
  | { signal: 'owners-replaced'; added: string[]; removed: string[]; baselineVersion: string }
  /** The release adds dependencies no earlier release had; `young`: those first published shortly before it. */
  | { signal: 'new-dependency'; names: string[]; patch: boolean; young: Array<{ name: string; firstPublishedAt: Instant }> }
  /** The first release after a long silence. */
  | { signal: 'dormant-revived'; previousReleaseAt: Instant; silence: Duration }
  /** The release adds install scripts the previous version did not have. */
  | { signal: 'install-script'; scripts: InstallScriptName[]; previousVersion: string }
  /** The release has less trust evidence than earlier versions of its line. */
  | { signal: 'trust-downgrade'; line: string; expected: TrustLevel; actual: TrustLevel; evidenceVersion: string };


/** Evidence that a new publisher is an ordinary change of hands (a team growing, a move into an organisation). */
export type ChangeDiscount =
  /** The account already published other packages of this project's graph, the first `since`. */
  | { discount: 'publishes-in-project'; packages: number; since: Instant; examples: string[] }
  /** Earlier publishers are still maintainers, or published again after the newcomer arrived. */
  | { discount: 'previous-publishers-stay'; publishers: string[]; publishedSince: boolean }
  /** The maintainer list grew: everyone from before the newcomer is still on it. */
  | { discount: 'owners-grew'; added: string[] };

interface FindingBase {
  severity: Severity;
  /** When this finding stops applying by itself; null when only a change can clear it. */
  eligibleAt: Instant | null;
}

export interface ReleaseAgeFinding extends FindingBase {
  rule: 'release-age';
  publishedAt: Instant;
  minReleaseAge: Duration;
}

/**
 * A change of hands: the locked version was published by someone new to the package. The
 * severity comes from the signals that fired with it (the combination decides, see
 * docs/detection.md); `discounts` say what made it look like an ordinary change.
 */
export interface NewPublisherFinding extends FindingBase {
  rule: 'new-publisher';
  publisher: string;
  /** When this publisher first published (or first appeared as a maintainer of) the package. */
  firstSeenAt: Instant;
  previousPublishers: string[];
  window: Duration;
  /** True when the move could not be checked because maintainer snapshots are unknown. */
  unverified: boolean;
  /** Takeover signals that fired, each with the points the policy gives it (strong 2, weak 1). */
  signals: Array<ChangeSignal & { points: number }>;
  /** Signals that fired but the policy turns off. */
  ignored: ChangeSignal[];
  discounts: ChangeDiscount[];
  /** Signal points minus discounts: 4 or more blocks, 2 or more warns (docs/detection.md). */
  score: number;
  /** False when the check had no project graph (one package alone): publishes-in-project was not looked at. */
  graphKnown: boolean;
}

export interface MaintainerChangeFinding extends FindingBase {
  rule: 'maintainer-change';
  /**
   * added: accounts joined within the window; replaced: every earlier maintainer is gone;
   * pending: current owners include accounts that are in no version's snapshot yet.
   */
  kind: 'added' | 'replaced' | 'pending';
  added: string[];
  removed: string[];
  /** The version whose snapshot was the baseline (null for `pending`). */
  baselineVersion: string | null;
}

/**
 * How new-publisher judged a newcomer's release, whatever came of it: `severity` is `off` when
 * the signals scored too little for a finding (`why` shows it, so a discount is visible).
 */
export type ChangeOfHandsAssessment = Omit<NewPublisherFinding, 'severity'> & { severity: RuleSeverity };

/** eligibleAt: the release's publish time + `hold` (a slow lane, not a ban). */
export interface TrustDowngradeFinding extends FindingBase {
  rule: 'trust-downgrade';
  /** Release line compared within, e.g. `2` or `0.4`. */
  line: string;
  expected: TrustLevel;
  actual: TrustLevel;
  /** The newest earlier version in the line that had `expected`. */
  evidenceVersion: string;
}

export interface InstallScriptFinding extends FindingBase {
  rule: 'install-script';
  scripts: InstallScriptName[];
  previousVersion: string | null;
}

export interface UnknownPublishTimeFinding extends FindingBase {
  rule: 'unknown-publish-time';
  registry: string;
}

export interface MissingVersionFinding extends FindingBase {
  rule: 'missing-version';
  /** package: the registry does not know the package; version: it knows the package but not this version. */
  kind: 'package' | 'version';
  registry: string;
  unpublishedAt: Instant | null;
}

export interface NonRegistrySourceFinding extends FindingBase {
  rule: 'non-registry-source';
  source: SourceKind;
  resolved: string | null;
}

export interface LockfileBindingFinding extends FindingBase {
  rule: 'lockfile-binding';
  /**
   * tarball: `resolved` is not the registry's `dist.tarball`, nor a tarball URL on a host the
   * configuration names as a registry for the package; integrity: the lockfile's digest differs
   * from the registry's; integrity-algorithm: it names no algorithm the registry publishes;
   * missing-integrity: the lockfile records none for a version the registry publishes one for.
   * history-missing / history-integrity: the registry the policy takes the history from
   * (`historyFrom`) does not have this version / published other digests for it, so the history
   * checked is not that of the bytes installed (`locked`: the install registry's digests).
   */
  kind: 'tarball' | 'integrity' | 'integrity-algorithm' | 'missing-integrity' | 'history-missing' | 'history-integrity';
  /** The copy's install location (LockedCopy.location). */
  location: string | null;
  /** The lockfile's value: `resolved` (tarball) or `integrity`; null when missing. */
  locked: string | null;
  /** What the registry published: `dist.tarball`, or its digests in compact form; null when it gave none. */
  published: string | null;
  registry: string;
  /** The history registry, for the history-* kinds. */
  historyRegistry?: string;
}

/** lockfile-binding kinds about the history registry, not the lockfile: writing the lockfile again does not help. */
export function isHistoryBinding(finding: Finding): boolean {
  return finding.rule === 'lockfile-binding' && (finding.kind === 'history-missing' || finding.kind === 'history-integrity');
}

export type Finding =
  | ReleaseAgeFinding
  | NewPublisherFinding
  | MaintainerChangeFinding
  | TrustDowngradeFinding
  | InstallScriptFinding
  | UnknownPublishTimeFinding
  | MissingVersionFinding
  | NonRegistrySourceFinding
  | LockfileBindingFinding;

/** Compile-time check that every rule id has a finding shape. */
export type FindingFor<R extends RuleId> = Extract<Finding, { rule: R }>;

/** The evaluated state of one locked name@version. */
export interface PackageVerdict {
  name: string;
  version: string;
  source: SourceKind;
  dev: boolean;
  optional: boolean;
  /** A pnpm config dependency (see LockedPackage.configDependency). */
  configDependency?: boolean;
  verdict: Verdict;
  publishedAt: Instant | null;
  /**
   * For a settled package (ReleaseHistory.settled), judged without publish times: the instant
   * every version of it was published at or before (its `modified`). Absent otherwise.
   */
  publishedBefore?: Instant;
  /**
   * When the version passes: the latest eligibleAt of its blocking findings (null when a
   * blocking finding never lapses by itself). For a version that is not blocked, the end of
   * its release-age window when known.
   */
  eligibleAt: Instant | null;
  /** The findings that count: those no active exception lets through. */
  findings: Finding[];
  /** Findings an active exception let through; they do not count towards the verdict. */
  excepted: ExceptedFinding[];
  /** Active exceptions that match this name@version (whether or not they let anything through). */
  exceptions: PolicyException[];
  /** Exceptions that match but have expired: reported, never applied. */
  expiredExceptions: PolicyException[];
  /** Policy overrides whose conditions matched, in the order they were applied. */
  overrides: PolicyOverride[];
}

export interface ExceptedFinding {
  finding: Finding;
  exception: PolicyException;
}
