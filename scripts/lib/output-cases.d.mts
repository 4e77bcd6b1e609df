/** Runs the built tree at `root` and returns its outputs: file name -> normalised text. */
export function collectOutputs(root: string, options?: { concurrency?: number }): Promise<Map<string, string>>;
/** Folders (relative to `root`) whose lockfiles the comparison reads. */
export function fixtureProjects(root: string): string[];
/** Replaces each `from` with its `to`, and the random GITHUB_OUTPUT delimiters. */
export function normalise(text: string, replacements: Array<[string, string]>): string;
/** The synthetic registry document for a fixture package (undefined: not in the registry). */
export function syntheticPackument(name: string, versions: Iterable<string>): object | undefined;
