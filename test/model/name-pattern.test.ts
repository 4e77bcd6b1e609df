import { isValidNamePattern, matchesNamePattern, splitPackageSpec } from '../../src/model/name-pattern.js';

describe('matchesNamePattern', () => {
  test('a pattern without `*` matches exactly that name', () => {
    expect(matchesNamePattern('left-pad', 'left-pad')).toBe(true);
    expect(matchesNamePattern('left-pad2', 'left-pad')).toBe(false);
    expect(matchesNamePattern('my-left-pad', 'left-pad')).toBe(false);
    expect(matchesNamePattern('@myorg/a', '@myorg/a')).toBe(true);
    expect(matchesNamePattern('@myorg/ab', '@myorg/a')).toBe(false);
  });

  test('matching is case-sensitive: a legacy mixed-case name matches only as written', () => {
    expect(matchesNamePattern('JSONStream', 'JSONStream')).toBe(true);
    expect(matchesNamePattern('jsonstream', 'JSONStream')).toBe(false);
    expect(matchesNamePattern('JSONStream', 'json*')).toBe(false);
  });

  test('`@myorg/*` matches every package of the scope and nothing else', () => {
    expect(matchesNamePattern('@myorg/a', '@myorg/*')).toBe(true);
    expect(matchesNamePattern('@myorg/ui-kit', '@myorg/*')).toBe(true);
    expect(matchesNamePattern('@other/a', '@myorg/*')).toBe(false);
    expect(matchesNamePattern('@myorgx/a', '@myorg/*')).toBe(false);
    expect(matchesNamePattern('myorg/a', '@myorg/*')).toBe(false);
  });

  test('`*` stays within one path segment', () => {
    expect(matchesNamePattern('@myorg/a/b', '@myorg/*')).toBe(false);
    expect(matchesNamePattern('@myorg/a', '*')).toBe(false);
    expect(matchesNamePattern('left-pad', '*')).toBe(true);
  });

  test('`*` inside a name: prefix, suffix and middle', () => {
    expect(matchesNamePattern('eslint-plugin-react', 'eslint-plugin-*')).toBe(true);
    expect(matchesNamePattern('eslint-plugin-', 'eslint-plugin-*')).toBe(true);
    expect(matchesNamePattern('eslint-config-react', 'eslint-plugin-*')).toBe(false);
    expect(matchesNamePattern('@typescript-eslint/eslint-plugin', 'eslint-plugin-*')).toBe(false);
    expect(matchesNamePattern('babel-preset-env', '*-preset-*')).toBe(true);
    expect(matchesNamePattern('babel-plugin-env', '*-preset-*')).toBe(false);
    expect(matchesNamePattern('@types/node', '@types/n*e')).toBe(true);
    expect(matchesNamePattern('@types/nodes', '@types/n*e')).toBe(false);
  });

  test('`**` matches across segments', () => {
    expect(matchesNamePattern('@myorg/a', '**')).toBe(true);
    expect(matchesNamePattern('left-pad', '**')).toBe(true);
    expect(matchesNamePattern('@myorg/a/b', '@myorg/**')).toBe(true);
    expect(matchesNamePattern('@babel/core', '@*/core')).toBe(true);
    expect(matchesNamePattern('@babel/core', '**core')).toBe(true);
    expect(matchesNamePattern('@babel/core', '*core')).toBe(false);
  });

  test('`.` and `-` are literal characters, not regular-expression syntax', () => {
    expect(matchesNamePattern('lodash.get', 'lodash.*')).toBe(true);
    expect(matchesNamePattern('lodashXget', 'lodash.*')).toBe(false);
    expect(matchesNamePattern('socket.io-client', 'socket.io*')).toBe(true);
    expect(matchesNamePattern('socketXio-client', 'socket.io*')).toBe(false);
    expect(matchesNamePattern('a-b', 'a-*')).toBe(true);
  });

  test('the same pattern answers consistently for different names (compiled patterns are cached per pattern)', () => {
    expect(matchesNamePattern('@myorg/a', '@myorg/*')).toBe(true);
    expect(matchesNamePattern('@other/a', '@myorg/*')).toBe(false);
    expect(matchesNamePattern('@myorg/b', '@myorg/*')).toBe(true);
  });
});

describe('isValidNamePattern', () => {
  test.each(['left-pad', '@myorg/*', 'eslint-plugin-*', '**', '*', 'lodash.get', '@types/node', 'JSONStream', 'a_b~c'])('%s is valid', (pattern) => {
    expect(isValidNamePattern(pattern)).toBe(true);
  });

  test.each([
    ['', 'empty'],
    ['left pad', 'a space'],
    [' left-pad', 'a leading space'],
    ['***', 'three stars'],
    ['@myorg/***', 'three stars after a scope'],
  ])('%j is invalid (%s)', (pattern) => {
    expect(isValidNamePattern(pattern)).toBe(false);
  });

  test.each(['left+pad', 'left-pad?', 'a|b', '(a)', 'a[b]', 'a$', '^a', 'a\\b', 'a\nb', 'ümlaut'])('%j holds a character that is not a name character', (pattern) => {
    expect(isValidNamePattern(pattern)).toBe(false);
  });
});

describe('splitPackageSpec', () => {
  test('unscoped name with and without a version', () => {
    expect(splitPackageSpec('left-pad@1.3.0')).toEqual({ name: 'left-pad', version: '1.3.0' });
    expect(splitPackageSpec('left-pad')).toEqual({ name: 'left-pad', version: null });
  });

  test('a scoped name keeps its leading `@`', () => {
    expect(splitPackageSpec('@myorg/pkg@2.0.0-beta.1')).toEqual({ name: '@myorg/pkg', version: '2.0.0-beta.1' });
    expect(splitPackageSpec('@myorg/pkg')).toEqual({ name: '@myorg/pkg', version: null });
  });

  test('a glob has no version', () => {
    expect(splitPackageSpec('@myorg/*')).toEqual({ name: '@myorg/*', version: null });
    expect(splitPackageSpec('eslint-plugin-*')).toEqual({ name: 'eslint-plugin-*', version: null });
  });

  test('everything after the version separator is the version, as written', () => {
    expect(splitPackageSpec('left-pad@')).toEqual({ name: 'left-pad', version: '' });
    expect(splitPackageSpec('left-pad@^1.0.0')).toEqual({ name: 'left-pad', version: '^1.0.0' });
  });
});
