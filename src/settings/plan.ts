/**
 * Plans every native setting for one window: which tools are in use, and for each the file,
 * key, value in its unit, status and the edited text. Pure: files in, plan out.
 */
import type { Duration } from '../model/types.js';
import { DEPENDABOT_MAX_DAYS, planDependabot } from './dependabot.js';
import { BUNFIG_FILE, planBunfig } from './bunfig.js';
import { detectTools, findDependabotConfig, findRenovateConfig, parsePackageJson, type PackageJson, type ProjectFiles } from './detect.js';
import { planNpmrc } from './npmrc.js';
import { PNPM_WORKSPACE_FILE, planPnpmWorkspace } from './pnpm-workspace.js';
import { planRenovate } from './renovate.js';
import type { DetectedTool, NativeSetting, NativeTool, NativeUnit } from '../model/init.js';
import type { FilePlan } from './types.js';
import { toDays, toMinutes, toRenovateDuration, toSeconds, type Converted } from './units.js';
import { planYarnrc, YARNRC_FILE } from './yarnrc.js';

export interface NativePlan {
  tools: DetectedTool[];
  settings: NativeSetting[];
}

interface SettingTarget {
  tool: NativeTool;
  file: string;
  key: string;
  unit: NativeUnit;
  converted: { value: number | string; roundedUp: boolean };
  plan: (text: string | null) => FilePlan;
}

function setting(files: ProjectFiles, target: SettingTarget): NativeSetting {
  const text = files.get(target.file) ?? null;
  const plan = target.plan(text);
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

function targetsFor(tool: DetectedTool, files: ProjectFiles, pkg: PackageJson | null, window: Duration): SettingTarget[] {
  const days: Converted = toDays(window);
  const minutes = toMinutes(window);
  switch (tool.tool) {
    case 'npm':
      return [{ tool: 'npm', file: '.npmrc', key: 'min-release-age', unit: 'days', converted: days, plan: (text) => planNpmrc(text, days.value) }];
    case 'pnpm':
      return [{ tool: 'pnpm', file: PNPM_WORKSPACE_FILE, key: 'minimumReleaseAge', unit: 'minutes', converted: minutes, plan: (text) => planPnpmWorkspace(text, minutes.value) }];
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

export function planNativeSettings(files: ProjectFiles, window: Duration): NativePlan {
  const pkg = parsePackageJson(files);
  const tools = detectTools(files, pkg);
  const settings = tools.flatMap((tool) => targetsFor(tool, files, pkg, window).map((target) => setting(files, target)));
  return { tools, settings };
}
