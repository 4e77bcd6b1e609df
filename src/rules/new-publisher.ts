/**
 * new-publisher: a change of hands. The locked version was published by someone who joined
 * the package less than `window` ago, after somebody else had already published it; how
 * much that matters is decided by the signals that fire with it (one module each,
 * signal-*.ts) and the discounts that speak for it.
 *
 * Why: on real histories a new account publishes several percent of all releases, nearly
 * always benign (teams grow, packages move into organisations), while real takeovers come
 * with more: the previous owners leave or are removed, a patch release pulls in a brand-new
 * dependency, an install script appears, the release skips the package's CI pipeline, or a
 * long-dormant package suddenly ships. So the signals that fire with a newcomer score points
 * (strong 2, weak 1, per policy key; the handover pair counts once), an account that already
 * publishes other packages of the project takes 2 off, and the score decides: BLOCK_AT (4)
 * blocks, WARN_AT (2) warns, less is no finding unless `alone` sets a floor; `severity` is the
 * ceiling. Figures: docs/detection.md.
 *
 * Tenure starts at the publisher's first publish or first appearance in a maintainer
 * snapshot, whichever is earlier, so a long-standing co-maintainer publishing for the first
 * time is not new; the first publisher of a package is never new. Every release of the
 * newcomer inside the window is judged (event-stream's stranger published a clean release
 * first). For a move to trusted publishing the question is whether the humans changed: an
 * unchanged maintainer list clears it, an unknown one fails closed (`unverified`). A version
 * without a publisher while other versions have one is an `(unknown)` newcomer from its own
 * publish time, judged by its signals like any other. The finding lapses when the newcomer's tenure reaches
 * `window`: a slow lane for the change of hands, never a permanent ban.
 */
import type {
  ChangeOfHandsAssessment,
  ChangeDiscount,
  ChangeSignal,
  Instant,
  NewPublisherFinding,
  PublisherIndex,
  ReleaseHistory,
  Severity,
  TimedVersion,

} from '../model/types.js';
import type { NewPublisherPolicy, SignalWeight, SignalWeightKey } from '../model/policy.js';
import { hasKnownTime, publishedBefore, publishedVersions, publisherIds } from './history-queries.js';
import { addedInstallScripts } from './install-script.js';
import { humanChangeAcross, tenureStartOf } from './publisher-tenure.js';
import type { Rule, RuleContext } from '../model/rule.js';
import { dormantSignal } from './signal-dormant.js';
import { newDependencySignal } from './signal-new-dependency.js';
import { ownersSignal } from './signal-owners.js';
import { previousPublishersSignal } from './signal-previous-publishers.js';
import { projectPublisherDiscount } from './signal-project-publisher.js';
import { trustDowngradeOf } from './trust-downgrade.js';

export const UNKNOWN_PUBLISHER = '(unknown)';

/** The policy key that weighs each signal. */
const SIGNAL_WEIGHT_KEYS: Record<ChangeSignal['signal'], SignalWeightKey> = {
  'previous-publishers-gone': 'previousPublishersGone',
  'owners-replaced': 'ownersReplaced',
  'new-dependency': 'newDependency',
  'dormant-revived': 'dormantRevived',
  'install-script': 'installScript',
  'trust-downgrade': 'trustDowngrade',
};

/** Points a signal weighs; a score of BLOCK_AT blocks, WARN_AT warns. */
const POINTS: Record<SignalWeight, number> = { strong: 2, weak: 1, off: 0 };
export const BLOCK_AT = 4;
export const WARN_AT = 2;
/** What an account that already publishes in the project takes off the score (one strong signal). */
export const PROJECT_DISCOUNT = 2;
/** The two describe one event (the old hands left), so only the larger counts. */
const HANDOVER: ReadonlySet<string> = new Set(['previous-publishers-gone', 'owners-replaced']);

export const newPublisherRule: Rule<'new-publisher'> = {
  id: 'new-publisher',
  evaluate(context, params) {
    const assessment = assessChangeOfHands(context, params);
    if (!assessment || assessment.severity === 'off') return [];
    return [{ ...assessment, severity: assessment.severity }];
  },
};

/**
 * The judgement of the locked version when a newcomer published it, even when it scores
 * too little for a finding (severity `off`); null when nobody new published it, or the rule
 * is off.
 */
export function assessChangeOfHands({ target, now, graph }: RuleContext, params: NewPublisherPolicy): ChangeOfHandsAssessment | null {
  if (params.severity === 'off' || !target) return null;
  const { history, record } = target;
  if (!hasKnownTime(record)) return null;
  const newcomer = newcomerOf(history, record, now, params);
  return newcomer ? judge(history, record, newcomer, graph, params) : null;
}

/**
 * Whether some project graph could make the locked version's newcomer assessment a finding:
 * judged with no `publishes-in-project` discount and every new dependency young, the most a
 * graph can add. False when nobody new published it, or when even then it scores too little
 * (so the project's publisher index cannot change what is reported about it).
 */
export function graphCouldReport(context: RuleContext, params: NewPublisherPolicy): boolean {
  const record = context.target?.record;
  if (!record || !hasKnownTime(record)) return false;
  const everyDependencyYoung: PublisherIndex = {
    accounts: new Map(),
    firstPublished: new Map((record.dependencies ?? []).map((name) => [name, record.publishedAt])),
  };
  const assessment = assessChangeOfHands({ ...context, graph: everyDependencyYoung }, params);
  return assessment !== null && assessment.severity !== 'off';
}

interface Newcomer {
  publisher: string;
  /** The account to look up in the project graph; null for an unknown or trusted-publishing identity. */
  account: string | null;
  tenureStart: Instant;
  previousPublishers: string[];
  unverified: boolean;
}

function newcomerOf(history: ReleaseHistory, record: TimedVersion, now: Instant, { window }: NewPublisherPolicy): Newcomer | null {
  const publisher = record.publisher;
  if (!publisher) {
    const previousPublishers = publisherIds(publishedVersions(history));
    if (previousPublishers.length === 0 || now - record.publishedAt >= window) return null;
    return { publisher: UNKNOWN_PUBLISHER, account: null, tenureStart: record.publishedAt, previousPublishers, unverified: true };
  }
  const tenureStart = tenureStartOf(history, publisher);
  if (tenureStart === null || now - tenureStart >= window) return null;
  const earlier = publishedBefore(history, tenureStart).filter((v) => v.publisher !== null && v.publisher.id !== publisher.id);
  if (earlier.length === 0) return null;
  let unverified = false;
  if (publisher.trustedPublisher) {
    const humans = humanChangeAcross(history, record, tenureStart);
    if (humans === 'unchanged') return null;
    unverified = humans === 'unknown';
  }
  const account = publisher.trustedPublisher ? publisher.approver : publisher.id;
  return { publisher: publisher.id, account, tenureStart, previousPublishers: publisherIds(earlier), unverified };
}

/** Every signal that fired for the release, and the discounts that speak for it. */
export function signalsFor(
  history: ReleaseHistory,
  record: TimedVersion,
  newcomer: Pick<Newcomer, 'account' | 'tenureStart' | 'previousPublishers'>,
  graph: PublisherIndex | null,
  params: NewPublisherPolicy,
): { signals: ChangeSignal[]; discounts: ChangeDiscount[] } {
  const previous = previousPublishersSignal(history, record, newcomer.previousPublishers, newcomer.tenureStart);
  const owners = ownersSignal(history, record, newcomer.tenureStart);
  const project = newcomer.account === null ? null
    : projectPublisherDiscount(graph, newcomer.account, history.name, record.publishedAt, params.establishedAfter);
  const signals = [
    previous.signal,
    owners.signal,
    newDependencySignal(history, record, graph, params.youngDependencyAge),
    dormantSignal(history, record, params.dormantAfter),
    addedInstallScripts(history, record),
    trustDowngradeOf(history, record),
  ].filter((s): s is ChangeSignal => s !== null);
  const discounts = [project, previous.discount, owners.discount].filter((d): d is ChangeDiscount => d !== null);
  return { signals, discounts };
}

/** The points the policy gives one signal. */
export function pointsOf(signal: ChangeSignal, params: NewPublisherPolicy): number {
  const weight = POINTS[params[SIGNAL_WEIGHT_KEYS[signal.signal]]];
  if (signal.signal === 'new-dependency' && signal.young.length > 0) return Math.max(POINTS[params.youngDependency], weight);
  return weight;
}

/** Signal points (handover counted once) minus discounts. */
export function scoreOf(signals: ReadonlyArray<ChangeSignal & { points: number }>, discounts: readonly ChangeDiscount[]): number {
  let handover = 0;
  let others = 0;
  for (const s of signals) {
    if (HANDOVER.has(s.signal)) handover = Math.max(handover, s.points);
    else others += s.points;
  }
  const discount = discounts.some((d) => d.discount === 'publishes-in-project') ? PROJECT_DISCOUNT : 0;
  return handover + others - discount;
}

const RANK: Record<Severity | 'off', number> = { off: 0, warn: 1, block: 2 };

function judge(
  history: ReleaseHistory,
  record: TimedVersion,
  newcomer: Newcomer,
  graph: PublisherIndex | null,
  params: NewPublisherPolicy,
): ChangeOfHandsAssessment {
  const { signals, discounts } = signalsFor(history, record, newcomer, graph, params);
  const weighed = signals.map((s) => ({ ...s, points: pointsOf(s, params) }));
  const counted = weighed.filter((s) => s.points > 0);
  const score = scoreOf(counted, discounts);
  const scored: Severity | 'off' = score >= BLOCK_AT ? 'block' : score >= WARN_AT ? 'warn' : 'off';
  const floored = RANK[scored] >= RANK[params.alone] ? scored : params.alone;
  const severity = RANK[floored] <= RANK[params.severity] ? floored : params.severity;
  return {
    rule: 'new-publisher',
    severity,
    eligibleAt: newcomer.tenureStart + params.window,
    publisher: newcomer.publisher,
    firstSeenAt: newcomer.tenureStart,
    previousPublishers: newcomer.previousPublishers,
    window: params.window,
    unverified: newcomer.unverified,
    signals: counted,
    ignored: weighed.filter((s) => s.points === 0).map(({ points: _p, ...s }) => s as ChangeSignal),
    discounts,
    score,
    graphKnown: graph !== null,
  };
}
