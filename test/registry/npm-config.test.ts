import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/model/constants.js';
import { locateNpmConfigFiles, mergeNpmConfig, parseNpmConfigEnv, readNpmConfig } from '../../src/registry/npm-config.js';

let root: string;
let projectDir: string;
let homeDir: string;
let prefix: string;
/** A Node binary under `<prefix>/bin/node`, so the global npmrc is `<prefix>/etc/npmrc`. */
let execPath: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'quarantine-npmrc-'));
  projectDir = join(root, 'project');
  homeDir = join(root, 'home');
  prefix = join(root, 'prefix');
  execPath = join(prefix, 'bin', 'node');
  await Promise.all([projectDir, homeDir, join(prefix, 'etc')].map((dir) => mkdir(dir, { recursive: true })));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const read = (env: Record<string, string> = {}) =>
  readNpmConfig({ projectDir, env, homeDir, execPath, platform: 'linux' });

describe('readNpmConfig', () => {
  it('layers global < user < project < env', async () => {
    await writeFile(join(prefix, 'etc', 'npmrc'), 'registry=https://global.example/\na=global\nb=global\nc=global\n');
    await writeFile(join(homeDir, '.npmrc'), 'a=user\nb=user\n//user.example/:_authToken=${USER_TOKEN}\n');
    await writeFile(join(projectDir, '.npmrc'), 'a=project\n');
    const config = await read({ npm_config_a: 'env', USER_TOKEN: 'from-env' });
    expect(config.values).toMatchObject({
      a: 'env',
      b: 'user',
      c: 'global',
      registry: 'https://global.example/',
      '//user.example/:_authToken': 'from-env',
    });
    expect(config.sources.b).toBe(join(homeDir, '.npmrc'));
    expect(config.sources.c).toBe(join(prefix, 'etc', 'npmrc'));
  });

  it('treats missing files as empty layers', async () => {
    const config = await read();
    expect(config.values).toEqual({ registry: 'https://registry.npmjs.org/' });
  });

  it('honours npm_config_userconfig and npm_config_globalconfig', async () => {
    await writeFile(join(root, 'custom-user'), 'a=custom-user\n');
    await writeFile(join(root, 'custom-global'), 'b=custom-global\n');
    await writeFile(join(homeDir, '.npmrc'), 'a=default-user\n');
    const config = await read({
      npm_config_userconfig: join(root, 'custom-user'),
      npm_config_globalconfig: join(root, 'custom-global'),
    });
    expect(config.values).toMatchObject({ a: 'custom-user', b: 'custom-global' });
  });

  it('derives the global prefix from npm_config_prefix, PREFIX or the Node binary', () => {
    const base = { projectDir, homeDir, execPath: '/opt/node/bin/node', platform: 'linux' as const };
    const envLayer = (env: Record<string, string>) => ({ env: mergeNpmConfig({ env: parseNpmConfigEnv(env) }) });
    expect(locateNpmConfigFiles({ ...base, env: {} }, envLayer({})).global).toBe('/opt/node/etc/npmrc');
    expect(locateNpmConfigFiles({ ...base, env: { PREFIX: '/p' } }, envLayer({})).global).toBe('/p/etc/npmrc');
    const env = { npm_config_prefix: '/q' };
    expect(locateNpmConfigFiles({ ...base, env }, envLayer(env)).global).toBe('/q/etc/npmrc');
  });

  it('reads cafile into ca, one entry per certificate', async () => {
    const cert = (n: number) => `-----BEGIN CERTIFICATE-----\nMII${n}\n-----END CERTIFICATE-----`;
    await writeFile(join(root, 'ca.pem'), `${cert(1)}\r\n${cert(2)}\n`);
    await writeFile(join(projectDir, '.npmrc'), `cafile=${join(root, 'ca.pem')}\n`);
    const config = await read();
    expect(config.values.ca).toEqual([cert(1), cert(2)]);
  });

  it('names the file when a cafile cannot be read', async () => {
    await writeFile(join(projectDir, '.npmrc'), `cafile=${join(root, 'missing.pem')}\n`);
    await expect(read()).rejects.toMatchObject({
      code: ERROR_CODES.npmrcInvalid,
      message: expect.stringContaining(join(projectDir, '.npmrc')),
    });
  });

  it('refuses an unreadable npmrc, naming it', async () => {
    await mkdir(join(projectDir, '.npmrc')); // a directory: EISDIR
    await expect(read()).rejects.toMatchObject({
      code: ERROR_CODES.npmrcInvalid,
      message: expect.stringContaining(join(projectDir, '.npmrc')),
    });
  });

  it('refuses an npmrc with unscoped credentials without echoing them', async () => {
    await writeFile(join(homeDir, '.npmrc'), '_authToken=npm_SECRET123\n');
    const error: unknown = await read().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ERROR_CODES.npmrcInvalid });
    expect(JSON.stringify(error) + String(error)).not.toContain('npm_SECRET123');
  });

  if (process.getuid?.() !== 0) {
    it('refuses an npmrc without read permission', async () => {
      await writeFile(join(projectDir, '.npmrc'), 'a=1\n');
      await chmod(join(projectDir, '.npmrc'), 0o000);
      await expect(read()).rejects.toMatchObject({ code: ERROR_CODES.npmrcInvalid });
    });
  }
});
