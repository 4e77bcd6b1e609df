/**
 * Update bots must wait at least as long as the package manager: a Renovate or Dependabot pull
 * request for a release younger than the package manager's window fails its install and goes
 * red (renovate#41661, dependabot-core#13405). Compares each bot's window with each package
 * manager's, as they are once init is done: the value init wrote (or found equal), else the
 * current value, else the tool's default (pnpm 11+ waits one day unless told otherwise; the
 * others and the bots do not wait). A setting init cannot read (`manual`) is left out. Pure.
 */
import type { BotWindowShortfall, InitSetting, NativeUnit } from '../model/init.js';
import { pinsAtLeast, type PackageManagerPin } from '../model/package-manager-pin.js';
import type { Duration, PackageManagerCommand } from '../model/types.js';
import { parseRenovateDuration } from './units.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const UNIT_MS: Partial<Record<NativeUnit, number>> = { days: DAY, minutes: MINUTE, seconds: 1_000 };

/** A value as written in the tool's unit, in milliseconds; null when it is not a plain number. */
function inMs(value: string | number, unit: NativeUnit): Duration | null {
  if (unit === 'duration') return typeof value === 'string' ? parseRenovateDuration(value.replace(/^"|"$/g, '')) : null;
  const scale = UNIT_MS[unit];
  // Dependabot entries that differ are reported joined (`3, 5`): the shortest one counts.
  const numbers = String(value).split(',').map((part) => part.trim());
  if (scale === undefined || numbers.some((part) => !/^\d+(\.\d+)?$/.test(part))) return null;
  return Math.min(...numbers.map(Number)) * scale;
}

function defaultWindow(tool: InitSetting['tool'], pin: PackageManagerPin | null): Duration {
  return tool === 'pnpm' && pinsAtLeast(pin, 'pnpm', '11.0.0') ? DAY : 0;
}

/** The window a setting leaves in force after init; null when it cannot be told. */
function windowAfterInit(setting: InitSetting, pin: PackageManagerPin | null): Duration | null {
  if (setting.status === 'manual') return null;
  if (setting.written || setting.status === 'equal') return inMs(setting.value, setting.unit);
  if (setting.status === 'missing') return defaultWindow(setting.tool, pin);
  return setting.current === null ? null : inMs(setting.current, setting.unit);
}

/** The package manager's window once `init --write` has run (what init would write, if it writes it). */
function plannedWindow(setting: InitSetting, now: Duration): Duration {
  return setting.written || setting.status === 'manual' ? now : (inMs(setting.value, setting.unit) ?? now);
}

const MANAGERS: readonly string[] = ['npm', 'pnpm', 'yarn', 'bun'];

export function findBotWindowShortfalls(settings: readonly InitSetting[], pin: PackageManagerPin | null): BotWindowShortfall[] {
  const ages = settings.filter((setting) => setting.unit !== 'command');
  const managers = ages.filter((setting) => MANAGERS.includes(setting.tool));
  const shortfalls: BotWindowShortfall[] = [];
  for (const botSetting of ages.filter((setting) => setting.tool === 'renovate' || setting.tool === 'dependabot')) {
    const botWindow = windowAfterInit(botSetting, pin);
    if (botWindow === null) continue;
    for (const manager of managers) {
      const toolWindow = windowAfterInit(manager, pin);
      if (toolWindow === null || botWindow >= toolWindow) continue;
      shortfalls.push({
        bot: botSetting.tool as BotWindowShortfall['bot'],
        botWindow,
        tool: manager.tool as PackageManagerCommand,
        toolWindow,
        fixedByWrite: !botSetting.written && botSetting.status !== 'equal' && (inMs(botSetting.value, botSetting.unit) ?? 0) >= plannedWindow(manager, toolWindow),
      });
    }
  }
  return shortfalls;
}
