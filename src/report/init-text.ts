/** `init` text output: the policy file, then one line per native setting, notes under it. */
import { formatDuration } from '../model/duration.js';
import type { BotWindowShortfall, DetectedToolId, InitReport, InitSetting, NativeNote, NativeTool } from '../model/init.js';
import { printable } from './sanitize.js';
import type { Style } from './style.js';

const TOOL_NAMES: Record<DetectedToolId, string> = {
  npm: 'npm',
  pnpm: 'pnpm',
  yarn: 'Yarn',
  'yarn-classic': 'Yarn classic',
  bun: 'Bun',
  renovate: 'Renovate',
  dependabot: 'Dependabot',
};

const TOOL_COLUMN = 13;

/** The setting as it reads in the tool's own file. */
function nativeSyntax(setting: InitSetting): string {
  const value = setting.value;
  if (setting.unit === 'command') return `"scripts": { "preinstall": "${value}" }`;
  const syntax: Record<NativeTool, () => string> = {
    npm: () => `min-release-age=${value}`,
    pnpm: () => `minimumReleaseAge: ${value}`,
    yarn: () => `npmMinimalAgeGate: ${value}`,
    bun: () => `[install] minimumReleaseAge = ${value}`,
    renovate: () => (setting.key.startsWith('renovate.') ? `"renovate": { "minimumReleaseAge": "${value}" }` : `"minimumReleaseAge": "${value}"`),
    dependabot: () => `cooldown: { default-days: ${value} } on each npm and bun entry`,
  };
  return syntax[setting.tool]();
}

function outcome(setting: InitSetting): string {
  const current = setting.current === null ? '' : printable(setting.current);
  if (setting.status === 'equal') return 'already set';
  if (setting.status === 'manual') return 'add it by hand (see the note)';
  if (setting.written) return setting.createsFile ? `created ${setting.file}` : setting.status === 'missing' ? 'added' : `changed from ${current}`;
  return setting.status === 'missing' ? 'not set' : `set to ${current}, which differs`;
}

function noteText(note: NativeNote, setting: InitSetting, window: string): string {
  const texts: Record<NativeNote, string> = {
    'rounded-up': `${window} is not a whole number of ${setting.unit}: rounded up to ${setting.value}, so this gate is never shorter than quarantine's`,
    'npmrc-before': '.npmrc also sets `before`, which wins over min-release-age in the same file: remove it, or the age gate is ignored',
    'yarn-unit-suffix': 'Yarn 4.10 and 4.11 read a value with a unit suffix (such as "7d") as that many minutes (yarnpkg/berry#6991); a bare number of minutes means the same on every Yarn 4',
    'renovate-package-rules': 'some packageRules set their own minimumReleaseAge, which overrides this one for the packages they match: check them',
    'renovate-json5': `${setting.file} uses JSON5 syntax init cannot edit without losing it: add "minimumReleaseAge": "${setting.value}" at its top level`,
    'dependabot-no-js-entries': 'no updates entry has package-ecosystem npm or bun, so there is nothing to align',
    'dependabot-semver-days': 'some entries set semver-major/minor/patch-days, which override default-days for those updates: check them',
    'dependabot-capped': `Dependabot accepts at most 90 days: set to 90 (quarantine check still enforces ${window})`,
    'bunfig-inline-table': `bunfig.toml writes install as an inline table: add minimumReleaseAge = ${setting.value} to it`,
    'preinstall-exists': `package.json already has a preinstall script (${printable(setting.current ?? '')}): put \`${setting.value} && \` in front of it, so the gate runs before anything is fetched`,
    'preinstall-needs-pin': `package.json does not pin ${setting.tool === 'npm' ? 'npm 12 or later' : 'pnpm 12.6+ or 11.28+'} ("packageManager" or "devEngines"); older versions run the root preinstall after the dependencies are installed, so init does not write the preinstall gate (see docs/install-hooks.md)`,
    'setting-unknown-to-pinned-version': `the ${setting.tool} version package.json pins has no ${setting.key} (${setting.tool === 'npm' ? 'npm 11.10+' : 'pnpm 10.16+'}), so init does not write a key it would not know; upgrade it, and gate installs with \`quarantine check\` meanwhile`,
  };
  return texts[note];
}

function settingLines(setting: InitSetting, window: string, style: Style): string[] {
  const tool = TOOL_NAMES[setting.tool].padEnd(TOOL_COLUMN);
  const state = outcome(setting);
  const painted = setting.status === 'equal' ? style.green(state) : setting.written ? style.green(state) : style.yellow(state);
  const unit = setting.unit === 'duration' || setting.unit === 'command' ? '' : ` (${setting.unit})`;
  const lines = [`  ${tool}${setting.file}: ${nativeSyntax(setting)}${unit}  ${painted}`];
  for (const note of setting.notes) lines.push(style.dim(`  ${' '.repeat(TOOL_COLUMN)}note: ${noteText(note, setting, window)}`));
  return lines;
}

function shortfallLine(shortfall: BotWindowShortfall, style: Style): string[] {
  const bot = TOOL_NAMES[shortfall.bot];
  const botWindow = shortfall.botWindow === 0 ? 'no minimum release age' : `a ${formatDuration(shortfall.botWindow)} window`;
  const fix = shortfall.fixedByWrite ? '`quarantine init --write` sets it to at least that' : `set ${bot}'s window to at least ${formatDuration(shortfall.toolWindow)}`;
  return [
    `  ${style.yellow(`${bot} has ${botWindow}, shorter than ${TOOL_NAMES[shortfall.tool]}'s ${formatDuration(shortfall.toolWindow)}`)}`,
    style.dim(`  ${' '.repeat(TOOL_COLUMN)}its pull requests for releases younger than ${formatDuration(shortfall.toolWindow)} fail the install (renovate#41661, dependabot-core#13405): ${fix}`),
  ];
}

function policyLine(report: InitReport): string {
  if (report.policy.action === 'created') return `Policy: created ${report.policy.file} (extends the default preset)`;
  const where = report.policy.file === 'package.json' ? 'package.json already has a "quarantine" policy' : `${report.policy.file} already exists`;
  return `Policy: ${where}; left unchanged`;
}

function footer(report: InitReport, window: string): string {
  const pending = report.settings.filter((setting) => setting.status === 'missing' || setting.status === 'different');
  const written = report.settings.filter((setting) => setting.written);
  if (report.settings.length === 0) return 'No native setting to apply.';
  if (report.write && written.length > 0) return `Wrote ${written.length} setting${written.length === 1 ? '' : 's'}; every tool above now waits ${window}.`;
  if (pending.length === 0) return report.write ? `Nothing to change: every native setting already matches the ${window} window.` : `Every native setting already matches the ${window} window.`;
  return `Run \`quarantine init --write\` to apply ${pending.length} setting${pending.length === 1 ? '' : 's'}.`;
}

export function formatInitText(report: InitReport, style: Style): string {
  const window = formatDuration(report.minReleaseAge);
  const lines = [policyLine(report), ''];
  if (report.tools.length === 0) {
    lines.push('No package manager or update bot found (no lockfile, pnpm-workspace.yaml, .yarnrc.yml, bunfig.toml, Renovate or Dependabot config).');
    return `${lines.join('\n')}\n`;
  }
  lines.push(style.bold(`Native settings for a ${window} window:`));
  for (const setting of report.settings) lines.push(...settingLines(setting, window, style));
  for (const tool of report.tools.filter((found) => found.tool === 'yarn-classic')) {
    lines.push(`  ${TOOL_NAMES['yarn-classic'].padEnd(TOOL_COLUMN)}${tool.evidence.join(', ')}: ${style.yellow('no minimum release age setting in Yarn 1')}`);
    lines.push(style.dim(`  ${' '.repeat(TOOL_COLUMN)}note: gate installs with \`quarantine check\` before \`yarn install\`, or move to Yarn 4.10+ (npmMinimalAgeGate)`));
  }
  if (report.botWindows.length > 0) {
    lines.push('', style.bold('Update bots must wait at least as long as the package manager:'));
    for (const shortfall of report.botWindows) lines.push(...shortfallLine(shortfall, style));
  }
  lines.push('', footer(report, window));
  return `${lines.join('\n')}\n`;
}
