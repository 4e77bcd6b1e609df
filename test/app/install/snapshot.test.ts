import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { restoreSnapshot, snapshotFiles, snapshotText } from '../../../src/app/install/snapshot.js';
import { makeTempDir } from '../../support/temp.js';

function project(): string {
  return makeTempDir('snapshot');
}

describe('snapshotFiles / restoreSnapshot', () => {
  it('puts back the exact bytes (no newline normalisation, BOM kept)', () => {
    const dir = project();
    const original = Buffer.from('\uFEFF{\r\n  "name": "p"\r\n}', 'utf8');
    writeFileSync(join(dir, 'package.json'), original);
    const snapshot = snapshotFiles(dir, ['package.json', 'package-lock.json']);
    writeFileSync(join(dir, 'package.json'), '{"name":"p","dependencies":{"canary":"^1.1.0"}}\n');
    restoreSnapshot(snapshot);
    expect(readFileSync(join(dir, 'package.json')).equals(original)).toBe(true);
  });

  it('deletes a lockfile that did not exist before, and a folder the resolution created', () => {
    const dir = project();
    writeFileSync(join(dir, 'package.json'), '{}');
    const snapshot = snapshotFiles(dir, ['package.json', 'package-lock.json', '.yarn/install-state.gz']);
    expect(snapshotText(snapshot, 'package-lock.json')).toBeNull();
    writeFileSync(join(dir, 'package-lock.json'), '{"lockfileVersion":3}');
    mkdirSync(join(dir, '.yarn'));
    writeFileSync(join(dir, '.yarn', 'install-state.gz'), 'x');
    restoreSnapshot(snapshot);
    expect(existsSync(join(dir, 'package-lock.json'))).toBe(false);
    expect(existsSync(join(dir, '.yarn'))).toBe(false);
  });

  it('recreates a lockfile the resolution deleted, and leaves other files alone', () => {
    const dir = project();
    writeFileSync(join(dir, 'yarn.lock'), '# yarn lockfile v1\n');
    writeFileSync(join(dir, 'README.md'), 'mine');
    const snapshot = snapshotFiles(dir, ['yarn.lock']);
    expect(snapshotText(snapshot, 'yarn.lock')).toBe('# yarn lockfile v1\n');
    writeFileSync(join(dir, 'README.md'), 'edited');
    writeFileSync(join(dir, 'yarn.lock'), '');
    restoreSnapshot(snapshot);
    expect(readFileSync(join(dir, 'yarn.lock'), 'utf8')).toBe('# yarn lockfile v1\n');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('edited');
  });
});
