/**
 * YAML lockfiles are read by js-yaml first (decision 0052): about five times faster than the
 * yaml library's document model on a cold start, and what pnpm up to 11 and Yarn Berry
 * themselves read lockfiles with. The yaml library still reads every text that js-yaml refuses
 * or might read differently, and gives positions for messages: its errors, lines and
 * duplicate-key check stay the ones reported. Pure.
 */
import { loadAll, type Schema } from 'js-yaml';

/** Longest implicit key the yaml library reads (longer is its KEY_OVER_1024_CHARS error). */
const LONGEST_IMPLICIT_KEY = 1024;
/** A directive (`%YAML 1.1` changes how scalars read), or an anchor, alias or tag. */
const DIRECTIVE_OR_NODE_PROPERTY = /^%|(?:^|[\s[{,])[&*!]/m;

/** Whether nothing in `text` is read differently by the two readers, as far as can be told cheaply. */
function quicklyReadable(text: string): boolean {
  if (DIRECTIVE_OR_NODE_PROPERTY.test(text)) return false;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const lineEnd = end === -1 ? text.length : end;
    if (lineEnd - start > LONGEST_IMPLICIT_KEY) return false;
    start = lineEnd + 1;
  }
  return true;
}

/**
 * Every document of `text` as js-yaml reads it with `schema`; null whenever the yaml library
 * must read it: a text that quicklyReadable refuses, or anything js-yaml refuses (duplicate
 * keys, aliases, unknown tags, bad indentation), which the yaml library then reports with its
 * line.
 */
export function readYamlQuickly(text: string, schema: Schema): unknown[] | null {
  if (!quicklyReadable(text)) return null;
  try {
    return loadAll(text, { schema, maxAliases: 0 });
  } catch {
    return null;
  }
}

/**
 * Lines for messages about a text js-yaml read: `build` (the yaml library's reading) runs on
 * the first call only. A text the yaml library refuses has no lines (null): the message about
 * what is wrong with the data stays the one shown.
 */
export function linesOnDemand<K>(build: () => (key: K) => number | null): (key: K) => number | null {
  let lineOf: ((key: K) => number | null) | undefined;
  return (key) => {
    if (lineOf === undefined) {
      try {
        lineOf = build();
      } catch {
        lineOf = () => null;
      }
    }
    return lineOf(key);
  };
}
