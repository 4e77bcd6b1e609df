/**
 * npm 12 ignores npm-shrinkwrap.json (checked with the real npm 12.2.2: `npm ci` with only a
 * shrinkwrap refuses to run, `npm install` resolves package.json's ranges afresh and writes a
 * package-lock.json). For a project pinned to npm 12, the gate checks the file npm installs from.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findLockfiles } from '../../src/lockfile/read-lockfile.js';
import { QuarantineError } from '../../src/model/errors.js';
import { makeTempDir } from '../support/temp.js';

const LOCK = '{"lockfileVersion": 3, "packages": {"": {}}}\n';

function project(packageJson: object | null, lockfiles: string[]): string {
  const dir = makeTempDir('npm12-choice');
  if (packageJson !== null) writeFileSync(join(dir, 'package.json'), JSON.stringify(packageJson));
  for (const name of lockfiles) writeFileSync(join(dir, name), LOCK);
  return dir;
}

const names = async (dir: string) => (await findLockfiles(dir)).map((path) => basename(path));
const BOTH = ['npm-shrinkwrap.json', 'package-lock.json'];

test('pinned to npm 12 (packageManager): only package-lock.json, the file npm 12 installs from', async () => {
  expect(await names(project({ packageManager: 'npm@12.2.2' }, BOTH))).toEqual(['package-lock.json']);
});

test('pinned to npm 12 through devEngines (a range whose lowest version is 12)', async () => {
  expect(await names(project({ devEngines: { packageManager: { name: 'npm', version: '^12.1.0' } } }, BOTH))).toEqual(['package-lock.json']);
  expect(await names(project({ devEngines: { packageManager: [{ name: 'npm', version: '>=12' }] } }, BOTH))).toEqual(['package-lock.json']);
});

test('npm 11, a range that admits npm 11, or no pin: both files are checked, as before', async () => {
  expect(await names(project({ packageManager: 'npm@11.19.1' }, BOTH))).toEqual(BOTH);
  expect(await names(project({ devEngines: { packageManager: { name: 'npm', version: '>=11' } } }, BOTH))).toEqual(BOTH);
  expect(await names(project({}, BOTH))).toEqual(BOTH);
  expect(await names(project(null, BOTH))).toEqual(BOTH);
  expect(await names(project({ packageManager: 'pnpm@12.23.0' }, BOTH))).toEqual(BOTH);
});

test('pinned to npm 12 with only npm-shrinkwrap.json: nothing is locked for npm 12, an error naming the fix', async () => {
  const dir = project({ packageManager: 'npm@12.0.0' }, ['npm-shrinkwrap.json']);
  const error = await findLockfiles(dir).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(QuarantineError);
  expect((error as QuarantineError).message).toMatch(/npm 12 ignores npm-shrinkwrap\.json \(package\.json#packageManager admits npm 12\.0\.0\).*nothing is locked/);
  expect((error as QuarantineError).hint).toMatch(/rename it to package-lock\.json/);
});

test('the shrinkwrap of an npm 12 project beside another manager\'s lockfile is still left out', async () => {
  expect(await names(project({ packageManager: 'npm@12.2.2' }, ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml']))).toEqual(['package-lock.json', 'pnpm-lock.yaml']);
});
