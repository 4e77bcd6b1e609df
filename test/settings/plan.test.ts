import { planNativeSettings } from '../../src/settings/plan.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function plan(files: Record<string, string>, window: number) {
  return planNativeSettings(new Map(Object.entries(files)), window, '9.9.9').settings.map(({ newText: _text, ...setting }) => setting);
}

test('a 36h window: npm and Dependabot round up to 2 days and say so; the others are exact', () => {
  const settings = plan(
    { 'package-lock.json': '', 'pnpm-lock.yaml': '', '.yarnrc.yml': '', 'bunfig.toml': '', 'renovate.json': '{}', '.github/dependabot.yml': 'updates:\n  - package-ecosystem: npm\n' },
    36 * HOUR,
  );
  expect(settings.map((setting) => [setting.tool, setting.value, setting.unit, setting.notes])).toEqual([
    // No packageManager pin: the preinstall gate is not written (the note says why).
    ['npm', 2, 'days', ['rounded-up', 'preinstall-needs-pin']],
    ['pnpm', 2160, 'minutes', ['preinstall-needs-pin']],
    ['yarn', 2160, 'minutes', []],
    ['bun', 129600, 'seconds', []],
    ['renovate', '36 hours', 'duration', []],
    ['dependabot', 2, 'days', ['rounded-up']],
  ]);
});

test('files that do not exist yet are created (only for tools in use)', () => {
  const settings = plan({ 'pnpm-lock.yaml': '' }, 7 * DAY);
  expect(settings).toEqual([
    { tool: 'pnpm', file: 'pnpm-workspace.yaml', key: 'minimumReleaseAge', value: 10080, unit: 'minutes', status: 'missing', current: null, createsFile: true, notes: ['preinstall-needs-pin'] },
  ]);
});

test('Dependabot is capped at its 90-day maximum, with a note', () => {
  const [setting] = plan({ '.github/dependabot.yml': 'updates:\n  - package-ecosystem: bun\n' }, 120 * DAY);
  expect(setting).toMatchObject({ value: 90, notes: ['dependabot-capped'] });
});

test('Renovate in package.json is edited under the renovate key', () => {
  const [setting] = plan({ 'package.json': '{\n  "renovate": {}\n}\n' }, 7 * DAY);
  expect(setting).toMatchObject({ tool: 'renovate', file: 'package.json', key: 'renovate.minimumReleaseAge', value: '7 days', status: 'missing' });
});
