/** init's preinstall gate: written only for versions that run the root preinstall first, never over another script. */
import { planNativeSettings } from '../../src/settings/plan.js';
import { planPreinstall, preinstallGateManager } from '../../src/settings/preinstall.js';
import { packageManagerPin } from '../../src/model/package-manager-pin.js';

const DAY = 24 * 60 * 60 * 1000;
const GATE = 'npx --yes release-quarantine@9.9.9 check';

const plan = (files: Record<string, string>) => planNativeSettings(new Map(Object.entries(files)), 7 * DAY, '9.9.9').settings;
const pkg = (fields: object) => `${JSON.stringify({ name: 'app', version: '1.0.0', ...fields }, null, 2)}\n`;

test.each([
  ['npm@12.0.0', 'npm'],
  ['npm@11.19.1', null],
  ['pnpm@12.6.0', 'pnpm'],
  ['pnpm@12.5.1', null],
  ['pnpm@11.28.0', 'pnpm'],
  ['pnpm@11.27.0', null],
  ['pnpm@10.34.9', null],
  ['yarn@4.18.1', null],
])('packageManager %s: the preinstall runs first for %s', (field, manager) => {
  expect(preinstallGateManager(packageManagerPin({ packageManager: field }))).toBe(manager);
});

test('npm 12 pinned: the preinstall gate is added to package.json beside min-release-age, formatting kept', () => {
  const text = pkg({ packageManager: 'npm@12.2.2', scripts: { test: 'jest' } });
  const settings = plan({ 'package.json': text, 'package-lock.json': '' });
  expect(settings.map((s) => [s.tool, s.file, s.key, s.status, s.notes])).toEqual([
    ['npm', '.npmrc', 'min-release-age', 'missing', []],
    ['npm', 'package.json', 'scripts.preinstall', 'missing', []],
  ]);
  const written = JSON.parse(settings[1]!.newText!) as { scripts: Record<string, string> };
  expect(written.scripts).toEqual({ test: 'jest', preinstall: GATE });
  expect(settings[1]!.newText).toContain('\n  "scripts": {\n    "test": "jest",\n    "preinstall": ');
});

test('pnpm 12.6 through devEngines: the gate is written for pnpm, and a Renovate key in the same package.json keeps both edits', () => {
  const text = pkg({ devEngines: { packageManager: { name: 'pnpm', version: '^12.6.0' } }, renovate: {} });
  const settings = plan({ 'package.json': text, 'pnpm-lock.yaml': '' });
  const last = settings.filter((s) => s.file === 'package.json').at(-1)!;
  const written = JSON.parse(last.newText!) as { scripts: Record<string, string>; renovate: Record<string, string> };
  expect(written.scripts.preinstall).toBe(GATE);
  expect(written.renovate.minimumReleaseAge).toBe('7 days');
});

test('an existing preinstall: left alone (manual); one that already runs the gate: equal', () => {
  const other = planPreinstall(pkg({ scripts: { preinstall: 'node setup.js' } }), GATE);
  expect(other).toMatchObject({ status: 'manual', current: 'node setup.js', newText: null, notes: ['preinstall-exists'] });
  for (const script of ['npx --yes release-quarantine@0.1.0 check', 'quarantine check --warn-only', 'node setup.js && npx -y release-quarantine check']) {
    expect(planPreinstall(pkg({ scripts: { preinstall: script } }), GATE)).toMatchObject({ status: 'equal', newText: null });
  }
});

test('a pinned npm older than 11.10 knows no min-release-age: init does not write it', () => {
  const [age] = plan({ 'package.json': pkg({ packageManager: 'npm@10.9.2' }), 'package-lock.json': '' });
  expect(age).toMatchObject({ tool: 'npm', status: 'manual', newText: null, notes: ['setting-unknown-to-pinned-version', 'preinstall-needs-pin'] });
});

test('a pinned pnpm older than 10.16 knows no minimumReleaseAge: init does not write it', () => {
  const [age] = plan({ 'package.json': pkg({ packageManager: 'pnpm@9.15.9' }), 'pnpm-lock.yaml': '' });
  expect(age).toMatchObject({ tool: 'pnpm', status: 'manual', newText: null, notes: ['setting-unknown-to-pinned-version', 'preinstall-needs-pin'] });
});
