/** The one place that turns findings into sentences. Tests assert on rule ids, not on this wording. */
import { formatDuration } from '../model/duration.js';
import { abbreviateIntegrity } from '../model/integrity.js';
import type { ChangeDiscount, ChangeSignal, Finding, Instant, LockfileBindingFinding, NewPublisherFinding, TrustLevel } from '../model/types.js';
import { printable, sanitize } from './sanitize.js';
import { dateWithRelative, isoDate } from './time.js';

const TRUST_WORDS: Record<TrustLevel, string> = {
  none: 'neither provenance nor trusted publishing',
  provenance: 'provenance',
  'trusted-publisher': 'trusted publishing',
  staged: 'staged publishing (a maintainer approved it with 2FA)',
};

function names(list: string[]): string {
  return list.length === 0 ? 'nobody' : list.map(sanitize).join(', ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One change-of-hands signal with its evidence. */
export function describeSignal(signal: ChangeSignal, now: Instant): string {
  switch (signal.signal) {
    case 'previous-publishers-gone':
      return `previous publishers gone: ${names(signal.previousPublishers)} no longer maintain${signal.previousPublishers.length === 1 ? 's' : ''} it or publish${signal.previousPublishers.length === 1 ? 'es' : ''} since`;
    case 'owners-replaced':
      return `owners replaced since ${sanitize(signal.baselineVersion)}: now ${names(signal.added)}, before ${names(signal.removed)}`;
    case 'new-dependency': {
      const young = signal.young.map((d) => `${sanitize(d.name)} first published ${dateWithRelative(d.firstPublishedAt, now)}`);
      const count = signal.names.length === 1 ? 'a dependency' : `${signal.names.length} dependencies`;
      return `${signal.patch ? 'a patch release that ' : ''}adds ${count} no earlier release had: ${names(signal.names)}${young.length > 0 ? ` (young: ${young.join('; ')})` : ''}`;
    }
    case 'dormant-revived':
      return `first release after ${formatDuration(signal.silence)} of silence (previous ${isoDate(signal.previousReleaseAt)})`;
    case 'install-script':
      return `adds ${signal.scripts.join(', ')} that ${sanitize(signal.previousVersion)} did not have`;
    case 'trust-downgrade':
      return `published with ${TRUST_WORDS[signal.actual]}, but ${sanitize(signal.evidenceVersion)} had ${TRUST_WORDS[signal.expected]}`;
  }
}

/** One discount with its evidence ("publishes 14 other packages in this project since 2019"). */
export function describeDiscount(discount: ChangeDiscount): string {
  switch (discount.discount) {
    case 'publishes-in-project':
      return `publishes ${plural(discount.packages, 'other package')} in this project since ${isoDate(discount.since).slice(0, 4)} (${names(discount.examples)}${discount.packages > discount.examples.length ? ', ...' : ''}): 2 points off`;
    case 'previous-publishers-stay':
      return `earlier publishers stay: ${names(discount.publishers)} ${discount.publishedSince ? 'published again since the newcomer came' : 'still maintain it'}`;
    case 'owners-grew':
      return `owners grew: ${names(discount.added)} added, nobody removed`;
  }
}

export function describeNewPublisher(finding: Omit<NewPublisherFinding, 'severity'>, now: Instant): string {
  const who = finding.unverified
    ? `published by ${sanitize(finding.publisher)}, a publisher new to this package since ${dateWithRelative(finding.firstSeenAt, now)}, and the registry's maintainer lists cannot confirm the same people are behind it`
    : `published by ${sanitize(finding.publisher)}, who first published this package ${dateWithRelative(finding.firstSeenAt, now)}; earlier publishers: ${names(finding.previousPublishers)}`;
  const discounted = finding.discounts.some((d) => d.discount === 'publishes-in-project');
  // A newcomer listed only by the `alone` floor has nothing more to say.
  if (finding.signals.length === 0 && !discounted) return who;
  const signals = finding.signals.length === 0 ? 'no takeover signal' : `signals: ${finding.signals.map((s) => s.signal).join(', ')}`;
  return `${who} (${signals}${discounted ? '; discounted: already publishes in this project' : ''}; score ${finding.score})`;
}

export function describeFinding(finding: Finding, now: Instant): string {
  switch (finding.rule) {
    case 'release-age':
      return `published ${dateWithRelative(finding.publishedAt, now)}, inside the ${formatDuration(finding.minReleaseAge)} quarantine window`;
    case 'new-publisher':
      return describeNewPublisher(finding, now);
    case 'maintainer-change':
      if (finding.kind === 'pending') {
        return `current owners include ${names(finding.added)}, who ${finding.added.length === 1 ? 'is' : 'are'} in no release's maintainer list yet (just given publish rights)`;
      }
      if (finding.kind === 'replaced') {
        return `every maintainer of ${sanitize(finding.baselineVersion ?? '?')} is gone: now ${names(finding.added)}, before ${names(finding.removed)}`;
      }
      return `maintainers added since ${sanitize(finding.baselineVersion ?? '?')}: ${names(finding.added)}`;
    case 'trust-downgrade':
      return `published with ${TRUST_WORDS[finding.actual]}, but ${sanitize(finding.evidenceVersion)} in the same ${sanitize(finding.line)}.x line had ${TRUST_WORDS[finding.expected]}`;
    case 'install-script':
      return `adds ${finding.scripts.join(', ')} script${finding.scripts.length === 1 ? '' : 's'}${finding.previousVersion ? ` that ${sanitize(finding.previousVersion)} did not have` : ''}`;
    case 'unknown-publish-time':
      return `${sanitize(finding.registry)} gives no publish time for this version, so its age cannot be checked`;
    case 'missing-version': {
      const unpublished = finding.unpublishedAt === null ? '' : ` (unpublished ${dateWithRelative(finding.unpublishedAt, now)})`;
      return finding.kind === 'package'
        ? `${sanitize(finding.registry)} does not know this package${unpublished}`
        : `this version is not in ${sanitize(finding.registry)}${unpublished}`;
    }
    case 'non-registry-source':
      return `installed from ${finding.source}${finding.resolved ? ` (${printable(finding.resolved)})` : ''}, which has no registry history to check`;
    case 'lockfile-binding':
      return describeBinding(finding);
  }
}

function describeBinding(finding: LockfileBindingFinding): string {
  const where = finding.location === null ? 'a copy' : printable(finding.location);
  const registry = printable(finding.registry);
  const published = finding.published === null ? null : printable(abbreviateIntegrity(finding.published));
  switch (finding.kind) {
    case 'tarball':
      return `${where} is fetched from ${printable(finding.locked ?? '')}, not from ${finding.published === null ? `a registry host the configuration names for it (${registry} was checked)` : `${printable(finding.published)}, the tarball ${registry} published`}: other bytes than the version whose history was checked`;
    case 'integrity':
      return `${where} has integrity ${printable(abbreviateIntegrity(finding.locked ?? ''))} but the registry published ${published ?? '?'}: other bytes than the version whose history was checked`;
    case 'integrity-algorithm':
      return `${where} has integrity ${printable(abbreviateIntegrity(finding.locked ?? ''))}, which names no digest the registry published (${published ?? '?'}), so its bytes cannot be bound to the version checked`;
    case 'missing-integrity':
      return `${where} records no integrity, so the bytes it installs are not bound to what ${registry} published (${published ?? '?'})`;
    case 'history-missing':
      return `${printable(finding.historyRegistry ?? '?')}, where the policy takes its history from, does not have this version that ${registry} serves: its history cannot be checked`;
    case 'history-integrity':
      return `${registry} serves other bytes (${printable(abbreviateIntegrity(finding.locked ?? ''))}) than ${printable(finding.historyRegistry ?? '?')}, where the policy takes its history from, published (${published ?? '?'}): the history checked is not that of what is installed`;
  }
}
