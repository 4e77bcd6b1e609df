/** What a backtest returns: data only. engine/backtest.ts computes it, src/report/ prints it. */
import type { LockfileSummary } from './report.js';
import type { Duration, Finding, Instant, Severity, Verdict } from './types.js';

/**
 * Rules whose findings say "the hands on this package changed". A backtest lists every one of
 * their findings as an alert and sums them apart. Rules or signals added for issue 14 join here.
 */
export const CHANGE_OF_HANDS_RULES: readonly string[] = ['new-publisher', 'maintainer-change', 'trust-downgrade'];

/** How long the releases of a group were held, from their publish time. */
export interface HoldStats {
  /** Over the holds that end by themselves; null when there are none. */
  median: Duration | null;
  max: Duration | null;
  /** Held releases whose finding only a change can clear (no end date). */
  endless: number;
}

/**
 * finding: the rule's findings themselves, split by their own `signal` or `kind` (a release
 * counts once per row). signal / discount: a breakdown of the rule's findings by each entry of
 * their `signals` / `discounts` lists (a release counts under every one its finding carried).
 */
export type GroupPart = 'finding' | 'signal' | 'discount';

/** One rule, or one signal (kind) of a rule: how many replayed releases it held or warned on. */
export interface BacktestGroup {
  rule: string;
  /**
   * part `finding`: the finding's `signal` when it carries one, else its `kind`
   * (maintainer-change: added, replaced; missing-version: package, version), else null.
   * part `signal` / `discount`: the name of the signal or discount.
   */
  signal: string | null;
  part: GroupPart;
  changeOfHands: boolean;
  /** Releases with at least one blocking finding of this group. */
  blocked: number;
  /** Releases with a warning finding of this group and no blocking one of it. */
  warned: number;
  holds: HoldStats;
}

/** One change-of-hands finding on one replayed release. */
export interface BacktestAlert {
  name: string;
  version: string;
  publishedAt: Instant;
  /** The instant the release was judged at (and the history cut at). */
  judgedAt: Instant;
  severity: Severity;
  /** The verdict of the whole release then. */
  verdict: Verdict;
  finding: Finding;
}

export interface BacktestResult {
  /** Releases published from `since` up to `until` were replayed. */
  since: Instant;
  until: Instant;
  /** Each release was judged this long after its publish time (or at `until`, if sooner). */
  delay: Duration;
  /** Registry package names replayed (those the registry knows). */
  packages: number;
  /** Locked registry names the registry does not know: nothing to replay. */
  notFound: string[];
  /** Releases judged. */
  releases: number;
  /** Versions in the period's packages whose publish time is unknown: not replayed. */
  untimed: number;
  blocked: number;
  warned: number;
  /** Releases with at least one blocking change-of-hands finding. */
  changeOfHandsBlocked: number;
  /** Releases with a change-of-hands warning and no change-of-hands block. */
  changeOfHandsWarned: number;
  /** How long blocked releases were held in all (verdict eligibleAt - publish time). */
  holds: HoldStats;
  /** One per rule and signal that fired, in rule order, each rule's breakdowns after it. */
  groups: BacktestGroup[];
  /** Every change-of-hands finding, oldest release first. */
  alerts: BacktestAlert[];
}

export interface BacktestReport extends BacktestResult {
  now: Instant;
  lockfiles: LockfileSummary[];
  policySource: string;
}
