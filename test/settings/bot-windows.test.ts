/** Bots must wait at least as long as the package manager (renovate#41661, dependabot-core#13405). */
import type { InitSetting } from '../../src/model/init.js';
import { packageManagerPin } from '../../src/model/package-manager-pin.js';
import { findBotWindowShortfalls } from '../../src/settings/bot-windows.js';

const DAY = 24 * 60 * 60 * 1000;

function setting(fields: Partial<InitSetting> & Pick<InitSetting, 'tool' | 'value' | 'unit' | 'status'>): InitSetting {
  return { file: 'f', key: 'k', current: null, createsFile: false, notes: [], written: false, ...fields };
}

const pnpm7d = setting({ tool: 'pnpm', value: 10080, unit: 'minutes', status: 'equal', current: '10080' });

test('Renovate at 3 days against pnpm at 7 days: a shortfall that init --write fixes', () => {
  const renovate = setting({ tool: 'renovate', value: '7 days', unit: 'duration', status: 'different', current: '"3 days"' });
  expect(findBotWindowShortfalls([pnpm7d, renovate], null)).toEqual([
    { bot: 'renovate', botWindow: 3 * DAY, tool: 'pnpm', toolWindow: 7 * DAY, fixedByWrite: true },
  ]);
});

test('after --write both wait the window: no shortfall', () => {
  const renovate = setting({ tool: 'renovate', value: '7 days', unit: 'duration', status: 'different', current: '"3 days"', written: true });
  expect(findBotWindowShortfalls([pnpm7d, renovate], null)).toEqual([]);
});

test('Dependabot without cooldown against pnpm 11+\'s default of one day, when pnpm has no setting', () => {
  const pnpmUnset = setting({ tool: 'pnpm', value: 10080, unit: 'minutes', status: 'missing' });
  const dependabot = setting({ tool: 'dependabot', value: 7, unit: 'days', status: 'missing' });
  expect(findBotWindowShortfalls([pnpmUnset, dependabot], packageManagerPin({ packageManager: 'pnpm@12.23.0' }))).toEqual([
    { bot: 'dependabot', botWindow: 0, tool: 'pnpm', toolWindow: DAY, fixedByWrite: true },
  ]);
  // pnpm 10 has no default window: nothing to fall short of.
  expect(findBotWindowShortfalls([pnpmUnset, dependabot], packageManagerPin({ packageManager: 'pnpm@10.34.9' }))).toEqual([]);
});

test('Dependabot capped at 90 days against a 120-day npm window: a shortfall --write cannot fix', () => {
  const npm = setting({ tool: 'npm', value: 120, unit: 'days', status: 'equal', current: '120' });
  const dependabot = setting({ tool: 'dependabot', value: 90, unit: 'days', status: 'different', current: '3, 5' });
  expect(findBotWindowShortfalls([npm, dependabot], null)).toEqual([
    { bot: 'dependabot', botWindow: 3 * DAY, tool: 'npm', toolWindow: 120 * DAY, fixedByWrite: false },
  ]);
});

test('a bot at least as long as every package manager, or a setting init cannot read: nothing', () => {
  const renovate = setting({ tool: 'renovate', value: '7 days', unit: 'duration', status: 'different', current: '"14 days"' });
  const bun = setting({ tool: 'bun', value: 604800, unit: 'seconds', status: 'manual' });
  expect(findBotWindowShortfalls([pnpm7d, bun, renovate], null)).toEqual([]);
});
