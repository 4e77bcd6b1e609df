/**
 * The backtest: replays every release of the project's packages over a period, each judged a
 * day after its publish time with every history cut to what the registry knew then
 * (replay.ts), and sums how often each rule and signal held or warned, and for how long.
 * Pure: every history of the project is in memory for the whole replay (cross-package
 * signals read the other packages as of the same instant); the clock comes in as `until`.
 */
import { RULE_IDS } from '../model/constants.js';
import { CHANGE_OF_HANDS_RULES, type BacktestAlert, type BacktestGroup, type BacktestResult, type GroupPart, type HoldStats } from '../model/backtest.js';
import { DAY } from '../model/instant.js';
import type { Policy } from '../model/policy.js';
import type { Duration, Finding, Instant, PackageVerdict, ReleaseHistory } from '../model/types.js';
import { judgeRelease, projectAsOf } from './replay.js';

export interface BacktestOptions {
  /** Every registry package of the project, by name, as the registry serves it today. */
  histories: ReadonlyMap<string, ReleaseHistory>;
  /** Locked names the registry does not know (reported, nothing to replay). */
  notFound?: readonly string[];
  policy: Policy;
  since: Instant;
  /** The end of the period (the run's `now`). */
  until: Instant;
  /** How long after its publish time a release is judged (default one day). */
  delay?: Duration;
  /** Whether a package is only a development dependency in the project (policy overrides). */
  devOf?: (name: string) => boolean;
  /** Judges one release (default judgeRelease; tests and tuning scripts wrap it). */
  judge?: typeof judgeRelease;
}

/** The signal a finding belongs to within its rule: its `signal`, else its `kind`, else null. */
export function signalOf(finding: Finding): string | null {
  const fields = finding as unknown as Record<string, unknown>;
  if (typeof fields['signal'] === 'string') return fields['signal'];
  return typeof fields['kind'] === 'string' ? fields['kind'] : null;
}

export const isChangeOfHands = (finding: Finding): boolean => CHANGE_OF_HANDS_RULES.includes(finding.rule);

/** Median and max of the holds that end, and how many do not. */
export function holdStats(holds: readonly (Duration | null)[]): HoldStats {
  const ending = holds.filter((hold): hold is Duration => hold !== null).sort((a, b) => a - b);
  const endless = holds.length - ending.length;
  if (ending.length === 0) return { median: null, max: null, endless };
  const middle = Math.floor(ending.length / 2);
  const median = ending.length % 2 === 1 ? (ending[middle] as number) : ((ending[middle - 1] as number) + (ending[middle] as number)) / 2;
  return { median, max: ending[ending.length - 1] as number, endless };
}

interface Tally {
  rule: string;
  signal: string | null;
  part: GroupPart;
  blocked: number;
  warned: number;
  holds: (Duration | null)[];
}

/** Names listed under `field` (`signals`, `discounts`) of a finding, by their `key`, once each. */
function listed(finding: Finding, field: string, key: string): string[] {
  const list = (finding as unknown as Record<string, unknown>)[field];
  if (!Array.isArray(list)) return [];
  const names = list.flatMap((entry: unknown) => {
    const name = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[key] : undefined;
    return typeof name === 'string' ? [name] : [];
  });
  return [...new Set(names)];
}

/** Every group a finding counts in: its own (rule + signal or kind), then each signal and discount it carries. */
function groupsOf(finding: Finding): { signal: string | null; part: GroupPart }[] {
  return [
    { signal: signalOf(finding), part: 'finding' as const },
    ...listed(finding, 'signals', 'signal').map((signal) => ({ signal, part: 'signal' as const })),
    ...listed(finding, 'discounts', 'discount').map((signal) => ({ signal, part: 'discount' as const })),
  ];
}

/** The groups one verdict adds to: one count per release per group, the longest hold of the group. */
function tally(groups: Map<string, Tally>, verdict: PackageVerdict, publishedAt: Instant): void {
  const seen = new Map<string, { rule: string; signal: string | null; part: GroupPart; findings: Finding[] }>();
  for (const finding of verdict.findings) {
    for (const { signal, part } of groupsOf(finding)) {
      const key = `${finding.rule}\u0000${part}\u0000${signal ?? ''}`;
      const entry = seen.get(key);
      if (entry) entry.findings.push(finding);
      else seen.set(key, { rule: finding.rule, signal, part, findings: [finding] });
    }
  }
  for (const [key, { rule, signal, part, findings }] of seen) {
    let group = groups.get(key);
    if (!group) {
      group = { rule, signal, part, blocked: 0, warned: 0, holds: [] };
      groups.set(key, group);
    }
    const blocking = findings.filter((finding) => finding.severity === 'block');
    if (blocking.length === 0) {
      group.warned += 1;
      continue;
    }
    group.blocked += 1;
    group.holds.push(blocking.some((finding) => finding.eligibleAt === null)
      ? null
      : Math.max(...blocking.map((finding) => (finding.eligibleAt as number) - publishedAt)));
  }
}

const PART_ORDER: Record<GroupPart, number> = { finding: 0, signal: 1, discount: 2 };

const ruleRank = (rule: string): number => {
  const index = (RULE_IDS as readonly string[]).indexOf(rule);
  return index === -1 ? RULE_IDS.length : index;
};

/** The releases of `history` published within [since, until] (known publish times only). */
function releasesIn(history: ReleaseHistory, since: Instant, until: Instant): { version: string; publishedAt: Instant }[] {
  return history.versions.flatMap((record) =>
    record.publishedAt !== null && record.publishedAt >= since && record.publishedAt <= until
      ? [{ version: record.version, publishedAt: record.publishedAt }]
      : [],
  );
}

export function runBacktestReplay(options: BacktestOptions): BacktestResult {
  const { histories, policy, since, until } = options;
  const delay = options.delay ?? DAY;
  const judge = options.judge ?? judgeRelease;
  const groups = new Map<string, Tally>();
  const alerts: BacktestAlert[] = [];
  const verdictHolds: (Duration | null)[] = [];
  let releases = 0;
  let untimed = 0;
  let blocked = 0;
  let warned = 0;
  let changeOfHandsBlocked = 0;
  let changeOfHandsWarned = 0;

  for (const name of [...histories.keys()].sort()) {
    const history = histories.get(name) as ReleaseHistory;
    untimed += history.versions.filter((record) => record.publishedAt === null).length;
    const dev = options.devOf?.(name) === true;
    for (const { version, publishedAt } of releasesIn(history, since, until)) {
      const judgedAt = Math.min(publishedAt + delay, until);
      const verdict = judge({ name, version, dev }, projectAsOf(histories, judgedAt), policy, history.registry);
      releases += 1;
      if (verdict.verdict === 'block') {
        blocked += 1;
        verdictHolds.push(verdict.eligibleAt === null ? null : verdict.eligibleAt - publishedAt);
      } else if (verdict.verdict === 'warn') warned += 1;
      tally(groups, verdict, publishedAt);
      const handFindings = verdict.findings.filter(isChangeOfHands);
      if (handFindings.some((finding) => finding.severity === 'block')) changeOfHandsBlocked += 1;
      else if (handFindings.length > 0) changeOfHandsWarned += 1;
      for (const finding of handFindings) {
        alerts.push({ name, version, publishedAt, judgedAt, severity: finding.severity, verdict: verdict.verdict, finding });
      }
    }
  }

  alerts.sort((a, b) => a.publishedAt - b.publishedAt || a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const grouped: BacktestGroup[] = [...groups.values()]
    .sort((a, b) =>
      ruleRank(a.rule) - ruleRank(b.rule) || a.rule.localeCompare(b.rule) ||
      PART_ORDER[a.part] - PART_ORDER[b.part] || (a.signal ?? '').localeCompare(b.signal ?? ''))
    .map((group) => ({
      rule: group.rule,
      signal: group.signal,
      part: group.part,
      changeOfHands: CHANGE_OF_HANDS_RULES.includes(group.rule),
      blocked: group.blocked,
      warned: group.warned,
      holds: holdStats(group.holds),
    }));
  return {
    since,
    until,
    delay,
    packages: histories.size,
    notFound: [...(options.notFound ?? [])].sort(),
    releases,
    untimed,
    blocked,
    warned,
    changeOfHandsBlocked,
    changeOfHandsWarned,
    holds: holdStats(verdictHolds),
    groups: grouped,
    alerts,
  };
}

/** One locked package on a given day, as `replayDay` judged it. */
export interface DayVerdict {
  name: string;
  version: string;
  verdict: PackageVerdict;
}

/**
 * A project checked on `day` that locked every package the registry had then at the version
 * its `latest` tag named then (history-as-of.ts estimates it): what `check` would have said
 * that day, with every history as the registry served it. Packages without a latest then
 * (not created yet, or only unpublished versions) are not locked.
 */
export function replayDay(histories: ReadonlyMap<string, ReleaseHistory>, day: Instant, policy: Policy): DayVerdict[] {
  const project = projectAsOf(histories, day);
  const verdicts: DayVerdict[] = [];
  for (const name of project.names) {
    const history = project.historyOf(name);
    const version = history?.distTags['latest'];
    if (history === null || version === undefined || history.unpublishedAt !== null) continue;
    verdicts.push({ name, version, verdict: judgeRelease({ name, version }, project, policy, history.registry) });
  }
  return verdicts;
}
