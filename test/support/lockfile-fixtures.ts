/** Helpers shared by the lockfile reader tests (test/lockfile/*.test.ts). */
import { readFileSync } from 'node:fs';
import { QuarantineError } from '../../src/model/errors.js';
import type { LockedPackage, Lockfile } from '../../src/model/types.js';

/** Where the lockfiles written by the real package managers lie (see the README in each folder). */
export const LOCKFILE_FIXTURES = 'test/fixtures/lockfiles';

/** A file under test/fixtures/lockfiles, e.g. `npm/v3/package-lock.json`, as UTF-8 text. */
export const readLockfileFixture = (path: string): string => readFileSync(`${LOCKFILE_FIXTURES}/${path}`, 'utf8');

/** The one package with this name and version; fails the test unless there is exactly one. */
export function findPackage(lockfile: Lockfile, name: string, version: string): LockedPackage {
  const found = lockfile.packages.filter((p) => p.name === name && p.version === version);
  expect(found).toHaveLength(1);
  return found[0] as LockedPackage;
}

/** The one package with this name, whatever its version; fails the test unless there is exactly one. */
export function onlyPackageNamed(lockfile: Lockfile, name: string): LockedPackage {
  const found = lockfile.packages.filter((p) => p.name === name);
  expect(found).toHaveLength(1);
  return found[0] as LockedPackage;
}

/** `name@version source[ dev][ optional]`, for whole-lockfile comparisons. */
export const summary = (p: LockedPackage): string => `${p.name}@${p.version} ${p.source}${p.dev ? ' dev' : ''}${p.optional ? ' optional' : ''}`;

/**
 * The QuarantineError that `parse` throws. Fails the test if it throws something else, if the
 * message spans lines or there is no hint, and (naming `what`) if it does not throw at all.
 */
export function quarantineErrorOf(parse: () => unknown, what: string): QuarantineError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(QuarantineError);
    const quarantineError = error as QuarantineError;
    expect(quarantineError.message).not.toContain('\n');
    expect(quarantineError.hint).toBeTruthy();
    return quarantineError;
  }
  throw new Error(`expected ${what} to throw`);
}

/** Alias name -> real package name, from a project manifest's `npm:` specs. */
export function aliasRealNames(manifest: Record<string, Record<string, string>>): Map<string, string> {
  const realNames = new Map<string, string>();
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      const alias = /^npm:(@?[^@]+)@/.exec(spec);
      if (alias?.[1]) realNames.set(name, alias[1]);
    }
  }
  return realNames;
}
