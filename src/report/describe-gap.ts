/**
 * The one sentence per registry about what it did not tell (model/report.ts DataGap): which
 * facts, for how many packages, which rules could not run or were skipped, and the exact
 * policy setting to use. `NOTE` when the policy acknowledged every gap, else `UNKNOWN`.
 */
import type { DataGap, RegistryFact } from '../model/report.js';
import { printable, sanitize } from './sanitize.js';

const FACT_WORDS: Record<RegistryFact, string> = {
  times: 'publish times',
  publishers: 'publishers (_npmUser)',
  accounts: 'account lists (maintainers)',
  provenance: 'provenance (dist.attestations)',
};

function list(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function sample(packages: readonly string[]): string {
  const shown = packages.slice(0, 3).map(sanitize).join(', ');
  return packages.length > 3 ? `${shown}, and ${packages.length - 3} more` : shown;
}

/** Facts missing for the same packages are said together: "no publishers or account lists for 32 of 32 packages". */
function factClauses(gap: DataGap, missing: DataGap['missing']): string[] {
  const groups = new Map<string, { facts: RegistryFact[]; packages: string[] }>();
  for (const entry of missing) {
    const key = entry.packages.join('\n');
    const group = groups.get(key) ?? { facts: [], packages: entry.packages };
    group.facts.push(entry.fact);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ facts, packages }) => {
    const which = packages.length === gap.looked ? `any of its ${gap.looked} package${gap.looked === 1 ? '' : 's'}` : `${packages.length} of its ${gap.looked} packages (${sample(packages)})`;
    return `no ${list(facts.map((fact) => FACT_WORDS[fact]))} for ${which}`;
  });
}

export function describeGap(gap: DataGap): { label: 'NOTE' | 'UNKNOWN'; text: string } {
  const registry = printable(gap.registry);
  const times = gap.missing.filter((entry) => entry.fact === 'times');
  const others = gap.missing.filter((entry) => entry.fact !== 'times');
  const rules = [...new Set(others.flatMap((entry) => entry.rules))];
  const acknowledged = gap.missingFacts === 'acknowledge';
  const history = gap.historyFrom === null ? '' : ` (history from ${printable(gap.historyFrom)}${gap.notOnHistory.length > 0 ? `, which does not have ${gap.notOnHistory.length} of them: ${sample(gap.notOnHistory)}` : ''})`;
  const parts = [`${registry}${history} gave ${list(factClauses(gap, gap.missing))}`];
  if (rules.length > 0) parts.push(acknowledged ? `${rules.join(', ')} skipped for them (missingFacts: acknowledge)` : `${rules.join(', ')} could not check them`);
  if (times.length > 0) parts.push('unknown-publish-time blocks their versions (publish times cannot be acknowledged)');
  const key = JSON.stringify(printable(gap.registry));
  const fixes: string[] = [];
  if (gap.historyFrom === null && (!acknowledged || times.length > 0)) fixes.push(`take them from the registry it mirrors with "registries": {${key}: {"historyFrom": "https://registry.npmjs.org/"}}`);
  if (!acknowledged && others.length > 0) fixes.push(`accept the gap with "registries": {${key}: {"missingFacts": "acknowledge"}}`);
  if (times.length > 0) fixes.push(`for your own packages only, let them through unaged with "overrides": [{"registry": ${key}, "rules": {"unknown-publish-time": {"severity": "warn"}}}]`);
  const text = `${parts.join('; ')}.${fixes.length > 0 ? ` To decide: ${fixes.join(', or ')} in the policy.` : ''}`;
  return { label: acknowledged && times.length === 0 ? 'NOTE' : 'UNKNOWN', text };
}
