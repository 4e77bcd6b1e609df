/**
 * What `quarantine init` found and planned: pure data, no prose. settings/ plans each native
 * setting, app/init.ts assembles the report, and the reporters (src/report/init-*.ts) own the
 * wording of statuses and notes.
 */
import type { Duration, Instant, PackageManagerCommand } from './types.js';

/** A tool init found; Yarn 1 apart, since it has no minimum release age setting. */
export type DetectedToolId = NativeTool | 'yarn-classic';

export interface DetectedTool {
  tool: DetectedToolId;
  /** The files (or `package.json#packageManager` style keys) that show it is in use. */
  evidence: string[];
}

/** Package managers and update bots whose native age setting init can align. */
export type NativeTool = PackageManagerCommand | 'renovate' | 'dependabot';

/** The unit the native setting is written in. `duration` is a Renovate duration string. */
export type NativeUnit = 'days' | 'minutes' | 'seconds' | 'duration' | 'command';

/**
 * `missing`: the file or key is absent; `equal`: already set to the window; `different`: set to
 * another value; `manual`: init cannot edit this file safely (the notes say why), so it only
 * prints what to add.
 */
export type NativeStatus = 'missing' | 'equal' | 'different' | 'manual';

/** Facts worth a line in the output; reporters turn each code into a sentence. */
export type NativeNote =
  /** The window is not a whole number of the native unit; the value was rounded up. */
  | 'rounded-up'
  /** `.npmrc` also sets `before`, which wins over `min-release-age` in the same file. */
  | 'npmrc-before'
  /** The current Yarn value has a unit suffix, which Yarn 4.10 and 4.11 read as minutes. */
  | 'yarn-unit-suffix'
  /** Renovate `packageRules` set their own `minimumReleaseAge` for the packages they match. */
  | 'renovate-package-rules'
  /** `bunfig.toml` writes `install` as an inline table, which init does not edit. */
  | 'bunfig-inline-table'
  /** The Renovate file is JSON5 that a JSONC editor cannot rewrite without losing syntax. */
  | 'renovate-json5'
  /** `dependabot.yml` has no `npm` or `bun` updates entry, so there is nothing to align. */
  | 'dependabot-no-js-entries'
  /** Some entries set `semver-*-days`, which override `default-days` for that update type. */
  | 'dependabot-semver-days'
  /** Dependabot accepts at most 90 days; the value was capped (the gate still holds the window). */
  | 'dependabot-capped'
  /** package.json already has a `preinstall` that is not the gate; init does not replace it. */
  | 'preinstall-exists'
  /**
   * npm or pnpm is in use but package.json does not pin npm 12+ or pnpm 12.6+/11.28+, which run
   * the root `preinstall` before any dependency: init does not write the preinstall gate.
   */
  | 'preinstall-needs-pin'
  /** The pinned version predates this setting (npm < 11.10, pnpm < 10.16): init does not write a key it does not know. */
  | 'setting-unknown-to-pinned-version';

export interface NativeSetting {
  tool: NativeTool;
  /** Path relative to the project directory, `/`-separated. */
  file: string;
  /** Where the key lives, e.g. `[install].minimumReleaseAge`, `renovate.minimumReleaseAge`. */
  key: string;
  value: number | string;
  unit: NativeUnit;
  status: NativeStatus;
  /** The current value as written (for `different`), else null. */
  current: string | null;
  /** True when the file does not exist yet and the edit creates it. */
  createsFile: boolean;
  /** The file's text after the edit; null when there is nothing to write (`equal`, `manual`). */
  newText: string | null;
  notes: NativeNote[];
}

/** A planned native setting as reported: the edited text is left out, `written` says whether it was applied. */
export type InitSetting = Omit<NativeSetting, 'newText'> & { written: boolean };

/**
 * An update bot whose window is shorter than a package manager's: the bot proposes releases the
 * package manager refuses to install, so its pull requests fail (renovate#41661,
 * dependabot-core#13405). Windows as they are after init (written values, else current ones,
 * else the tool's default).
 */
export interface BotWindowShortfall {
  bot: 'renovate' | 'dependabot';
  /** The bot's window; 0 when it has none. */
  botWindow: Duration;
  tool: PackageManagerCommand;
  toolWindow: Duration;
  /** True when the bot's setting is still to be written: `init --write` fixes the shortfall. */
  fixedByWrite: boolean;
}

export interface InitReport {
  now: Instant;
  dir: string;
  minReleaseAge: Duration;
  write: boolean;
  /** `created`: init wrote the starter policy now; `exists`: a policy was already there. */
  policy: { file: string; action: 'created' | 'exists' };
  tools: DetectedTool[];
  settings: InitSetting[];
  botWindows: BotWindowShortfall[];
}
