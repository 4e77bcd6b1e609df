import { planBunfig } from '../../src/settings/bunfig.js';

test('creates the file with an [install] table', () => {
  expect(planBunfig(null, 604800)).toEqual({ status: 'missing', current: null, newText: '[install]\nminimumReleaseAge = 604800\n', notes: [] });
});

test('adds the key at the end of the existing [install] table, other tables and comments untouched', () => {
  const text = '# bun settings\n[install]\nexact = true # pin\nlinker = "isolated"\n\n[test]\ncoverage = true\n';
  expect(planBunfig(text, 604800).newText).toBe('# bun settings\n[install]\nexact = true # pin\nlinker = "isolated"\nminimumReleaseAge = 604800\n\n[test]\ncoverage = true\n');
});

test('an [install] table with only a header gets the key right under it', () => {
  expect(planBunfig('[install]\n\n[run]\nbun = true\n', 60).newText).toBe('[install]\nminimumReleaseAge = 60\n\n[run]\nbun = true\n');
});

test('keys in [install.scopes] are not [install] keys; a new [install] table is appended', () => {
  const text = '[install.scopes]\nmyorg = { url = "https://r.example/" }\n';
  expect(planBunfig(text, 60).newText).toBe(`${text}\n[install]\nminimumReleaseAge = 60\n`);
});

test('top-level dotted install.* keys get a dotted key next to them (a new [install] table would be invalid TOML)', () => {
  expect(planBunfig('install.exact = true\n', 60).newText).toBe('install.exact = true\ninstall.minimumReleaseAge = 60\n');
});

test('replaces a different value in place, keeping its comment', () => {
  const plan = planBunfig('[install]\nminimumReleaseAge = 259200 # 3 days\n', 604800);
  expect(plan).toMatchObject({ status: 'different', current: '259200' });
  expect(plan.newText).toBe('[install]\nminimumReleaseAge = 604800 # 3 days\n');
});

test('reads TOML integers with underscores as equal, and is idempotent', () => {
  expect(planBunfig('[install]\nminimumReleaseAge = 604_800\n', 604800).status).toBe('equal');
  const once = planBunfig('[test]\nx = 1\n', 604800).newText!;
  expect(planBunfig(once, 604800)).toMatchObject({ status: 'equal', newText: null });
});

test('multi-line arrays and strings are skipped, not mistaken for keys', () => {
  const text = '[install]\nminimumReleaseAgeExcludes = [\n  "a",\n  "b",\n]\nnote = """\nminimumReleaseAge = 1\n"""\n';
  const plan = planBunfig(text, 60);
  expect(plan.status).toBe('missing');
  expect(plan.newText).toBe(`${text}minimumReleaseAge = 60\n`);
});

test('an inline install table is left to the user', () => {
  expect(planBunfig('install = { exact = true }\n', 60)).toEqual({ status: 'manual', current: null, newText: null, notes: ['bunfig-inline-table'] });
});

test.each([
  ['[install\nexact = true\n', 'bunfig.toml: invalid TOML at line 1: a table header must look like [name]'],
  ['[install]\nexact true\n', 'bunfig.toml: invalid TOML at line 2: expected key = value'],
  ['[install]\nx = [\n  1,\n', 'bunfig.toml: invalid TOML: a multi-line value is never closed'],
])('malformed TOML %j is an error naming the file', (text, message) => {
  expect(() => planBunfig(text, 60)).toThrow(message);
});

test('a # inside a string is not a comment', () => {
  const plan = planBunfig('[install]\nminimumReleaseAge = 60\nregistry = "https://r.example/#a" # b\n', 60);
  expect(plan.status).toBe('equal');
  expect(planBunfig('[install]\nregistry = "https://r.example/#a[" # b\n', 60).newText).toBe('[install]\nregistry = "https://r.example/#a[" # b\nminimumReleaseAge = 60\n');
});
