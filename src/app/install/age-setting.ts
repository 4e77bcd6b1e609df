/**
 * The package managers' own release-age settings, set to the policy's window while they
 * resolve (`quarantine install`, `quarantine fix`), so they pick the newest version old enough
 * instead of the newest. Pure. Names and units, checked against the versions we test with:
 *
 * - npm 11.10+ `--min-release-age=<days>` (a Number: fractions work) and repeatable
 *   `--min-release-age-exclude=<name>`;
 * - pnpm 10.16+ `minimumReleaseAge` (minutes) and `minimumReleaseAgeExclude` (a list): written to
 *   pnpm-workspace.yaml for the run, since pnpm takes no list on the command line;
 * - Yarn 4.10+ `npmMinimalAgeGate` (a duration, `<n>m`) through `YARN_NPM_MINIMAL_AGE_GATE`
 *   (Yarn itself lifts its gate for an exact version the user names, so no exclusions);
 * - Bun 1.3+ `--minimum-release-age=<seconds>` and `--minimum-release-age-excludes=<a,b>`;
 * - Yarn classic has no such setting.
 *
 * The package managers measure age from the wall clock; the gate judges at `now` (which
 * `--now` may move). Their window is widened or narrowed by the difference, so both cut at the
 * same instant: `now - window`. Rounded up to their unit (a little stricter, never looser).
 */
import type { Duration, Instant } from '../../model/types.js';
import type { InstallFlavor } from './plan.js';
import { pnpmEnvVersions } from '../../lockfile/forget-versions.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

export interface AgeGate {
  /** The policy's release-age window. */
  window: Duration;
  /** The instant the gate judges at. */
  now: Instant;
  /** The wall clock when the package manager starts. */
  wallClock: Instant;
  /** Names the package manager may resolve whatever their age (the gate still judges them). */
  exclude: readonly string[];
}

export interface AgeSetting {
  /** Arguments appended to the resolving command. */
  args: string[];
  env: Record<string, string>;
  /** pnpm only: settings merged into pnpm-workspace.yaml for the run. */
  pnpmWorkspace?: { minimumReleaseAge: number; minimumReleaseAgeExclude: string[] } | undefined;
  /** For messages: `--min-release-age=7`. */
  describe: string;
}

/**
 * The window as the package manager must see it, in ms (never negative). Without --now, `now`
 * was read from the same clock moments earlier: a shift under a minute is that delay, not a
 * different instant, and is left out (`--min-release-age=7`, not `7.000012`).
 */
export function packageManagerWindow(gate: Pick<AgeGate, 'window' | 'now' | 'wallClock'>): Duration {
  const shift = gate.wallClock - gate.now;
  return Math.max(0, gate.window + (Math.abs(shift) < MINUTE ? 0 : shift));
}

const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit);

/** Null for Yarn classic, which has no release-age setting. */
export function ageSettingFor(flavor: InstallFlavor, gate: AgeGate): AgeSetting | null {
  const window = packageManagerWindow(gate);
  const exclude = [...new Set(gate.exclude)].sort();
  switch (flavor) {
    case 'npm': {
      // Whole milliseconds of a day, so the CLI value is exact enough and short.
      const days = Math.ceil((window / DAY) * 1e6) / 1e6;
      return {
        args: [`--min-release-age=${days}`, ...exclude.map((name) => `--min-release-age-exclude=${name}`)],
        env: {},
        describe: `--min-release-age=${days}`,
      };
    }
    case 'pnpm': {
      const minutes = ceilTo(window, MINUTE);
      return { args: [], env: {}, pnpmWorkspace: { minimumReleaseAge: minutes, minimumReleaseAgeExclude: exclude }, describe: `minimumReleaseAge: ${minutes}` };
    }
    case 'yarn-berry': {
      const minutes = ceilTo(window, MINUTE);
      return {
        args: [],
        env: { YARN_NPM_MINIMAL_AGE_GATE: `${minutes}m` },
        describe: `npmMinimalAgeGate: ${minutes}m`,
      };
    }
    case 'bun': {
      const seconds = ceilTo(window, SECOND);
      return {
        args: [`--minimum-release-age=${seconds}`, ...(exclude.length > 0 ? [`--minimum-release-age-excludes=${exclude.join(',')}`] : [])],
        env: {},
        describe: `--minimum-release-age=${seconds}`,
      };
    }
    case 'yarn-classic':
      return null;
  }
}

/**
 * pnpm 11+ applies its age setting to the config dependencies it installs first: the env
 * lockfile's versions, as exact `name@version` exclusions, keep them as locked (decision 0047).
 */
export function pnpmEnvExclusions(lockText: string, lockfile: string): string[] {
  return pnpmEnvVersions(lockText, lockfile).map((pkg) => `${pkg.name}@${pkg.version}`);
}
