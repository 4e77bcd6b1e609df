/**
 * Where a name@version sits in a lockfile's text: the 1-based line of its entry, for
 * annotations and SARIF results. Pure and forgiving: a text search per format, never a
 * second parser. When the entry cannot be found (an unusual layout, a version written
 * differently), null: callers then point at the file without a line.
 *
 * Per format, the line of:
 * - npm: the `"node_modules/.../name": {` (v2/v3) or `"name": {` (v1) key whose block has the version;
 * - pnpm: the `packages` key (`name@1.0.0`, `/name@1.0.0(peer)`, `/name/1.0.0_peer`);
 * - Yarn classic / Berry: the descriptor line of the block whose `version` / `resolution` matches;
 * - Bun: the `packages` entry whose tuple starts with `"name@version"`.
 */
import type { PackageManager } from '../model/types.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines of the JSON object opened on `lines[start]` (up to its closing brace). */
function npmBlock(lines: readonly string[], start: number): string[] {
  const indent = indentOf(lines[start] ?? '');
  const block: string[] = [];
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() !== '' && indentOf(line) <= indent) break;
    block.push(line);
  }
  return block;
}

function locateNpm(lines: readonly string[], name: string, version: string): number | null {
  const key = /^\s*"((?:[^"]*\/)?node_modules\/)?((?:@[^"/]+\/)?[^"/]+)"\s*:\s*\{\s*$/;
  const versionLine = new RegExp(`^\\s*"version"\\s*:\\s*"(?:npm:${escapeRegExp(name)}@)?${escapeRegExp(version)}"`);
  const nameLine = new RegExp(`^\\s*"name"\\s*:\\s*"${escapeRegExp(name)}"`);
  for (let index = 0; index < lines.length; index++) {
    const match = key.exec(lines[index] ?? '');
    if (!match) continue;
    // An entry's own keys sit one level deeper than its key; nested blocks deeper still.
    const ownIndent = indentOf(lines[index] ?? '') + 2;
    const own = npmBlock(lines, index).filter((line) => indentOf(line) === ownIndent);
    const aliasTarget = /^\s*"version"\s*:\s*"npm:/.test(own.find((line) => /^\s*"version"/.test(line)) ?? '');
    const named = match[2] === name || own.some((line) => nameLine.test(line)) || aliasTarget;
    if (named && own.some((line) => versionLine.test(line))) return index + 1;
  }
  return null;
}

function locatePnpm(lines: readonly string[], name: string, version: string): number | null {
  const id = escapeRegExp(name);
  const v = escapeRegExp(version);
  // v9 `name@1.0.0`, v6 `/name@1.0.0(peer)`, v5.4 `/name/1.0.0_peer`; quoted when scoped.
  const key = new RegExp(`^\\s+['"]?(?:/${id}[@/]|${id}@)${v}(?:[(_][^:]*)?['"]?:\\s*$`);
  const index = lines.findIndex((line) => key.test(line));
  return index === -1 ? null : index + 1;
}

/** Descriptor names on a Yarn block header: `"a@^1, a@npm:^1.1":` -> the names before the range. */
function yarnHeaderNames(line: string): string[] {
  return line
    .replace(/:\s*$/, '')
    .split(',')
    .map((part) => part.trim().replace(/^"|"$/g, ''))
    .map((descriptor) => {
      const at = descriptor.indexOf('@', 1);
      const head = at === -1 ? descriptor : descriptor.slice(0, at);
      const alias = /@npm:((?:@[^@/]+\/)?[^@]+)@/.exec(descriptor);
      return alias?.[1] ?? head;
    });
}

function locateYarn(lines: readonly string[], name: string, version: string): number | null {
  const classic = new RegExp(`^\\s+version:?\\s+"?${escapeRegExp(version)}"?\\s*$`);
  const berry = new RegExp(`^\\s+resolution:\\s+"?${escapeRegExp(name)}@npm:${escapeRegExp(version)}"?\\s*$`);
  let header = -1;
  let headerNames: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line !== '' && !/^\s/.test(line) && !line.startsWith('#')) {
      header = index;
      headerNames = yarnHeaderNames(line);
      continue;
    }
    if (header === -1) continue;
    if (berry.test(line)) return header + 1;
    if (classic.test(line) && headerNames.includes(name)) return header + 1;
  }
  return null;
}

function locateBun(lines: readonly string[], name: string, version: string): number | null {
  const entry = new RegExp(`^\\s*"[^"]+"\\s*:\\s*\\[\\s*"${escapeRegExp(name)}@${escapeRegExp(version)}"`);
  const index = lines.findIndex((line) => entry.test(line));
  return index === -1 ? null : index + 1;
}

export function locatePackage(text: string, packageManager: PackageManager, name: string, version: string): number | null {
  const lines = text.split(/\r?\n/);
  switch (packageManager) {
    case 'npm':
      return locateNpm(lines, name, version);
    case 'pnpm':
      return locatePnpm(lines, name, version);
    case 'yarn-classic':
    case 'yarn-berry':
      return locateYarn(lines, name, version);
    case 'bun':
      return locateBun(lines, name, version);
  }
}
