import { ERROR_CODES } from '../../src/model/constants.js';
import { QuarantineError } from '../../src/model/errors.js';
import { describeError, errorDocument, errorLine, errorLines, errorReason, undecidedInstallMessage } from '../../src/report/error-text.js';

const undecided = new QuarantineError(ERROR_CODES.registryUnavailable, 'cannot reach https://user:secret@registry.example/', {
  details: ['first', 'second\u001b[31m'],
  hint: 'check your network',
});

describe('one description of an error, laid out per surface', () => {
  test('describeError: printable parts without credentials; anything else is a bug', () => {
    expect(describeError(undecided)).toEqual({
      code: 'E_REGISTRY_UNAVAILABLE',
      message: 'cannot reach https://***@registry.example/',
      details: ['first', 'second[31m'],
      hint: 'check your network',
      internal: false,
    });
    expect(describeError(new TypeError('x is undefined'))).toEqual({ code: 'E_INTERNAL', message: 'x is undefined', details: [], hint: '', internal: true });
  });

  test('the Action: one line', () => {
    expect(errorLine(undecided)).toBe('cannot reach https://***@registry.example/ (first; second[31m). Hint: check your network');
    expect(errorLine('boom')).toBe('internal error: boom. This is a bug in release-quarantine; please report it');
  });

  test('--json on exit 2: the same words as a document, the hint null when there is none', () => {
    expect(errorDocument(undecided)).toEqual({
      schemaVersion: 1,
      error: { code: 'E_REGISTRY_UNAVAILABLE', message: 'cannot reach https://***@registry.example/', hint: 'check your network', details: ['first', 'second[31m'] },
    });
    expect(errorDocument(new QuarantineError(ERROR_CODES.usage, 'bad flag')).error.hint).toBeNull();
    expect(errorDocument(new Error('boom')).error).toEqual({
      code: 'E_INTERNAL',
      message: 'internal error: boom',
      hint: 'this is a bug in release-quarantine; rerun with QUARANTINE_DEBUG=1 for details and please report it',
      details: [],
    });
  });

  test('the CLI: the message, then details and hint indented', () => {
    expect(errorLines(undecided)).toBe('quarantine: cannot reach https://***@registry.example/\n  first\n  second[31m\n  hint: check your network\n');
    expect(errorLines(new Error('boom'))).toBe('quarantine: internal error: boom\n  this is a bug in release-quarantine; rerun with QUARANTINE_DEBUG=1 for details and please report it\n');
  });

  test('the hooks: words for the Bun scanner, a message for pnpm', () => {
    expect(errorReason(undecided)).toBe('cannot reach https://***@registry.example/ first second[31m check your network');
    expect(undecidedInstallMessage(describeError(undecided))).toBe(
      'release-quarantine could not check this install, so it stops it: cannot reach https://***@registry.example/\nfirst\nsecond[31m',
    );
  });
});
