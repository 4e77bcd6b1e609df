/** What `check` and `why` return: data only. Reporters in src/report/ turn it into text or JSON. */
import type { ExceptionLimit } from './exception-limits.js';
import type { RuleId } from './constants.js';
import type { MissingFacts, PolicyException } from './policy.js';
import type { ChangeOfHandsAssessment, Lockfile, PackageManager, Instant, PackageVerdict, ReleaseHistory, LockedPackage, Duration } from './types.js';

/** What would pass instead of a blocked version. */
export interface Suggestion {
  /** Newest passing version that satisfies every range the dependents ask for. */
  inRange: string | null;
  /** Newest passing version, ignoring the ranges. */
  anyRange: string | null;
}

/**
 * Where a plan's version sits against what the dependents ask for: within every range (after
 * the plan's own moves), outside a range but in the locked version's major line, or in another
 * major line than the locked version (a breaking upgrade or downgrade).
 */
export type PlanFit = 'in-range' | 'outside-range' | 'crosses-major';

/** A dependent the plan moves, whose own demand was set aside when the target was chosen. */
export interface HeldDependent {
  name: string;
  version: string;
  /** The version the plan holds it at. */
  target: string;
}

/**
 * One blocked package's part in the remedy plan (engine/plan.ts): the fix for the whole
 * lockfile at once, grouped by root cause.
 */
export interface PlanStep {
  /** `name@version` of the root cause whose remedy covers this package: itself, or the parent release that brought it in. */
  cause: string;
  /** cause: the remedy is its own; member: a package of its parent's release, fixed by the parent's remedy. */
  role: 'cause' | 'member';
  /** The version the plan holds it at; null for a member, when nothing passes, or when only its lockfile entry is wrong. */
  target: string | null;
  /** How `target` sits against the ranges; null without a target. */
  fit: PlanFit | null;
  /** The ranges the target was chosen within, after the dependents' own moves. */
  ranges: string[];
  /** False when the lockfile records no range for it: the locked version's major line stood in for one. */
  rangesKnown: boolean;
  /** Dependents the plan moves (their own demand no longer binds; their held release is assumed to ask within the same major line). */
  heldDependents: HeldDependent[];
  /** For a cause: the packages of the same release it covers (`name@version`, sorted); empty otherwise. */
  members: string[];
  /** For a cause with members: true when every member is an optional dependency (platform packages). */
  membersOptional: boolean;
  /** The direct dependencies (or workspaces) it is installed through, `name@version`, from its shortest paths. */
  via: string[];
}

export interface CheckedPackage extends PackageVerdict {
  /** Only computed for blocked registry packages: the newest passing versions ignoring the other fixes (the plan decides). */
  suggestion: Suggestion | null;
  /** This package's part in the remedy plan; null unless blocked. */
  plan: PlanStep | null;
  /** What to do about a blocked package (empty unless blocked). */
  remedies: Remedy[];
  /** The lockfiles that hold this package (several when a project has several). */
  lockfiles: string[];
  /** Set when only a change was checked (`--base`, the Action, `install`): how this entry changed. */
  change?: PackageChange | undefined;
}

export type LockfileSummary = Pick<Lockfile, 'path' | 'packageManager' | 'formatVersion'>;

/** A fact a registry may or may not give: publish times, publishers (`_npmUser`), account lists (`maintainers`), provenance (`dist.attestations`). */
export type RegistryFact = 'times' | 'publishers' | 'accounts' | 'provenance';

/**
 * What the gate could not know, once per registry: visible, never silently "allowed". Only
 * facts a rule in force needs (see engine/registry-facts.ts).
 */
export interface DataGap {
  registry: string;
  /** How many packages were looked up there. */
  looked: number;
  /** Per missing fact: the packages whose document did not give it, and the rules in force that need it. */
  missing: Array<{ fact: RegistryFact; packages: string[]; rules: RuleId[] }>;
  /** The registry's `missingFacts` setting: `acknowledge` means those rules were skipped. */
  missingFacts: MissingFacts;
  /** The registry's `historyFrom`, when the policy names one. */
  historyFrom: string | null;
  /** With historyFrom: the packages the history registry does not have (judged on this registry's own facts). */
  notOnHistory: string[];
}

export interface CheckReport {
  now: Instant;
  /** Every lockfile checked, in the order they were found. */
  lockfiles: LockfileSummary[];
  /** Where the policy came from: a file path, or `default`. */
  policySource: string;
  minReleaseAge: Duration;
  packages: CheckedPackage[];
  dataGaps: DataGap[];
  /**
   * Every exception in the policy and what became of it in this run. When only a change was
   * checked, only the exceptions that matched an evaluated entry.
   */
  exceptions: ExceptionStatus[];
  /** Set when only the entries a change brings were checked. */
  base?: { label: string; lockfiles: LockfileChangeSummary[] } | undefined;
}

/**
 * The one answer to "does this report stop the change?" (the CLI's exit code, install, the
 * hooks, the Bun scanner, the Action): at least one package is blocked.
 */
export function isBlocked(report: { readonly packages: readonly Pick<PackageVerdict, 'verdict'>[] }): boolean {
  return report.packages.some((entry) => entry.verdict === 'block');
}

export interface PublisherSpan {
  publisher: string;
  trusted: boolean;
  firstPublishedAt: Instant | null;
  lastPublishedAt: Instant | null;
  versions: string[];
}

export interface MaintainerChange {
  version: string;
  at: Instant | null;
  added: string[];
  removed: string[];
}

export interface WhyVersion extends PackageVerdict {
  locked: boolean;
  paths: string[][];
  pathCount: number;
  requestedRanges: string[];
  publisher: string | null;
  trustedPublisher: boolean;
  approver: string | null;
  /** null when the registry gave provenance for no version of the package: unknown, not "none". */
  provenance: boolean | null;
  installScripts: string[];
  suggestion: Suggestion | null;
  /** Its part in the plan for the project's lockfile (see PlanStep); null unless blocked. */
  plan: PlanStep | null;
  remedies: Remedy[];
  /**
   * A newcomer published this version but the change-of-hands signals scored too little for a
   * finding (discounted, or nothing else fired): what was weighed, so `why` can say so. Null
   * when there is a new-publisher finding, or nobody new published it.
   */
  quietChangeOfHands: ChangeOfHandsAssessment | null;
}

export interface WhyReport {
  now: Instant;
  name: string;
  /** The lockfiles read (none when the project has no lockfile). */
  lockfiles: LockfileSummary[];
  policySource: string;
  minReleaseAge: Duration;
  /** null when the package comes from a non-registry source only. */
  registry: string | null;
  notFound: boolean;
  /** Newest version that passes today within every locked dependent's ranges. */
  newestAllowed: string | null;
  latest: string | null;
  currentMaintainers: string[] | null;
  publishers: PublisherSpan[];
  maintainerChanges: MaintainerChange[];
  /**
   * Facts the registry's document gave for no version of the package (engine/registry-facts.ts):
   * what `why` cannot state. Empty when it gave them all, or is not a registry package.
   */
  factsNotGiven: RegistryFact[];
  versions: WhyVersion[];
  /** `why name@<range>`: what the range covers; null for a name or an exact version. */
  range: WhyRange | null;
  /** `why name@<dist-tag>`: the tag asked for and the version it points to (the one explained); null otherwise. */
  distTag: { tag: string; version: string } | null;
}

/** What a semver range asked of `why` covers (engine/why.ts): the versions it matches and which of them pass. */
export interface WhyRange {
  range: string;
  /** Published versions the range matches (no prereleases unless the range names one), newest first. */
  matching: string[];
  /** The newest matching version that passes today and is not deprecated, or null. */
  newestPassing: string | null;
  /** Matching versions newer than newestPassing that the gate blocks, newest first (the first 10 are explained in `versions`). */
  blocked: string[];
  /** Matching versions newer than newestPassing that pass but are deprecated, so not suggested. */
  deprecated: string[];
}

/** What a person can do about a blocked version (engine/remedy.ts computes them). */
export type OverrideField = 'overrides' | 'pnpm.overrides' | 'resolutions';

export type Remedy =
  /**
   * Run this command in the project root (a direct dependency moves to `version`). `args` is
   * the command as words (argv, the program first); reporters quote them for a shell.
   */
  | {
      kind: 'install';
      packageManager: PackageManager;
      args: string[];
      version: string;
      fit: PlanFit;
      /** pnpm config dependency: `args` pins it in pnpm-workspace.yaml's configDependencies (`pnpm add --config`). */
      configDependency?: boolean;
    }
  /** Add `"<name>": "<version>"` under `field` in the root package.json, then install again. */
  | { kind: 'override'; packageManager: PackageManager; field: OverrideField; name: string; version: string; fit: PlanFit }
  /** Delete the package's lockfile entries and run `args`, so the registry's URL and integrity are written again. */
  | { kind: 'relock'; packageManager: PackageManager; args: string[] }
  /** Record an exception (after reviewing the release). */
  | {
      kind: 'exception';
      args: string[];
      rules: RuleId[];
      expires: string;
      /** The expiry is the policy's maxExceptionDays, earlier than the version would become eligible. */
      capped: boolean;
    };

/** What became of one policy exception in a run (engine/exception-status.ts computes them). */
export type ExceptionState =
  /** It let at least one finding of a locked package through. */
  | 'active'
  /** Past its expiry: it no longer applies, and can be removed or renewed. */
  | 'expired'
  /** It matches locked packages, but none of them needs it any more (aged past the window, say). */
  | 'not-needed'
  /** It matches no locked package. */
  | 'unmatched';

export interface ExceptionStatus {
  exception: PolicyException;
  state: ExceptionState;
  /** `name@version` of the locked packages it matches. */
  matched: string[];
  /** `name@version` of the locked packages it let a finding through for. */
  applied: string[];
  /** The limits it breaks (model/exception-limits.ts): `check` warns, `allow` would have refused it. */
  limits: ExceptionLimit[];
  /** The policy's maxExceptionDays, which `too-long` is measured against. */
  maxExceptionDays: number;
}

/** How a lockfile, and each evaluated entry in it, differs from the base (engine/lockfile-diff.ts). */
export type LockfileStatus = 'added' | 'removed' | 'modified' | 'unchanged';

/** How one evaluated entry differs from the base. */
export interface PackageChange {
  /**
   * added: a version the base did not have and that replaces none (a new name, or a second
   * copy beside the old one); upgraded/downgraded/replaced: it takes the place of the versions
   * in `from` (replaced: some older, some newer); source: same name@version, but a new resolved
   * URL, integrity or git commit.
   */
  kind: 'added' | 'upgraded' | 'downgraded' | 'replaced' | 'source';
  /** The versions of this name in the base lockfile that the head no longer has (old side of "old → new"). */
  from: string[];
}

export interface LockfileChangeSummary {
  path: string;
  status: LockfileStatus;
  /** Entries evaluated because they are new or changed. */
  changed: number;
  /** name@version pairs that are gone. */
  removed: number;
}

export type { ReleaseHistory, LockedPackage };

/**
 * What a pull request changes in the gate itself (the Action, issue 15): its policy and its
 * registry configuration take effect only once merged, unless the team opted in to its policy.
 */
export interface GateChange {
  /** The policy as the pull request leaves it differs from the base's. */
  policyChanged: boolean;
  /** Why the pull request's policy could not be read (it does not load), or null. */
  policyProblem: string | null;
  /** Registry configuration files (`.npmrc`, `.yarnrc.yml`) the pull request adds, edits or deletes. */
  registryFiles: string[];
  /** `trust-pr-policy`: the pull request's policy decided the verdict. */
  headPolicyTrusted: boolean;
  /** Exceptions the pull request's policy adds, as written (`left-pad@1.3.1`). */
  addedExceptions: string[];
  /**
   * `name@version` entries one policy blocks and the other does not: what the pull request's
   * policy would let through once merged (or, when it is trusted, what the base's would block).
   */
  policyDifference: string[];
}
