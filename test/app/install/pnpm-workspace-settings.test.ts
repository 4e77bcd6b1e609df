import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePnpmAgeSettings } from '../../../src/app/install/pnpm-workspace-settings.js';
import { makeTempDir } from '../../support/temp.js';

describe('writePnpmAgeSettings', () => {
  it('merges the age settings into pnpm-workspace.yaml, keeping comments, other settings and the user exclusions', () => {
    const dir = makeTempDir('pnpm-ws');
    writeFileSync(join(dir, 'pnpm-workspace.yaml'), '# ours\npackages:\n  - apps/*\nminimumReleaseAge: 1440\nminimumReleaseAgeExclude:\n  - "@acme/*"\n');
    writePnpmAgeSettings(dir, { minimumReleaseAge: 10080, minimumReleaseAgeExclude: ['handed'] });
    expect(readFileSync(join(dir, 'pnpm-workspace.yaml'), 'utf8')).toBe('# ours\npackages:\n  - apps/*\nminimumReleaseAge: 10080\nminimumReleaseAgeExclude:\n  - "@acme/*"\n  - handed\n');
  });

  it('writes a new file when there is none', () => {
    const dir = makeTempDir('pnpm-ws');
    writePnpmAgeSettings(dir, { minimumReleaseAge: 60, minimumReleaseAgeExclude: [] });
    expect(readFileSync(join(dir, 'pnpm-workspace.yaml'), 'utf8')).toBe('minimumReleaseAge: 60\n');
  });
});
