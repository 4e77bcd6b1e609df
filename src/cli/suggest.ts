/**
 * "Did you mean" for the command line: yargs reports `Unknown argument: chek`; this finds
 * whether the word was a command or an option in argv and names the closest known one.
 */
import { ERROR_CODES } from '../model/constants.js';
import { closest } from '../model/closest.js';
import { QuarantineError } from '../model/errors.js';
import { unknownCommandMessage, unknownOptionMessage } from '../report/usage-text.js';

/** Options every command has (yargs adds them). */
const BUILT_IN_OPTIONS = ['help', 'version'];

/** How far a typo may be from what was meant: one edit for short words, one more every four letters. */
function maxDistance(word: string): number {
  return Math.max(1, Math.floor(word.length / 4));
}

/** The words before `--` (what follows goes to the package manager). */
function ownArguments(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return end === -1 ? [...argv] : argv.slice(0, end);
}

/** The flag as typed (`--jsn`, `-jsn`, `--no-jsn`) for an unknown option name, or undefined when it was not a flag. */
function typedFlag(name: string, words: readonly string[]): string | undefined {
  for (const word of words) {
    const flag = word.split('=', 1)[0] as string;
    if (flag === `--${name}` || flag === `-${name}` || flag === `--no-${name}`) return flag;
  }
  return undefined;
}

/**
 * A one-line QuarantineError suggesting the command or option meant, when yargs's `message`
 * names an unknown word close to one; undefined otherwise (the caller keeps yargs's message).
 * `commands` maps each command to its options' names.
 */
export function suggestionError(message: string, argv: readonly string[], commands: Readonly<Record<string, readonly string[]>>): QuarantineError | undefined {
  const match = /^Unknown arguments?: (.+)$/.exec(message);
  if (!match) return undefined;
  const unknown = (match[1] as string).split(', ');
  const words = ownArguments(argv);
  const command = words.find((word) => !word.startsWith('-'));
  const known = command !== undefined && Object.hasOwn(commands, command);
  if (command !== undefined && !known && unknown.includes(command)) {
    const guess = closest(command, Object.keys(commands), maxDistance(command));
    if (guess) return new QuarantineError(ERROR_CODES.usage, unknownCommandMessage(command, guess));
  }
  const options = [...(known ? (commands[command] ?? []) : []), ...BUILT_IN_OPTIONS];
  for (const name of unknown) {
    const flag = typedFlag(name, words);
    if (flag === undefined) continue;
    const negated = flag.startsWith('--no-');
    const bare = flag.replace(/^--?(no-)?/, '');
    const guess = closest(bare, options, maxDistance(bare));
    if (guess) return new QuarantineError(ERROR_CODES.usage, unknownOptionMessage(flag, `--${negated ? 'no-' : ''}${guess}`));
  }
  return undefined;
}
