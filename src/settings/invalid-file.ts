import { ERROR_CODES } from '../model/constants.js';
import { QuarantineError } from '../model/errors.js';

/** A config file init cannot read: one line naming the file and the problem; never rewritten. */
export function invalidFile(file: string, problem: string): QuarantineError {
  return new QuarantineError(ERROR_CODES.nativeConfigInvalid, `${file}: ${problem}`, {
    hint: `fix ${file} (init never rewrites a file it cannot read), then run quarantine init again`,
  });
}
