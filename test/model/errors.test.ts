import { fileReadProblem } from '../../src/model/errors.js';

const fsError = (code: string) => Object.assign(new Error(code), { code });

test('fs errors become words', () => {
  expect(fileReadProblem(fsError('ENOENT'))).toBe('no such file');
  expect(fileReadProblem(fsError('EISDIR'))).toBe('is a directory');
  expect(fileReadProblem(fsError('EISDIR'), 'lockfile')).toBe('is a directory, not a lockfile');
  expect(fileReadProblem(fsError('EACCES'))).toBe('cannot read (EACCES)');
  expect(fileReadProblem(new Error('odd'))).toBe('cannot read (unknown error)');
});
