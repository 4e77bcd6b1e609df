/**
 * locatePackage: the line of a name@version entry in each lockfile format, for annotations and
 * SARIF. Every registry package of every fixture written by the real package managers must be
 * found, on a line that names it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseLockfile } from '../../src/lockfile/formats.js';
import { locatePackage } from '../../src/lockfile/locate.js';
import { LOCKFILE_FIXTURES, readLockfileFixture } from '../support/lockfile-fixtures.js';

const LOCKFILE = /^(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lock)$/;

function fixtures(): string[] {
  return readdirSync(LOCKFILE_FIXTURES).flatMap((format) =>
    readdirSync(join(LOCKFILE_FIXTURES, format), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((version) => readdirSync(join(LOCKFILE_FIXTURES, format, version.name)).filter((name) => LOCKFILE.test(name)).map((name) => `${format}/${version.name}/${name}`)),
  );
}

function lineOf(text: string, line: number | null): string {
  return line === null ? '' : (text.split(/\r?\n/)[line - 1] ?? '');
}

describe('locatePackage', () => {
  test('the fixtures cover every format', () => {
    const formats = new Set(fixtures().map((path) => path.split('/')[0]));
    expect([...formats].sort()).toEqual(['bun', 'npm', 'pnpm', 'yarn-berry', 'yarn-classic']);
  });

  test.each(fixtures())('finds every registry package of %s on a line that names it', (path) => {
    const text = readLockfileFixture(path);
    const lockfile = parseLockfile({ path, text });
    const registry = lockfile.packages.filter((pkg) => pkg.source === 'registry');
    expect(registry.length).toBeGreaterThan(3);
    for (const pkg of registry) {
      const line = locatePackage(text, lockfile.packageManager, pkg.name, pkg.version);
      const named = pkg.aliases.length > 0 ? [pkg.name, ...pkg.aliases] : [pkg.name];
      expect({ pkg: `${pkg.name}@${pkg.version}`, found: named.some((name) => lineOf(text, line).includes(name)) }).toEqual({ pkg: `${pkg.name}@${pkg.version}`, found: true });
    }
  });

  test('the exact entry line in each format', () => {
    const at = (path: string, manager: Parameters<typeof locatePackage>[1], name: string, version: string) =>
      lineOf(readLockfileFixture(path), locatePackage(readLockfileFixture(path), manager, name, version)).trim();
    expect(at('npm/v3/package-lock.json', 'npm', 'debug', '2.6.9')).toBe('"node_modules/debug": {');
    expect(at('npm/v3/package-lock.json', 'npm', 'is-number', '6.0.0')).toBe('"node_modules/my-alias": {');
    expect(at('npm/v3/package-lock.json', 'npm', 'is-number', '3.0.0')).toBe('"node_modules/is-odd/node_modules/is-number": {');
    expect(at('npm/v1/package-lock.json', 'npm', 'debug', '2.6.9')).toBe('"debug": {');
    expect(at('pnpm/v5.4/pnpm-lock.yaml', 'pnpm', 'debug', '2.6.9')).toBe('/debug/2.6.9:');
    expect(at('pnpm/v6.0/pnpm-lock.yaml', 'pnpm', 'debug', '2.6.9')).toBe('/debug@2.6.9:');
    expect(at('pnpm/v9.0-pnpm10/pnpm-lock.yaml', 'pnpm', 'debug', '2.6.9')).toBe('debug@2.6.9:');
    expect(at('yarn-classic/v1/yarn.lock', 'yarn-classic', 'is-buffer', '1.1.6')).toBe('is-buffer@1.1.6, is-buffer@^1.1.5, is-buffer@^1.1.6:');
    expect(at('yarn-classic/v1/yarn.lock', 'yarn-classic', '@types/ms', '0.7.34')).toBe('"@types/ms@0.7.34":');
    expect(at('yarn-berry/yarn4/yarn.lock', 'yarn-berry', 'debug', '2.6.9')).toBe('"debug@npm:2.6.9":');
    expect(at('bun/v1/bun.lock', 'bun', 'is-number', '3.0.0')).toMatch(/^"is-odd\/is-number": \["is-number@3\.0\.0"/);
  });

  test('null when the entry is not there', () => {
    const text = readLockfileFixture('npm/v3/package-lock.json');
    expect(locatePackage(text, 'npm', 'debug', '9.9.9')).toBeNull();
    expect(locatePackage(text, 'npm', 'no-such-package', '1.0.0')).toBeNull();
    expect(locatePackage(readLockfileFixture('pnpm/v9.0-pnpm10/pnpm-lock.yaml'), 'pnpm', 'debug', '2.6.1')).toBeNull();
    expect(locatePackage(readLockfileFixture('yarn-classic/v1/yarn.lock'), 'yarn-classic', 'debug', '2.6.1')).toBeNull();
  });
});
