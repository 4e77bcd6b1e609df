/**
 * Reusing a verdict (issue 18): when the lockfiles, the policy, the registry configuration and
 * every registry fact a check used are unchanged and still fresh, the stored report is the
 * answer and nothing is parsed, fetched or evaluated. See docs/decisions/0040 for exactly when
 * a reused report could differ from a fresh one.
 *
 * A report is reused only when all of these hold:
 * - the key matches: a digest of the lockfiles' bytes and paths (and the package.json beside
 *   each), the policy as loaded and where it came from, the registry configuration's values,
 *   the --registry override and the tool (its user agent names its version);
 * - `now` lies in [the stored now, validUntil): no finding lapses, no exception ends, the
 *   day does not change and `now` moved less than 5 minutes (engine/verdict-lifetime.ts);
 * - the wall clock lies in [writtenAt, freshUntil): every fact the check used is still fresh
 *   by the registry's own max-age (or the policy's cacheMaxAge), as a warm check would find;
 * - the facts store is the very file the facts came from (same identity): no other run
 *   changed a fact meanwhile.
 * Never with --prefer-online, --base, several registry configurations, or a replaced source.
 */
import { createHash } from 'node:crypto';
import { defaultCacheDir } from '../registry/client.js';
import type { Inputs, RunOptions } from './inputs.js';
import type { CheckReport } from '../model/report.js';
import type { LockfileInput } from '../lockfile/formats.js';
import { reportValidUntil } from '../engine/verdict-lifetime.js';
import { createVerdictCache, type VerdictCache } from '../registry/verdict-cache.js';

export interface Reuse {
  /** The stored report, when it may be reused at this `now` and wall clock. */
  report: CheckReport | null;
  /** Stores a freshly computed report for the next run. */
  save(report: CheckReport): void;
}

/** Whether a run of these options may reuse or store a verdict at all. */
export function mayReuse(options: RunOptions): boolean {
  return !options.source && !options.base && !(options.lockfiles && options.lockfiles.length > 0);
}

export function checkKey(lockfiles: readonly LockfileInput[], inputs: Inputs, options: RunOptions): string {
  const hash = createHash('sha256');
  const part = (value: unknown) => hash.update(`${JSON.stringify(value) ?? 'undefined'}\n`);
  part(['release-quarantine check', 1, options.host.userAgent, options.registry ?? null]);
  for (const input of lockfiles) part([input.path, input.text, input.packageJson ?? null]);
  part([inputs.policySource, inputs.policy]);
  part(inputs.configValues ?? null);
  return hash.digest('hex');
}

export function prepareReuse(lockfiles: readonly LockfileInput[], inputs: Inputs, options: RunOptions): Reuse | null {
  const factsState = inputs.factsState;
  if (!factsState || inputs.configValues === undefined) return null;
  const { host } = options;
  const cache: VerdictCache = createVerdictCache(options.cacheDir ?? defaultCacheDir(host.env, host.platform, host.homeDir), {
    owner: host.uid,
    onRefused: options.onCacheRefused,
  });
  const key = checkKey(lockfiles, inputs, options);
  let report: CheckReport | null = null;
  if (!options.preferOnline) {
    const stored = cache.read(key);
    const wall = host.now();
    if (
      stored !== null &&
      options.now >= stored.now && options.now < stored.validUntil &&
      wall >= stored.writtenAt && wall < stored.freshUntil &&
      cache.storeIdentity() === stored.store
    ) {
      report = { ...(stored.report as CheckReport), now: options.now };
    }
  }
  return {
    report,
    save(fresh) {
      const state = factsState();
      const writtenAt = host.now();
      if (state.store === null || !(state.freshUntil > writtenAt)) return;
      cache.write({ key, now: fresh.now, validUntil: reportValidUntil(fresh), writtenAt, freshUntil: state.freshUntil, store: state.store, report: fresh });
    },
  };
}
