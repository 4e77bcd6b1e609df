/** The command line's own sentences: typos, a folder given twice, Ctrl-C. */

/** `quarantine chek`: one line naming the closest command. */
export function unknownCommandMessage(word: string, guess: string): string {
  return `unknown command "${word}" (did you mean "${guess}"?)`;
}

/** `--jsn`: one line naming the closest option of the command. */
export function unknownOptionMessage(flag: string, guess: string): string {
  return `unknown option ${flag} (did you mean ${guess}?)`;
}

/** `check app --dir other`: the two ways of naming the folder disagree. */
export function folderGivenTwiceMessage(positional: string, option: string): string {
  return `the project folder is given twice ("${positional}" and --dir "${option}"): give it once, as [dir] or as --dir`;
}

/**
 * What Ctrl-C leaves on stderr: a newline ending the progress line when stderr is a terminal
 * (the progress line has none), then one line.
 */
export function interruptedText(terminal: boolean): string {
  return `${terminal ? '\n' : ''}quarantine: interrupted (Ctrl-C)\n`;
}
