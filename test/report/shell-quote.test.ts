/** Suggested commands stay the words they were meant to be, in a real POSIX shell. */
import { execFileSync } from 'node:child_process';
import { shellCommand, shellQuote } from '../../src/report/shell-quote.js';

const wordsOf = (command: string): string[] =>
  execFileSync('sh', ['-c', `set -- ${command}; printf '%s\\n' "$@"`], { encoding: 'utf8' }).split('\n').slice(0, -1);

test.each([
  ['lib@1.2.0', 'lib@1.2.0'],
  ['@scope/lib@1.2.0+build.5', '@scope/lib@1.2.0+build.5'],
  ['<why this release is safe>', '"<why this release is safe>"'],
  ['x;touch${IFS}pwned;#@0.9.0', "'x;touch${IFS}pwned;#@0.9.0'"],
  ["it's", `"it's"`],
  ["it's $HOME", `'it'\\''s $HOME'`],
  ['a`id`$(id)"\\!', `'a\`id\`$(id)"\\!'`],
])('%j is quoted as %s and reads back as itself', (word, quoted) => {
  expect(shellQuote(word)).toBe(quoted);
  expect(wordsOf(shellCommand(['x', word]))).toEqual(['x', word]);
});

test('control characters are stripped before quoting: what is printed is what is quoted', () => {
  expect(shellQuote('evil\u001b[2J;x')).toBe('"evil[2J;x"');
});
