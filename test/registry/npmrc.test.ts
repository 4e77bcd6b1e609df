import { ERROR_CODES } from '../../src/model/constants.js';
import { QuarantineError } from '../../src/model/errors.js';
import {
  buildFetchOptions,
  hasRegistryCredentials,
  redactUrl,
  registryAuthKey,
} from '../../src/registry/fetch-options.js';
import {
  DEFAULT_REGISTRY,
  expandEnv,
  mergeNpmConfig,
  parseNpmConfigEnv,
  parseNpmrc,
  registryFor,
  registryHostsFor,
} from '../../src/registry/npmrc.js';

const layer = (text: string, source: string, env: Record<string, string> = {}) => parseNpmrc(text, { env, source });

describe('expandEnv', () => {
  const env = { TOKEN: 'abc', EMPTY: '' };
  it.each([
    ['${TOKEN}', 'abc'],
    ['x-${TOKEN}-y', 'x-abc-y'],
    ['${MISSING}', '${MISSING}'],
    ['${MISSING?}', ''],
    ['${TOKEN?}', 'abc'],
    ['${EMPTY}', ''],
    ['\\${TOKEN}', '${TOKEN}'],
    ['\\\\${TOKEN}', '\\abc'],
  ])('%s -> %s', (input, expected) => {
    expect(expandEnv(input, env)).toBe(expected);
  });
});

describe('parseNpmrc', () => {
  it('reads keys and values, expanding ${VAR} in both', () => {
    const parsed = layer(
      [
        'registry=https://npm.example.com/',
        '@corp:registry=${CORP_REGISTRY}',
        '//${CORP_HOST}/:_authToken=${CORP_TOKEN}',
        'strict-ssl=false',
        'optional=${NOT_SET?}',
        'literal=${NOT_SET}',
        'ca[]=first',
        'ca[]=second',
        '[section]',
        'ignored=yes',
      ].join('\n'),
      '/p/.npmrc',
      { CORP_REGISTRY: 'https://corp.example/npm/', CORP_HOST: 'corp.example/npm', CORP_TOKEN: 't0k' },
    );
    expect(parsed).toEqual({
      source: '/p/.npmrc',
      values: {
        registry: 'https://npm.example.com/',
        '@corp:registry': 'https://corp.example/npm/',
        '//corp.example/npm/:_authToken': 't0k',
        'strict-ssl': false,
        optional: '',
        literal: '${NOT_SET}',
        ca: ['first', 'second'],
      },
    });
  });

  it('refuses credentials not scoped to a registry, naming the file but not the value', () => {
    const attempt = () => layer('_authToken=super-secret-value', '/home/u/.npmrc');
    expect(attempt).toThrow(QuarantineError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: ERROR_CODES.npmrcInvalid });
      expect(String((error as QuarantineError).message)).toContain('/home/u/.npmrc');
      expect(JSON.stringify({ m: (error as Error).message, h: (error as QuarantineError).hint })).not.toContain('super-secret');
    }
  });

  it('keeps a __proto__ key as data', () => {
    const parsed = layer('__proto__=x\nregistry=https://r.example/', 'f');
    expect(Object.getPrototypeOf(parsed.values)).toBe(Object.prototype);
    expect(parsed.values.registry).toBe('https://r.example/');
  });
});

describe('parseNpmConfigEnv', () => {
  it('maps npm_config_* names to config keys the way npm does', () => {
    const parsed = parseNpmConfigEnv({
      npm_config_registry: 'https://env.example/',
      NPM_CONFIG_STRICT_SSL: 'false',
      npm_config_https_proxy: 'http://proxy.example:3128',
      'npm_config_//env.example/:_authToken': 'envtok',
      npm_config__auth: 'basic',
      npm_config_empty: '',
      npm_config_expanded: '${HOME_DIR}/x',
      HOME_DIR: '/h',
      OTHER: 'ignored',
    });
    expect(parsed.values).toEqual({
      registry: 'https://env.example/',
      'strict-ssl': 'false',
      'https-proxy': 'http://proxy.example:3128',
      '//env.example/:_authToken': 'envtok',
      _auth: 'basic',
      expanded: '/h/x',
    });
  });
});

describe('mergeNpmConfig', () => {
  const global = layer('registry=https://global.example/\na=global\nb=global\nc=global\nd=global', '/g/npmrc');
  const user = layer('a=user\nb=user\nc=user', '/u/.npmrc');
  const project = layer('a=project\nb=project', '/p/.npmrc');
  const env = parseNpmConfigEnv({ npm_config_a: 'env' });

  it('applies env > project > user > global > defaults and records the source of each key', () => {
    const merged = mergeNpmConfig({ env, project, user, global });
    expect(merged.values).toMatchObject({ a: 'env', b: 'project', c: 'user', d: 'global', registry: 'https://global.example/' });
    expect(merged.sources).toMatchObject({ a: 'environment', b: '/p/.npmrc', c: '/u/.npmrc', d: '/g/npmrc' });
  });

  it('falls back to the public registry', () => {
    expect(mergeNpmConfig({}).values.registry).toBe(DEFAULT_REGISTRY);
  });
});

describe('registryFor', () => {
  const config = mergeNpmConfig({
    project: layer('registry=https://mirror.example/npm\n@corp:registry=https://corp.example/', '/p/.npmrc'),
  });
  it('routes scoped packages by their scope and others to the default registry', () => {
    expect(registryFor('@corp/tool', config)).toBe('https://corp.example/');
    expect(registryFor('@other/tool', config)).toBe('https://mirror.example/npm/');
    expect(registryFor('lodash', config)).toBe('https://mirror.example/npm/');
  });
  it('lets --registry replace the default registry but not scope mappings', () => {
    expect(registryFor('lodash', config, 'https://cli.example/')).toBe('https://cli.example/');
    expect(registryFor('@corp/tool', config, 'https://cli.example/')).toBe('https://corp.example/');
  });
  it('names the hosts of a package\'s registries: the public npm hosts only where no scope mapping applies', () => {
    expect(registryHostsFor('@corp/tool', config)).toEqual(['corp.example']);
    expect(registryHostsFor('lodash', config)).toEqual(['mirror.example', 'registry.npmjs.org', 'registry.yarnpkg.com']);
    expect(registryHostsFor('lodash', config, 'http://127.0.0.1:4873/')).toEqual(['127.0.0.1:4873', 'registry.npmjs.org', 'registry.yarnpkg.com']);
    const publicScope = mergeNpmConfig({ project: layer('@types:registry=https://registry.npmjs.org/', '/p/.npmrc') });
    expect(registryHostsFor('@types/node', publicScope)).toEqual(['registry.npmjs.org', 'registry.yarnpkg.com']);
  });
});

describe('buildFetchOptions', () => {
  it('maps npm config names to npm-registry-fetch options and passes scoped auth through', () => {
    const config = mergeNpmConfig({
      project: layer(
        [
          'registry=https://r.example/',
          '@corp:registry=https://corp.example/',
          '//corp.example/:_authToken=tok',
          '//r.example/:username=u',
          '//r.example/:_password=cA==',
          'strict-ssl=false',
          'proxy=http://proxy:1',
          'https-proxy=http://proxy:2',
          'noproxy[]=a.example',
          'noproxy[]=b.example',
          'local-address=127.0.0.1',
          'maxsockets=7',
          'cert=CERT',
          'key=KEY',
          'ca=CA',
          'unrelated=1',
        ].join('\n'),
        '/p/.npmrc',
      ),
    });
    expect(buildFetchOptions(config)).toEqual({
      registry: 'https://r.example/',
      '@corp:registry': 'https://corp.example/',
      '//corp.example/:_authToken': 'tok',
      '//r.example/:username': 'u',
      '//r.example/:_password': 'cA==',
      strictSSL: false,
      proxy: 'http://proxy:1',
      httpsProxy: 'http://proxy:2',
      noProxy: 'a.example,b.example',
      localAddress: '127.0.0.1',
      maxSockets: 7,
      cert: 'CERT',
      key: 'KEY',
      ca: 'CA',
    });
  });

  it('knows which registries have credentials, walking up the path like auth.js', () => {
    const options = buildFetchOptions(
      mergeNpmConfig({ user: layer('//corp.example/:_authToken=tok', '/u/.npmrc') }),
    );
    expect(hasRegistryCredentials('https://corp.example/npm/', options)).toBe(true);
    expect(hasRegistryCredentials('https://other.example/', options)).toBe(false);
  });
});

describe('redactUrl and registryAuthKey', () => {
  it('strips credentials and query from URLs', () => {
    expect(redactUrl('https://user:pa55@corp.example:8443/npm/?token=x')).toBe('https://corp.example:8443/npm/');
    expect(redactUrl('not a url //u:p@host/')).toBe('not a url //host/');
  });
  it('gives the key npm stores credentials under', () => {
    expect(registryAuthKey('https://corp.example:8443/npm')).toBe('//corp.example:8443/npm/');
  });
});
