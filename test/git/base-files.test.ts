/**
 * The trust inputs as they are at a commit (src/git/base-files.ts): files inside the
 * repository come from git, never from the work tree; files outside it from the disk.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitConfigFiles } from '../../src/git/base-files.js';
import { createGitRepo } from '../support/git-repo.js';
import { makeTempDir } from '../support/temp.js';

const outside = makeTempDir('outside');

describe('gitConfigFiles', () => {
  test('reads the commit, not the work tree; a missing file is ENOENT, a folder is not a file', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ '.npmrc': 'registry=https://base.example/\n', 'sub/package.json': '{}' }, 'base');
    repo.commit({ '.npmrc': 'registry=https://head.example/\n', 'quarantine.json': '{}' }, 'head');
    const files = gitConfigFiles(repo.dir, base, { PATH: process.env['PATH'] });
    expect(await files.readText(join(repo.dir, '.npmrc'))).toBe('registry=https://base.example/\n');
    await expect(files.readText(join(repo.dir, 'quarantine.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(files.readText(join(repo.dir, 'sub'))).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await files.isFile(join(repo.dir, 'sub/package.json'))).toBe(true);
    expect(await files.isFile(join(repo.dir, 'sub'))).toBe(false);
    expect(await files.isFile(join(repo.dir, 'quarantine.json'))).toBe(false);
  });

  test('a folder the head replaces with a symlink out of the repository is still read at the commit', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'sub/.npmrc': 'registry=https://base.example/\n' }, 'base');
    writeFileSync(join(outside, '.npmrc'), 'registry=https://attacker.example/\n');
    rmSync(join(repo.dir, 'sub'), { recursive: true });
    symlinkSync(outside, join(repo.dir, 'sub'));
    const files = gitConfigFiles(repo.dir, base, { PATH: process.env['PATH'] });
    expect(await files.readText(join(repo.dir, 'sub/.npmrc'))).toBe('registry=https://base.example/\n');
  });

  test('files outside the repository (the runner\'s user .npmrc) come from the disk', async () => {
    const repo = createGitRepo();
    const base = repo.commit({ 'a.txt': 'a' }, 'base');
    mkdirSync(join(outside, 'home'), { recursive: true });
    writeFileSync(join(outside, 'home', '.npmrc'), '//registry.example/:_authToken=${NODE_AUTH_TOKEN}\n');
    const files = gitConfigFiles(repo.dir, base, { PATH: process.env['PATH'] });
    expect(await files.readText(join(outside, 'home', '.npmrc'))).toContain('_authToken');
    expect(await files.isFile(join(outside, 'home', 'missing'))).toBe(false);
  });
});
