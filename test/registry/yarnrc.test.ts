/** Yarn Berry's registry settings as npm configuration (src/registry/yarnrc.ts), and where Yarn finds its rc files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYarnrcFiles } from '../../src/registry/npm-config.js';
import { substituteYarnEnv, yarnConfigLayer } from '../../src/registry/yarnrc.js';
import { makeTempDir } from '../support/temp.js';

const file = (text: string, path = '/p/.yarnrc.yml') => ({ path, text });

describe('yarnConfigLayer', () => {
  test('nothing about registries: no layer, so npm configuration stands', () => {
    expect(yarnConfigLayer([file('nodeLinker: node-modules\n')], {})).toBeUndefined();
    expect(yarnConfigLayer([], {})).toBeUndefined();
  });

  test('the default registry, a scope registry and their tokens become npm keys', () => {
    const layer = yarnConfigLayer(
      [
        file(
          [
            'npmRegistryServer: "https://npm.corp.example/repo"',
            'npmAuthToken: top-token',
            'npmScopes:',
            '  acme:',
            '    npmRegistryServer: "https://npm.pkg.github.com/"',
            '    npmAuthToken: "${GH_TOKEN}"',
            '  "@tools":',
            '    npmAuthIdent: "ci:s3cret"',
          ].join('\n'),
        ),
      ],
      { GH_TOKEN: 'gh-token' },
    );
    expect(layer?.values).toEqual({
      registry: 'https://npm.corp.example/repo/',
      '@acme:registry': 'https://npm.pkg.github.com/',
      '//npm.pkg.github.com/:_authToken': 'gh-token',
      // @tools has no registry of its own: its credentials go to the default registry.
      '//npm.corp.example/repo/:_auth': Buffer.from('ci:s3cret').toString('base64'),
    });
    expect(layer?.source).toBe('/p/.yarnrc.yml (Yarn)');
  });

  test('the top-level token is the fallback for every registry without credentials of its own', () => {
    const layer = yarnConfigLayer([file('npmAuthToken: t\nnpmScopes:\n  a:\n    npmRegistryServer: https://a.example\n')], {});
    expect(layer?.values).toEqual({
      '@a:registry': 'https://a.example/',
      '//registry.yarnpkg.com/:_authToken': 't',
      '//a.example/:_authToken': 't',
    });
  });

  test('an npmRegistries entry (with or without protocol) wins over a scope\'s credentials for that registry', () => {
    const text = [
      'npmRegistries:',
      '  "//npm.example.com/x":',
      '    npmAuthToken: registry-token',
      'npmScopes:',
      '  s:',
      '    npmRegistryServer: https://npm.example.com/x',
      '    npmAuthToken: scope-token',
    ].join('\n');
    expect(yarnConfigLayer([file(text)], {})?.values['//npm.example.com/x/:_authToken']).toBe('registry-token');
    expect(yarnConfigLayer([file('npmRegistries:\n  "https://r.example/":\n    npmAuthIdent: "YWJj"\n')], {})?.values).toEqual({ '//r.example/:_auth': 'YWJj' });
  });

  test('the closest file wins key by key, inside scopes too; YARN_* variables win over every file', () => {
    const home = file('npmRegistryServer: https://home.example\nnpmScopes:\n  a:\n    npmRegistryServer: https://a-home.example\n    npmAuthToken: home\n', '/home/u/.yarnrc.yml');
    const project = file('npmScopes:\n  a:\n    npmAuthToken: project\n');
    expect(yarnConfigLayer([home, project], {})?.values).toEqual({
      registry: 'https://home.example/',
      '@a:registry': 'https://a-home.example/',
      '//a-home.example/:_authToken': 'project',
    });
    expect(yarnConfigLayer([home, project], { YARN_NPM_REGISTRY_SERVER: 'https://env.example', YARN_NPM_AUTH_TOKEN: 'env' })?.values).toMatchObject({
      registry: 'https://env.example/',
      '//env.example/:_authToken': 'env',
    });
  });

  test('scope names are data: `__proto__` neither pollutes nor breaks anything', () => {
    const layer = yarnConfigLayer([file('npmScopes:\n  __proto__:\n    npmRegistryServer: https://p.example\n')], {});
    expect(layer?.values['@__proto__:registry']).toBe('https://p.example/');
    expect(({} as Record<string, unknown>)['npmRegistryServer']).toBeUndefined();
  });

  test('bad YAML is one line naming the file and line, never the content', () => {
    expect(() => yarnConfigLayer([file('npmAuthToken: secret-value\nnpmScopes: [\n')], {})).toThrow(/^\/p\/\.yarnrc\.yml:\d+: not valid YAML/);
    try {
      yarnConfigLayer([file('npmAuthToken: secret-value\nnpmScopes: [\n')], {});
    } catch (error) {
      expect(String(error)).not.toContain('secret-value');
    }
  });
});

describe('substituteYarnEnv', () => {
  test.each([
    ['${A}', { A: 'x' }, 'x'],
    ['${A}', { A: '' }, ''],
    ['${A:-d}', {}, 'd'],
    ['${A:-d}', { A: '' }, 'd'],
    ['${A-d}', { A: '' }, ''],
    ['${A-d}', {}, 'd'],
    ['pre-${A}-post', { A: 'x' }, 'pre-x-post'],
  ])('%s with %j -> %j', (text, env, expected) => {
    expect(substituteYarnEnv(text, env, 'f')).toBe(expected);
  });

  test('an unset ${VAR} without a fallback is an error naming where, as in Yarn', () => {
    expect(() => substituteYarnEnv('${NPM_TOKEN}', {}, '/p/.yarnrc.yml npmAuthToken')).toThrow('/p/.yarnrc.yml npmAuthToken: environment variable NPM_TOKEN is not set');
  });
});

describe('readYarnrcFiles', () => {
  test('the home folder\'s first, then from the root down to the project; YARN_RC_FILENAME renames them', async () => {
    const root = makeTempDir('yarnrc');
    const home = join(root, 'home');
    const project = join(root, 'repo', 'packages', 'app');
    mkdirSync(home, { recursive: true });
    mkdirSync(project, { recursive: true });
    writeFileSync(join(home, '.yarnrc.yml'), 'a: home\n');
    writeFileSync(join(root, 'repo', '.yarnrc.yml'), 'a: repo\n');
    writeFileSync(join(project, '.yarnrc.yml'), 'a: app\n');
    writeFileSync(join(project, 'custom.yml'), 'a: custom\n');
    const files = await readYarnrcFiles(project, home, {});
    expect(files.map((found) => found.text)).toEqual(['a: home\n', 'a: repo\n', 'a: app\n']);
    const renamed = await readYarnrcFiles(project, home, { yarn_rc_filename: 'custom.yml' });
    expect(renamed.map((found) => found.path)).toEqual([join(project, 'custom.yml')]);
  });
});
