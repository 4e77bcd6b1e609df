import type { PackageVerdict, Verdict } from '../model/types.js';

export interface SummaryCounts {
  packages: number;
  allowed: number;
  warned: number;
  blocked: number;
  /** Packages an exception let at least one finding through for (counted in their verdict too). */
  excepted: number;
}

export function summaryCounts(packages: readonly Pick<PackageVerdict, 'verdict' | 'excepted'>[]): SummaryCounts {
  const count = (verdict: Verdict) => packages.filter((entry) => entry.verdict === verdict).length;
  const excepted = packages.filter((entry) => entry.excepted.length > 0).length;
  return { packages: packages.length, allowed: count('allow'), warned: count('warn'), blocked: count('block'), excepted };
}

const RANK: Record<Verdict, number> = { block: 0, warn: 1, allow: 2 };

/** Most severe first, then by name and version. */
export function bySeverity<T extends Pick<PackageVerdict, 'verdict' | 'name' | 'version'>>(a: T, b: T): number {
  return RANK[a.verdict] - RANK[b.verdict] || a.name.localeCompare(b.name) || a.version.localeCompare(b.version);
}
