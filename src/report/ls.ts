/** `ls`: the locked packages the gate sees, per lockfile, without any network. */
import { JSON_SCHEMA_VERSION } from '../model/constants.js';
import type { Lockfile, SourceKind } from '../model/types.js';
import type { JsonValue } from './json-values.js';
import { printable, sanitize } from './sanitize.js';
import type { Style } from './style.js';

function lockfileToJson(lockfile: Lockfile): { [key: string]: JsonValue } {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    lockfile: printable(lockfile.path),
    packageManager: lockfile.packageManager,
    packages: lockfile.packages.map((pkg) => ({
      name: sanitize(pkg.name),
      version: sanitize(pkg.version),
      source: pkg.source,
      dev: pkg.dev,
      optional: pkg.optional,
      configDependency: pkg.configDependency === true,
      paths: pkg.pathCount,
    })),
  };
}

/** One document for one lockfile; an array of them when a project holds several. */
export function lsToJson(lockfiles: readonly Lockfile[]): JsonValue {
  const documents = lockfiles.map(lockfileToJson);
  return documents.length === 1 ? (documents[0] as JsonValue) : documents;
}

function countBySource(lockfile: Lockfile): string {
  const counts = new Map<SourceKind, number>();
  for (const pkg of lockfile.packages) counts.set(pkg.source, (counts.get(pkg.source) ?? 0) + 1);
  return [...counts].map(([source, count]) => `${count} ${source}`).join(', ');
}

export function formatLsText(lockfiles: readonly Lockfile[], style: Style): string {
  const lines: string[] = [];
  for (const lockfile of lockfiles) {
    if (lines.length > 0) lines.push('');
    const total = lockfile.packages.length;
    lines.push(style.bold(`${printable(lockfile.path)} (${lockfile.packageManager} lockfile v${printable(lockfile.formatVersion)}): ${total} package${total === 1 ? '' : 's'}${total > 0 ? ` (${countBySource(lockfile)})` : ''}`));
    const sorted = [...lockfile.packages].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
    for (const pkg of sorted) {
      const flags = [pkg.source, pkg.dev ? 'dev' : null, pkg.optional ? 'optional' : null, pkg.configDependency === true ? 'config dependency' : null].filter((flag) => flag !== null).join(', ');
      const aliases = pkg.aliases.length > 0 ? ` as ${pkg.aliases.map(sanitize).join(', ')}` : '';
      lines.push(`  ${sanitize(pkg.name)}@${sanitize(pkg.version)}${aliases}  ${style.dim(`${flags}; ${pkg.pathCount} path${pkg.pathCount === 1 ? '' : 's'}`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
