/**
 * Text-level helpers for Yarn classic lockfiles, around @yarnpkg/lockfile's quirks:
 * - its tokenizer reads an unterminated string until V8's string limit (seconds of CPU and
 *   hundreds of MB) before failing, so unclosed quotes are found here first;
 * - its line numbers count `\n\n` as one line, so they are mapped back to real lines.
 */

/** 1-based line of the first line whose quotes are not closed; null when all are. */
export function findUnterminatedString(text: string): number | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    let open = false;
    for (let at = 0; at < line.length; at++) {
      const char = line[at];
      if (open) {
        if (char === '\\') at++;
        else if (char === '"') open = false;
      } else if (char === '"') open = true;
      else if (char === '#' && (at === 0 || line[at - 1] === ' ')) break; // a comment
    }
    if (open) return i + 1;
  }
  return null;
}

/**
 * The real line of a line number reported by @yarnpkg/lockfile, whose tokenizer takes
 * `\n\n` (like `\r\n`) as a single line break.
 */
export function realLineOf(text: string, reported: number): number {
  let counted = 1;
  let real = 1;
  for (let i = 0; i < text.length && counted < reported; i++) {
    const char = text[i];
    if (char !== '\n' && char !== '\r') continue;
    if (text[i + 1] === '\n') {
      real += char === '\n' ? 2 : 1;
      i++;
    } else real++;
    counted++;
  }
  return real;
}

/** Line of the entry whose key list includes `key` (keys may be quoted and comma-joined). */
export function lineOfEntry(text: string, key: string): number | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line === '' || /^[\s#]/.test(line)) continue;
    // `key:` opens a mapping; `key "value"` (not an entry Yarn writes) has the key first.
    const keyPart = /:\s*$/.test(line) ? line.replace(/:\s*$/, '') : (/^("[^"]*"|[^\s"]+)/.exec(line)?.[1] ?? line);
    const keys = keyPart.split(/,\s*/).map((part) => part.replace(/^"(.*)"$/, '$1'));
    if (keys.includes(key)) return i + 1;
  }
  return null;
}
