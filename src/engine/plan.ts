/**
 * The remedy plan: the fix for the whole lockfile at once. Pure.
 *
 * - Root causes. A blocked package joins its parent's release (role `member`) when the parent
 *   is blocked too, every edge into it comes from that parent, the parent pins it (the range is
 *   its exact version; where the lockfile records no range, its version is the parent's own),
 *   it was published within a day of the parent's version and only its age blocks it: rollup and its `@rollup/rollup-*` platform
 *   packages, esbuild and `@esbuild/*`. Holding the parent back brings the members of the older
 *   release with it, so the parent carries the one remedy. Anything else blocking a member (a
 *   new publisher, an install script) makes it a root cause of its own: never hidden in a group.
 * - Targets. Each root cause is held at the newest version that passes within the ranges its
 *   dependents ask for *after their own moves*: a dependent the plan moves no longer asks for
 *   what its locked release asked; its held release is assumed to ask within the same major
 *   line (the registry history keeps dependency names, not ranges). With no passing version in
 *   range, the newest passing one is offered, marked `outside-range` or `crosses-major`. With
 *   no range recorded (pnpm's transitive entries), the locked version's major line stands in.
 *   Moves feed back into targets, so the targets are recomputed until they settle.
 */
import semver from 'semver';
import { DAY } from '../model/instant.js';
import type { HeldDependent, PlanFit, PlanStep } from '../model/report.js';
import { isHistoryBinding, type LockedPackage, type PackageVerdict } from '../model/types.js';
import type { VersionPicker } from './suggest.js';
import { satisfiesAll } from './suggest.js';

export interface PlanEntry {
  pkg: Pick<LockedPackage, 'name' | 'version' | 'source' | 'optional' | 'dependents' | 'requestedRanges' | 'paths'>;
  verdict: Pick<PackageVerdict, 'verdict' | 'findings' | 'publishedAt'>;
  /** Picks passing versions of the package; null when the registry had no history for it. */
  picker: VersionPicker | null;
}

/** How far apart a parent's version and a member's may be published to count as one release. */
const SAME_RELEASE = DAY;
/** Targets settle in a few rounds; a cycle that keeps flipping stops here. */
const MAX_ROUNDS = 8;

const keyOf = (pkg: { name: string; version: string }): string => `${pkg.name}@${pkg.version}`;

/** `^7.0.0` for 7.29.16, `^0.4.0` for 0.4.2, `^0.0.3` for 0.0.3: the versions a caret on the line accepts. */
export function majorLine(version: string): string | null {
  const parsed = semver.parse(version);
  if (parsed === null) return null;
  if (parsed.major > 0) return `^${parsed.major}.0.0`;
  return parsed.minor > 0 ? `^0.${parsed.minor}.0` : `^0.0.${parsed.patch}`;
}

/** Whether `target` is in the same major line as `locked` (0.x: the same minor). */
export function sameMajorLine(locked: string, target: string): boolean {
  const line = majorLine(locked);
  return line !== null && semver.satisfies(target, line);
}

/** Only the lockfile entry is wrong (lockfile-binding): the version is fine, no other version is planned. */
function entryOnly(entry: PlanEntry): boolean {
  return entry.verdict.findings.every((finding) => finding.severity !== 'block' || (finding.rule === 'lockfile-binding' && !isHistoryBinding(finding)));
}

function onlyYoung(entry: PlanEntry): boolean {
  return entry.verdict.findings.every((finding) => finding.severity !== 'block' || finding.rule === 'release-age');
}

/** The exact version a range pins, or null (`4.50.0` and `=4.50.0` pin; `^4.50.0` does not). */
function pinnedVersion(range: string): string | null {
  const trimmed = range.trim().replace(/^=\s*/, '');
  return semver.valid(trimmed);
}

/** The first step of each of its shortest paths: the direct dependencies (or workspaces) that bring it. */
function viaOf(entry: PlanEntry): string[] {
  return [...new Set(entry.pkg.paths.flatMap((path) => (path[0] === undefined ? [] : [path[0]])))].sort();
}

export function planRemedies(entries: readonly PlanEntry[]): Map<string, PlanStep> {
  const byKey = new Map(entries.map((entry) => [keyOf(entry.pkg), entry]));
  const blocked = entries.filter((entry) => entry.verdict.verdict === 'block' && entry.pkg.source === 'registry');
  const isBlocked = (key: string): boolean => byKey.get(key)?.verdict.verdict === 'block';

  const parentOf = (entry: PlanEntry): string | null => {
    const edges = entry.pkg.dependents ?? [];
    if (!onlyYoung(entry) || edges.length === 0) return null;
    const parent = edges[0]?.dependent ?? null;
    if (parent === null || !isBlocked(parent) || !edges.every((edge) => edge.dependent === parent)) return null;
    // Pinned by the parent, or (no range recorded) carrying the parent's own version number.
    const parentVersion = byKey.get(parent)?.pkg.version;
    if (!edges.every((edge) => (edge.range === null ? parentVersion === entry.pkg.version : pinnedVersion(edge.range) === entry.pkg.version))) return null;
    const parentAt = byKey.get(parent)?.verdict.publishedAt ?? null;
    const at = entry.verdict.publishedAt;
    return parentAt !== null && at !== null && Math.abs(parentAt - at) <= SAME_RELEASE ? parent : null;
  };
  const parents = new Map<string, string>();
  for (const entry of blocked) {
    const parent = parentOf(entry);
    if (parent !== null) parents.set(keyOf(entry.pkg), parent);
  }
  const causeOf = (key: string): string => {
    const seen = new Set([key]);
    let current = key;
    for (let parent = parents.get(current); parent !== undefined && !seen.has(parent); parent = parents.get(current)) {
      seen.add(parent);
      current = parent;
    }
    return current;
  };

  const causes = blocked.filter((entry) => causeOf(keyOf(entry.pkg)) === keyOf(entry.pkg));
  const targets = new Map<string, { target: string | null; fit: PlanFit | null; ranges: string[]; rangesKnown: boolean; held: HeldDependent[] }>();
  // First guess: every cause that may get another version moves.
  let moving = new Set(causes.filter((entry) => !entryOnly(entry) && entry.picker !== null).map((entry) => keyOf(entry.pkg)));
  const moves = (key: string): boolean => moving.has(causeOf(key));
  const heldAt = (key: string): string | null => {
    const cause = causeOf(key);
    return cause === key ? (targets.get(key)?.target ?? null) : null;
  };

  let previous = '';
  for (let round = 0; round < MAX_ROUNDS; round++) {
    for (const entry of causes) {
      const key = keyOf(entry.pkg);
      if (entryOnly(entry) || entry.picker === null) {
        targets.set(key, { target: null, fit: null, ranges: [], rangesKnown: true, held: [] });
        continue;
      }
      targets.set(key, chooseTarget(entry, entry.picker, moves, (dependent) => {
        const held = byKey.get(dependent);
        return held === undefined ? null : { name: held.pkg.name, version: held.pkg.version, target: heldAt(dependent) };
      }));
    }
    const next = new Set([...targets].filter(([key, step]) => step.target !== null && step.target !== byKey.get(key)?.pkg.version).map(([key]) => key));
    // Settled when neither who moves nor any target changed (a target may depend on a cause
    // computed later in the same round, whatever the order of the entries).
    const signature = JSON.stringify([...targets].map(([key, step]) => [key, step.target, step.held.map((held) => held.target)]));
    if (signature === previous && next.size === moving.size && [...next].every((key) => moving.has(key))) break;
    previous = signature;
    moving = next;
  }

  const members = new Map<string, string[]>();
  for (const entry of blocked) {
    const key = keyOf(entry.pkg);
    const cause = causeOf(key);
    if (cause !== key) members.set(cause, [...(members.get(cause) ?? []), key]);
  }
  const plan = new Map<string, PlanStep>();
  for (const entry of blocked) {
    const key = keyOf(entry.pkg);
    const cause = causeOf(key);
    if (cause !== key) {
      plan.set(key, { cause, role: 'member', target: null, fit: null, ranges: [], rangesKnown: true, heldDependents: [], members: [], membersOptional: false, via: viaOf(entry) });
      continue;
    }
    const step = targets.get(key) ?? { target: null, fit: null, ranges: [], rangesKnown: true, held: [] };
    const own = (members.get(key) ?? []).sort();
    plan.set(key, {
      cause,
      role: 'cause',
      target: step.target,
      fit: step.fit,
      ranges: step.ranges,
      rangesKnown: step.rangesKnown,
      heldDependents: step.held,
      members: own,
      membersOptional: own.length > 0 && own.every((member) => byKey.get(member)?.pkg.optional === true),
      via: viaOf(entry),
    });
  }
  return plan;
}

type HeldLookup = (dependent: string) => { name: string; version: string; target: string | null } | null;

function chooseTarget(entry: PlanEntry, pick: VersionPicker, moves: (key: string) => boolean, held: HeldLookup) {
  const { pkg } = entry;
  const ranges: string[] = [];
  const heldDependents: HeldDependent[] = [];
  let known = 0;
  const edges = pkg.dependents ?? [];
  for (const edge of edges) {
    const dependent = edge.dependent === null ? null : held(edge.dependent);
    if (edge.dependent !== null && dependent !== null && moves(edge.dependent) && dependent.target !== null) {
      heldDependents.push({ name: dependent.name, version: dependent.version, target: dependent.target });
      const from = edge.range !== null && semver.validRange(edge.range) !== null ? semver.minVersion(edge.range)?.version ?? pkg.version : pkg.version;
      const line = majorLine(from);
      if (line !== null) ranges.push(line);
      known += 1;
    } else if (edge.range !== null && semver.validRange(edge.range) !== null) {
      ranges.push(edge.range);
      known += 1;
    }
  }
  if (edges.length === 0) {
    for (const range of pkg.requestedRanges) {
      if (semver.validRange(range) === null) continue;
      ranges.push(range);
      known += 1;
    }
  }
  const rangesKnown = known > 0;
  if (!rangesKnown) {
    const line = majorLine(pkg.version);
    if (line !== null) ranges.push(line);
  }
  const unique = [...new Set(ranges)];
  const inRange = pick((version) => satisfiesAll(version, unique));
  if (inRange !== null) return { target: inRange, fit: 'in-range' as PlanFit, ranges: unique, rangesKnown, held: heldDependents };
  const any = pick(() => true);
  const fit: PlanFit | null = any === null ? null : sameMajorLine(pkg.version, any) ? 'outside-range' : 'crosses-major';
  return { target: any, fit, ranges: unique, rangesKnown, held: heldDependents };
}
