import { planDependabot } from '../../src/settings/dependabot.js';

const FILE = '.github/dependabot.yml';

test('adds cooldown to npm and bun entries only, keeping comments and flow style', () => {
  const text = [
    'version: 2',
    'updates:',
    '  # JS',
    '  - package-ecosystem: "npm"   # app',
    '    directory: "/"',
    '    schedule:',
    '      interval: weekly',
    '    labels: [deps, js]',
    '',
    '  - package-ecosystem: github-actions',
    '    directory: /',
    '    schedule: { interval: daily }',
    '',
    '  - package-ecosystem: bun',
    '    directory: /tools',
    '    schedule:',
    '      interval: daily',
    '',
  ].join('\n');
  const plan = planDependabot(text, FILE, 7);
  expect(plan.status).toBe('missing');
  expect(plan.newText).toBe(
    text
      .replace('    labels: [deps, js]\n', '    labels: [deps, js]\n    cooldown:\n      default-days: 7\n')
      .replace('/tools\n    schedule:\n      interval: daily\n', '/tools\n    schedule:\n      interval: daily\n    cooldown:\n      default-days: 7\n'),
  );
});

test('follows the file\'s indentation step', () => {
  const text = 'version: 2\nupdates:\n    -   package-ecosystem: npm\n        directory: /\n        schedule:\n            interval: weekly\n';
  expect(planDependabot(text, FILE, 7).newText).toBe(`${text}        cooldown:\n            default-days: 7\n`);
});

test('adds default-days to an existing cooldown and replaces a different one', () => {
  const text = 'updates:\n  - package-ecosystem: npm\n    cooldown:\n      semver-major-days: 30\n  - package-ecosystem: npm\n    directory: /web\n    cooldown:\n      default-days: 3\n';
  const plan = planDependabot(text, FILE, 7);
  expect(plan).toMatchObject({ status: 'different', current: '3', notes: ['dependabot-semver-days'] });
  expect(plan.newText).toBe('updates:\n  - package-ecosystem: npm\n    cooldown:\n      semver-major-days: 30\n      default-days: 7\n  - package-ecosystem: npm\n    directory: /web\n    cooldown:\n      default-days: 7\n');
});

test('is idempotent', () => {
  const once = planDependabot('version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n', FILE, 7).newText!;
  expect(planDependabot(once, FILE, 7)).toMatchObject({ status: 'equal', newText: null });
});

test('a flow-style entry is edited through the YAML document', () => {
  const plan = planDependabot('version: 2\nupdates:\n  - { package-ecosystem: npm, directory: / }\n', FILE, 7);
  expect(plan.status).toBe('missing');
  expect(plan.newText).toContain('default-days: 7');
});

test('no npm or bun entry: nothing to align', () => {
  expect(planDependabot('version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n', FILE, 7)).toEqual({
    status: 'manual',
    current: null,
    newText: null,
    notes: ['dependabot-no-js-entries'],
  });
});

test('malformed YAML is an error naming the file', () => {
  expect(() => planDependabot('updates:\n  - package-ecosystem: npm\n   directory: [\n', FILE, 7)).toThrow(/^\.github\/dependabot\.yml: invalid YAML at line/);
});
