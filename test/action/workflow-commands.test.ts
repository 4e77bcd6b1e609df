/** Workflow command text: escaping, GitHub's per-step annotation limit, the GITHUB_OUTPUT format. */
import { nextPageUrl } from '../../src/action/api.js';
import { parseList } from '../../src/action/inputs.js';
import { annotationCommand, limitAnnotations, outputEntry, type Annotation } from '../../src/action/workflow-commands.js';

test('messages escape %, CR and LF; properties also : and ,', () => {
  expect(annotationCommand({ level: 'error', file: 'a:b,c.lock', line: 3, title: 'x: y, z', message: '100% bad\r\nnext' })).toBe(
    '::error file=a%3Ab%2Cc.lock,line=3,title=x%3A y%2C z::100%25 bad next',
  );
  expect(annotationCommand({ level: 'notice', message: 'plain' })).toBe('::notice::plain');
  expect(annotationCommand({ level: 'warning', file: 'f', line: null, message: 'esc\u001b[2J' })).toBe('::warning file=f::esc[2J');
});

test('at most 10 errors and 10 warnings, then one notice for the rest', () => {
  const many = (level: Annotation['level'], count: number) => Array.from({ length: count }, (_, index) => ({ level, message: `${level} ${index}` }));
  const lines = limitAnnotations([...many('error', 13), ...many('warning', 11)]);
  expect(lines.filter((line) => line.startsWith('::error::'))).toHaveLength(10);
  expect(lines.filter((line) => line.startsWith('::warning::'))).toHaveLength(10);
  expect(lines.at(-1)).toBe('::notice::4 more blocked or warned lockfile entries are listed in the job summary (GitHub shows 10 annotations of each kind per step).');
  expect(limitAnnotations(many('error', 2))).toHaveLength(2);
});

test('outputs use the multiline-safe delimiter form', () => {
  expect(outputEntry('report', '/tmp/a\nb', 'EOF_1')).toBe('report<<EOF_1\n/tmp/a\nb\nEOF_1\n');
  expect(outputEntry('blocked', '1')).toMatch(/^blocked<<ghadelimiter_[0-9a-f-]{36}\n1\nghadelimiter_[0-9a-f-]{36}\n$/);
});

test('the lockfiles input: commas or lines; the Link header: the next page', () => {
  expect(parseList(' a/package-lock.json,\n packages/*/pnpm-lock.yaml \n\n')).toEqual(['a/package-lock.json', 'packages/*/pnpm-lock.yaml']);
  expect(nextPageUrl('<https://api.example/x?page=2>; rel="next", <https://api.example/x?page=5>; rel="last"')).toBe('https://api.example/x?page=2');
  expect(nextPageUrl('<https://api.example/x?page=1>; rel="prev"')).toBeNull();
  expect(nextPageUrl(null)).toBeNull();
});
