/** `quarantine allow` through the built binary: what it writes, and what it refuses. */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, isolatedEnv, runCli } from '../support/cli.js';
import { DEMO_NOW, demoArgs, useDemoRegistry } from '../support/demo-registry.js';
import { makeTempDir } from '../support/temp.js';

const registryOf = useDemoRegistry();

function project(files: Record<string, string> = {}): string {
  const dir = makeTempDir('allow');
  cpSync(join(REPO_ROOT, 'examples', 'demo'), dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const allow = (dir: string, ...args: string[]) => runCli(['allow', ...args, '--now', DEMO_NOW], { cwd: dir, env: isolatedEnv() });

test('without a policy: creates quarantine.json, and check then lets the version through', async () => {
  const dir = project();
  const result = await allow(dir, 'quick-format@3.1.1', '--rule', 'release-age', '--reason', 'hotfix; diff reviewed', '--expires', '14d', '--ticket', 'SEC-9');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toContain('Created quarantine.json with an exception: quick-format@3.1.1 for release-age, through 2026-12-04 (UTC, in 14 days).');
  expect(JSON.parse(read(dir, 'quarantine.json'))).toEqual({
    $schema: './node_modules/release-quarantine/policies/schema.json',
    extends: 'default',
    exceptions: [{ package: 'quick-format@3.1.1', rules: ['release-age'], reason: 'hotfix; diff reviewed', expires: '2026-12-04', ticket: 'SEC-9' }],
  });
  const check = await runCli(['check', dir, ...demoArgs(registryOf())], { env: isolatedEnv() });
  expect(check.stdout).not.toMatch(/^BLOCK {2}quick-format/m);
  expect(check.stdout).toMatch(/^EXCEPT quick-format@3\.1\.1/m);
});

test('edits an existing JSONC policy in place: comments and indentation survive, the same exception is updated', async () => {
  const original = [
    '// Reviewed by the platform team.',
    '{',
    '    "extends": "strict", // slow lane',
    '    "exceptions": [',
    '        /* keep: vendored */',
    '        { "package": "tiny-utils", "reason": "vendored copy", "expires": "2026-12-31" }',
    '    ]',
    '}',
    '',
  ].join('\n');
  const dir = project({ 'quarantine.jsonc': original });
  const first = await allow(dir, 'quick-format@3.1.1', '--reason', 'first', '--expires', '2026-12-01');
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('Added an exception to quarantine.jsonc');
  const afterFirst = read(dir, 'quarantine.jsonc');
  expect(afterFirst).toContain('// Reviewed by the platform team.');
  expect(afterFirst).toContain('"extends": "strict", // slow lane');
  expect(afterFirst).toContain('        /* keep: vendored */\n        { "package": "tiny-utils", "reason": "vendored copy", "expires": "2026-12-31" },\n        {\n            "package": "quick-format@3.1.1",');

  const second = await allow(dir, 'quick-format@3.1.1', '--reason', 'second', '--expires', '2026-12-02');
  expect(second.stdout).toContain('Updated the exception in quarantine.jsonc');
  const afterSecond = read(dir, 'quarantine.jsonc');
  expect(afterSecond.match(/quick-format/g)).toHaveLength(1);
  expect(afterSecond).toContain('"reason": "second"');
  expect(afterSecond).toContain('"expires": "2026-12-02"');
});

test('a policy in package.json is edited there, leaving the rest of package.json alone', async () => {
  const manifest = '{\n  "name": "demo-app",\n  "version": "1.0.0",\n  "quarantine": {\n    "extends": "default"\n  }\n}\n';
  const dir = project({ 'package.json': manifest });
  const result = await allow(dir, '@acme/*', '--reason', 'our scope', '--expires', '2026-12-31', '--json');
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual({
    schemaVersion: 1,
    file: 'package.json',
    kind: 'package-json',
    action: 'added',
    exception: { package: '@acme/*', rules: null, reason: 'our scope', expires: '2026-12-31', expiresAt: '2027-01-01T00:00:00.000Z', ticket: null },
  });
  expect(read(dir, 'package.json')).toBe(
    '{\n  "name": "demo-app",\n  "version": "1.0.0",\n  "quarantine": {\n    "extends": "default",\n    "exceptions": [\n      {\n        "package": "@acme/*",\n        "reason": "our scope",\n        "expires": "2026-12-31"\n      }\n    ]\n  }\n}\n',
  );
});

test.each([
  [['quick-format@3.1.1', '--reason', 'x', '--expires', '2026-11-01'], '--expires: 2026-11-01 is already past'],
  [['quick-format@^3.1.1', '--reason', 'x', '--expires', '7d'], '<package>: expected an exact version after "@"'],
  [['quick-format@3.1.1', '--reason', '  ', '--expires', '7d'], '--reason: must not be empty'],
  [['quick-format@3.1.1', '--reason', 'x', '--expires', 'next week'], '--expires: expected a date like "2026-12-31"'],
  [['quick-format@3.1.1', '--expires', '7d'], 'Missing required argument: reason'],
  [['quick-format@3.1.1', '--reason', 'x', '--expires', '7d', '--rule', 'age'], 'Invalid values'],
])('refuses %j with exit 2 and one clear line, writing nothing', async (args, message) => {
  const dir = project();
  const result = await allow(dir, ...args);
  expect(result.code).toBe(2);
  expect(result.stderr.split('\n')[0]).toContain(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(join(dir, 'quarantine.json'))).toBe(false);
});

test('never writes on top of a broken policy', async () => {
  const broken = '{ "rules": { "release-age": { "minReleaseAge": "1 week" } } }\n';
  const dir = project({ 'quarantine.json': broken });
  const result = await allow(dir, 'quick-format@3.1.1', '--reason', 'x', '--expires', '7d');
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('quarantine.json: 1 problem in the policy');
  expect(read(dir, 'quarantine.json')).toBe(broken);
});
