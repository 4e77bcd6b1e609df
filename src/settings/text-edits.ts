/** Small text helpers shared by the planners: edits are splices, so everything else stays as written. */

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** The file's line ending: CRLF when it already uses CRLF, else LF. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The offset just after the line break that ends the line holding `offset` (or the end of text). */
export function endOfLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The offset of the start of the line holding `offset`. */
export function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** An edit that inserts whole lines at `offset` (a line start, or the end of a text without a final newline). */
export function insertLines(text: string, offset: number, lines: string[]): TextEdit {
  const eol = eolOf(text);
  const needsBreak = offset > 0 && offset === text.length && !text.endsWith('\n');
  return { start: offset, end: offset, text: `${needsBreak ? eol : ''}${lines.join(eol)}${eol}` };
}

/** Applies non-overlapping edits, last first, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}
