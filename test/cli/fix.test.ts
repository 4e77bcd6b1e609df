/** `quarantine fix` input errors: one line, exit 2, nothing touched (the real runs: test/e2e/fix.test.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv, runCli } from '../support/cli.js';
import { makeTempDir } from '../support/temp.js';

function project(files: Record<string, string>): string {
  const dir = makeTempDir('fix-cli');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('quarantine fix', () => {
  it('refuses Yarn classic, which has no release-age setting, in one line', async () => {
    const lock = '# yarn lockfile v1\n\n\nleft-pad@^1.3.0:\n  version "1.3.0"\n  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz"\n';
    const dir = project({ 'package.json': '{"name":"p","packageManager":"yarn@1.22.22"}\n', 'yarn.lock': lock });
    const result = await runCli(['fix', dir], { env: isolatedEnv() });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^quarantine: Yarn classic has no release-age setting, so `quarantine fix` cannot ask it for older versions\n {2}hint: /);
    expect(readFileSync(join(dir, 'yarn.lock'), 'utf8')).toBe(lock);
  });

  it('takes the folder as --dir too, and says when there is no package.json', async () => {
    const result = await runCli(['fix', '--dir', join(makeTempDir('fix-cli'), 'missing')], { env: isolatedEnv() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^quarantine: .*missing\/package\.json: no such file\n {2}hint: run it in a project directory/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
