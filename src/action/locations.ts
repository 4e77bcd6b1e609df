/** Where each checked package sits in the lockfiles (repository-relative path and line). */
import { readFileSync } from 'node:fs';
import type { CheckReport, CheckedPackage } from '../model/report.js';
import { locatePackage } from '../lockfile/locate.js';
import type { PackageLocation } from '../report/sarif.js';

export function createLocator(report: CheckReport): (entry: CheckedPackage) => PackageLocation[] {
  const texts = new Map<string, string | null>();
  const managers = new Map(report.lockfiles.map((lockfile) => [lockfile.path, lockfile.packageManager]));
  const textOf = (path: string): string | null => {
    if (!texts.has(path)) {
      try {
        texts.set(path, readFileSync(path, 'utf8'));
      } catch {
        texts.set(path, null);
      }
    }
    return texts.get(path) ?? null;
  };
  return (entry) =>
    entry.lockfiles.map((path) => {
      const text = textOf(path);
      const manager = managers.get(path);
      const line = text === null || manager === undefined ? null : locatePackage(text, manager, entry.name, entry.version);
      return { path: path.split('\\').join('/'), line };
    });
}
