import { planRenovate } from '../../src/settings/renovate.js';

const DAY = 86_400_000;
const top = { file: 'renovate.json', path: ['minimumReleaseAge'] };

test('adds the key and keeps comments and the file\'s indentation', () => {
  const text = '{\n    // shared presets\n    "extends": ["config:recommended"]\n}\n';
  const plan = planRenovate(text, top, '7 days', 7 * DAY);
  expect(plan.status).toBe('missing');
  expect(plan.newText).toBe('{\n    // shared presets\n    "extends": ["config:recommended"],\n    "minimumReleaseAge": "7 days"\n}\n');
});

test('replaces a different value in place', () => {
  const text = '{\n  "minimumReleaseAge": "3 days", // three\n  "extends": []\n}\n';
  const plan = planRenovate(text, top, '7 days', 7 * DAY);
  expect(plan).toMatchObject({ status: 'different', current: '"3 days"' });
  expect(plan.newText).toBe('{\n  "minimumReleaseAge": "7 days", // three\n  "extends": []\n}\n');
});

test('an equivalent spelling counts as equal and is left alone', () => {
  expect(planRenovate('{"minimumReleaseAge": "1 week"}', top, '7 days', 7 * DAY)).toMatchObject({ status: 'equal', newText: null });
});

test('is idempotent', () => {
  const once = planRenovate('{\n  "extends": []\n}\n', top, '36 hours', 36 * 3_600_000).newText!;
  expect(planRenovate(once, top, '36 hours', 36 * 3_600_000).status).toBe('equal');
});

test('package.json: the key goes inside the renovate object', () => {
  const text = '{\n  "name": "app",\n  "renovate": {\n    "extends": ["config:base"]\n  }\n}\n';
  const plan = planRenovate(text, { file: 'package.json', path: ['renovate', 'minimumReleaseAge'] }, '7 days', 7 * DAY);
  expect(JSON.parse(plan.newText!)).toEqual({ name: 'app', renovate: { extends: ['config:base'], minimumReleaseAge: '7 days' } });
});

test('notes packageRules that set their own minimumReleaseAge', () => {
  const text = '{"packageRules": [{"matchPackageNames": ["react"], "minimumReleaseAge": "1 day"}]}';
  expect(planRenovate(text, top, '7 days', 7 * DAY).notes).toEqual(['renovate-package-rules']);
});

test('JSON5 syntax that jsonc cannot edit is left to the user', () => {
  const plan = planRenovate("{\n  extends: ['config:recommended'],\n}\n", { file: 'renovate.json5', path: ['minimumReleaseAge'] }, '7 days', 7 * DAY);
  expect(plan).toEqual({ status: 'manual', current: null, newText: null, notes: ['renovate-json5'] });
});

test('a broken renovate.json is an error naming the file and position', () => {
  expect(() => planRenovate('{\n  "extends": [\n}', top, '7 days', 7 * DAY)).toThrow(/^renovate\.json: invalid JSON at line 3, column 1/);
});
