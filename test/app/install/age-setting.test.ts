import { ageSettingFor, packageManagerWindow } from '../../../src/app/install/age-setting.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00Z');

describe('ageSettingFor', () => {
  const gate = { window: 7 * DAY, now: NOW, wallClock: NOW, exclude: ['b', 'a', 'a'] };

  it('passes the window in each package manager\'s own unit and name', () => {
    expect(ageSettingFor('npm', gate)?.args).toEqual(['--min-release-age=7', '--min-release-age-exclude=a', '--min-release-age-exclude=b']);
    expect(ageSettingFor('pnpm', gate)?.pnpmWorkspace).toEqual({ minimumReleaseAge: 7 * 24 * 60, minimumReleaseAgeExclude: ['a', 'b'] });
    expect(ageSettingFor('yarn-berry', gate)?.env).toEqual({ YARN_NPM_MINIMAL_AGE_GATE: `${7 * 24 * 60}m` });
    expect(ageSettingFor('bun', gate)?.args).toEqual([`--minimum-release-age=${7 * 24 * 3600}`, '--minimum-release-age-excludes=a,b']);
    expect(ageSettingFor('yarn-classic', gate)).toBeNull();
  });

  it('widens the window by the distance from --now to the clock, rounding up to the unit', () => {
    const later = { ...gate, wallClock: NOW + 2 * DAY + 30_500 };
    expect(packageManagerWindow(later)).toBe(9 * DAY + 30_500);
    expect(ageSettingFor('pnpm', later)?.pnpmWorkspace?.minimumReleaseAge).toBe(9 * 24 * 60 + 1);
    expect(ageSettingFor('bun', later)?.args[0]).toBe(`--minimum-release-age=${9 * 24 * 3600 + 31}`);
    expect(packageManagerWindow({ ...gate, wallClock: NOW - 30 * DAY })).toBe(0);
    // Without --now, `now` was read from the clock a moment before the package manager starts.
    expect(ageSettingFor('npm', { ...gate, wallClock: NOW + 1_500 })?.args[0]).toBe('--min-release-age=7');
  });
});
