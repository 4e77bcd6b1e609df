import { planPnpmWorkspace } from '../../src/settings/pnpm-workspace.js';
import { planYarnrc } from '../../src/settings/yarnrc.js';
import { isQuarantineError } from '../../src/model/errors.js';

describe('pnpm-workspace.yaml minimumReleaseAge', () => {
  test('creates the file when pnpm is in use without one', () => {
    expect(planPnpmWorkspace(null, 10080)).toEqual({ status: 'missing', current: null, newText: 'minimumReleaseAge: 10080\n', notes: [] });
  });

  test('appends after the last key and keeps comments, quotes and blank lines', () => {
    const text = "# workspace\npackages:\n  - 'apps/*'   # apps\n  - \"packages/*\"\n\n# build scripts\nonlyBuiltDependencies: [esbuild]\n";
    expect(planPnpmWorkspace(text, 10080).newText).toBe(`${text}minimumReleaseAge: 10080\n`);
  });

  test('inserts after the last entry even when comments follow it', () => {
    const text = 'packages:\n  - apps/*\n# trailing comment\n';
    expect(planPnpmWorkspace(text, 10080).newText).toBe('packages:\n  - apps/*\nminimumReleaseAge: 10080\n# trailing comment\n');
  });

  test('replaces a different value in place', () => {
    const plan = planPnpmWorkspace('minimumReleaseAge: 1440 # one day\npackages: []\n', 10080);
    expect(plan).toMatchObject({ status: 'different', current: '1440' });
    expect(plan.newText).toBe('minimumReleaseAge: 10080 # one day\npackages: []\n');
  });

  test('is idempotent', () => {
    const once = planPnpmWorkspace('packages:\n  - a\n', 10080).newText!;
    expect(planPnpmWorkspace(once, 10080)).toMatchObject({ status: 'equal', newText: null });
  });

  test('a file with only comments gets the key appended', () => {
    expect(planPnpmWorkspace('# nothing yet\n', 60).newText).toBe('# nothing yet\nminimumReleaseAge: 60\n');
  });

  test('malformed YAML is an error naming the file and line, never rewritten', () => {
    let error: unknown;
    try {
      planPnpmWorkspace('packages:\n  - a\n bad: [\n', 10080);
    } catch (caught) {
      error = caught;
    }
    expect(isQuarantineError(error) && error.code).toBe('E_NATIVE_CONFIG');
    expect((error as Error).message).toMatch(/^pnpm-workspace\.yaml: invalid YAML at line \d+, column \d+/);
  });

  test('a top level that is not a mapping is an error', () => {
    expect(() => planPnpmWorkspace('- a\n- b\n', 10080)).toThrow('pnpm-workspace.yaml: expected a mapping (key: value) at the top level');
  });
});

describe('.yarnrc.yml npmMinimalAgeGate', () => {
  test('writes a bare number of minutes', () => {
    const text = 'nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-4.12.0.cjs\n';
    expect(planYarnrc(text, 10080).newText).toBe(`${text}npmMinimalAgeGate: 10080\n`);
  });

  test('a numeric string of the same minutes is already equal', () => {
    expect(planYarnrc('npmMinimalAgeGate: "10080"\n', 10080).status).toBe('equal');
  });

  test('a value with a unit suffix is replaced and explained (Yarn 4.10 reads "7d" as 7 minutes)', () => {
    const plan = planYarnrc('npmMinimalAgeGate: "7d"\n', 10080);
    expect(plan).toMatchObject({ status: 'different', current: '"7d"', notes: ['yarn-unit-suffix'] });
    expect(plan.newText).toBe('npmMinimalAgeGate: 10080\n');
  });
});
