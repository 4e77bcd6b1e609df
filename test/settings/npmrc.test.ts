import { planNpmrc } from '../../src/settings/npmrc.js';

test('creates the file when there is none', () => {
  expect(planNpmrc(null, 7)).toEqual({ status: 'missing', current: null, newText: 'min-release-age=7\n', notes: [] });
});

test('adds the key and keeps comments, auth lines and their order', () => {
  const text = '# company registry\nregistry=https://npm.example.com/\n//npm.example.com/:_authToken=${NPM_TOKEN}\n';
  expect(planNpmrc(text, 7).newText).toBe(`${text}min-release-age=7\n`);
});

test('adds a final newline before the key when the file has none, and keeps CRLF', () => {
  expect(planNpmrc('save-exact=true', 7).newText).toBe('save-exact=true\nmin-release-age=7\n');
  expect(planNpmrc('save-exact=true\r\n', 7).newText).toBe('save-exact=true\r\nmin-release-age=7\r\n');
});

test('puts the key before the first [section], where it stays top-level', () => {
  const text = 'save-exact=true\n[section]\nkey=value\n';
  expect(planNpmrc(text, 7).newText).toBe('save-exact=true\nmin-release-age=7\n[section]\nkey=value\n');
});

test('an equal value is left alone (idempotent)', () => {
  expect(planNpmrc('min-release-age = 7\n', 7)).toMatchObject({ status: 'equal', current: '7', newText: null });
  const written = planNpmrc('a=1\n', 7).newText!;
  expect(planNpmrc(written, 7).status).toBe('equal');
});

test('a different value is replaced in place, spacing and comments kept', () => {
  const plan = planNpmrc('# slow lane\nmin-release-age = 3\nfund=false\n', 7);
  expect(plan).toMatchObject({ status: 'different', current: '3' });
  expect(plan.newText).toBe('# slow lane\nmin-release-age = 7\nfund=false\n');
});

test('a value npm cannot read as a number (7d disables npm\'s gate) is different', () => {
  expect(planNpmrc('min-release-age=7d\n', 7)).toMatchObject({ status: 'different', current: '7d', newText: 'min-release-age=7\n' });
});

test('the last of repeated keys is the one npm uses, so it is the one compared and edited', () => {
  const plan = planNpmrc('min-release-age=7\nmin-release-age=1\n', 7);
  expect(plan).toMatchObject({ status: 'different', current: '1' });
  expect(plan.newText).toBe('min-release-age=7\nmin-release-age=7\n');
});

test('commented-out keys do not count', () => {
  expect(planNpmrc('# min-release-age=7\n; min-release-age=7\n', 7).status).toBe('missing');
});

test('warns when `before` is also set (it wins over min-release-age in the same file)', () => {
  expect(planNpmrc('before=2026-01-01\n', 7).notes).toEqual(['npmrc-before']);
});
