/** test/fixtures/golden/ (or `dir`) as file -> text, without its README. */
export function readGolden(dir?: string): Map<string, string>;
