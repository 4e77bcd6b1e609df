/**
 * Plans every native setting for one window: which tools are in use, and for each the file,
 * key, value in its unit, status and the edited text. Pure: files in, plan out.
 */
import { packageManagerPin, pinsAtLeast, type PackageManagerPin } from '../model/package-manager-pin.js';
import type { Duration } from '../model/types.js';
import { DEPENDABOT_MAX_DAYS, planDependabot } from './dependabot.js';
import { BUNFIG_FILE, planBunfig } from './bunfig.js';
import { detectTools, findDependabotConfig, findRenovateConfig, parsePackageJson, type PackageJson, type ProjectFiles } from './detect.js';
import { planNpmrc } from './npmrc.js';
import { PNPM_WORKSPACE_FILE, planPnpmWorkspace } from './pnpm-workspace.js';
import { planPreinstall, preinstallCommand, preinstallGateManager, PREINSTALL_KEY } from './preinstall.js';
import { planRenovate } from './renovate.js';
import type { DetectedTool, NativeSetting, NativeTool, NativeUnit } from '../model/init.js';
import type { FilePlan } from './types.js';
import { toDays, toMinutes, toRenovateDuration, toSeconds, type Converted } from './units.js';
import { planYarnrc, YARNRC_FILE } from './yarnrc.js';

export interface NativePlan {
  tools: DetectedTool[];
  settings: NativeSetting[];
  /** The package manager version package.json pins, if any. */
  pin: PackageManagerPin | null;
}

interface SettingTarget {
  tool: NativeTool;
  file: string;
  key: string;
  unit: NativeUnit;
  converted: { value: number | string; roundedUp: boolean };
  plan: (text: string | null) => FilePlan;
}

function setting(files: Map<string, string>, target: SettingTarget): NativeSetting {
  const text = files.get(target.file) ?? null;
  const plan = target.plan(text);
  // Two settings in one file (package.json: Renovate's key and the preinstall): the later plan
  // edits the text the earlier one produced, so writing them in order keeps both.
  if (plan.newText !== null) files.set(target.file, plan.newText);
  const notes = target.converted.roundedUp ? ['rounded-up' as const, ...plan.notes] : plan.notes;
  return {
    tool: target.tool,
    file: target.file,
    key: target.key,
    value: target.converted.value,
    unit: target.unit,
    status: plan.status,
    current: plan.current,
    createsFile: text === null && plan.newText !== null,
    newText: plan.newText,
    notes,
  };
}

function dependabotTarget(file: string, window: Duration): SettingTarget {
  const days = toDays(window);
  const capped = days.value > DEPENDABOT_MAX_DAYS;
  const value = capped ? DEPENDABOT_MAX_DAYS : days.value;
  return {
    tool: 'dependabot',
    file,
    key: 'cooldown.default-days',
    unit: 'days',
    converted: { value, roundedUp: days.roundedUp },
    plan: (text) => {
      const plan = planDependabot(text ?? '', file, value);
      return capped ? { ...plan, notes: [...plan.notes, 'dependabot-capped'] } : plan;
    },
  };
}

/**
 * Leaves a setting the pinned version does not know unwritten (npm 12 with `strict-npmrc` and a
 * pinned pnpm 12 fail on unknown keys; older ones warn), and notes when the preinstall gate is
 * not written because the version is not pinned to one that runs it first.
 */
function forPinnedVersion(target: SettingTarget, pin: PackageManagerPin | null, since: string, gate: boolean): SettingTarget {
  const name = target.tool as 'npm' | 'pnpm';
  const tooOld = pin !== null && pin.name === name && !pinsAtLeast(pin, name, since);
  const extra = gate ? [] : (['preinstall-needs-pin'] as const);
  return {
    ...target,
    plan: (text) => {
      if (tooOld) return { status: 'manual', current: null, newText: null, notes: ['setting-unknown-to-pinned-version', ...extra] };
      const plan = target.plan(text);
      return { ...plan, notes: [...plan.notes, ...extra] };
    },
  };
}

function preinstallTarget(tool: 'npm' | 'pnpm', selfVersion: string): SettingTarget {
  const command = preinstallCommand(selfVersion);
  return { tool, file: 'package.json', key: PREINSTALL_KEY, unit: 'command', converted: { value: command, roundedUp: false }, plan: (text) => planPreinstall(text ?? '{}\n', command) };
}

function targetsFor(tool: DetectedTool, files: ProjectFiles, pkg: PackageJson | null, window: Duration, selfVersion: string): SettingTarget[] {
  const days: Converted = toDays(window);
  const minutes = toMinutes(window);
  const pin = packageManagerPin(pkg);
  const gate = preinstallGateManager(pin);
  switch (tool.tool) {
    case 'npm': {
      const age: SettingTarget = { tool: 'npm', file: '.npmrc', key: 'min-release-age', unit: 'days', converted: days, plan: (text) => planNpmrc(text, days.value) };
      return [forPinnedVersion(age, pin, '11.10.0', gate === 'npm'), ...(gate === 'npm' ? [preinstallTarget('npm', selfVersion)] : [])];
    }
    case 'pnpm': {
      const age: SettingTarget = { tool: 'pnpm', file: PNPM_WORKSPACE_FILE, key: 'minimumReleaseAge', unit: 'minutes', converted: minutes, plan: (text) => planPnpmWorkspace(text, minutes.value) };
      return [forPinnedVersion(age, pin, '10.16.0', gate === 'pnpm'), ...(gate === 'pnpm' ? [preinstallTarget('pnpm', selfVersion)] : [])];
    }
    case 'yarn':
      return [{ tool: 'yarn', file: YARNRC_FILE, key: 'npmMinimalAgeGate', unit: 'minutes', converted: minutes, plan: (text) => planYarnrc(text, minutes.value) }];
    case 'bun': {
      const seconds = toSeconds(window);
      return [{ tool: 'bun', file: BUNFIG_FILE, key: '[install].minimumReleaseAge', unit: 'seconds', converted: seconds, plan: (text) => planBunfig(text, seconds.value) }];
    }
    case 'renovate': {
      const target = findRenovateConfig(files, pkg);
      if (!target) return [];
      const duration = toRenovateDuration(window);
      return [{ tool: 'renovate', file: target.file, key: target.path.join('.'), unit: 'duration', converted: duration, plan: (text) => planRenovate(text ?? '', target, duration.value, window) }];
    }
    case 'dependabot': {
      const file = findDependabotConfig(files);
      return file ? [dependabotTarget(file, window)] : [];
    }
    case 'yarn-classic':
      return [];
  }
}

/** `selfVersion`: this release of quarantine, pinned in the preinstall gate init writes. */
export function planNativeSettings(files: ProjectFiles, window: Duration, selfVersion: string): NativePlan {
  const pkg = parsePackageJson(files);
  const tools = detectTools(files, pkg);
  const working = new Map(files);
  const settings = tools.flatMap((tool) => targetsFor(tool, files, pkg, window, selfVersion).map((target) => setting(working, target)));
  return { tools, settings, pin: packageManagerPin(pkg) };
}
