/**
 * Minimal typings for @yarnpkg/lockfile@1 (Yarn classic's own v1 parser; it ships none),
 * covering what yarn-classic.ts uses. See node_modules/@yarnpkg/lockfile/index.js. It is
 * CommonJS without named ESM exports: import the default.
 */
declare module '@yarnpkg/lockfile' {
  namespace yarnLockfile {
    /**
     * `success`: parsed as is. `merge`: the text had git conflict markers and both sides were
     * merged. `conflict`: conflict markers that could not be merged. Keys of a multi-descriptor
     * entry (`a@^1, a@^1.1`) share one value object.
     */
    interface ParseResult {
      type: 'success' | 'merge' | 'conflict';
      object: Record<string, unknown>;
    }
  }
  const yarnLockfile: {
    /** Throws SyntaxError (RangeError on some truncated strings); messages end `<line>:<col> in lockfile`. */
    parse(text: string, fileLoc?: string): yarnLockfile.ParseResult;
    stringify(object: Record<string, unknown>): string;
  };
  export = yarnLockfile;
}
