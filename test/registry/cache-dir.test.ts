import { defaultCacheDir, packumentPath } from '../../src/registry/client.js';

describe('defaultCacheDir', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u', '/xdg/release-quarantine'],
    [{}, 'linux', '/home/u', '/home/u/.cache/release-quarantine'],
    [{}, 'darwin', '/Users/u', '/Users/u/Library/Caches/release-quarantine'],
    [{ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u', 'C:\\Users\\u\\AppData\\Local\\release-quarantine'],
    [{}, 'win32', 'C:\\Users\\u', 'C:\\Users\\u\\AppData\\Local\\release-quarantine'],
  ] as const)('%j on %s', (env, platform, home, expected) => {
    expect(defaultCacheDir(env, platform, home)).toBe(expected);
  });
});

describe('packumentPath', () => {
  it('escapes scoped names the way npm does', () => {
    expect(packumentPath('@scope/name')).toBe('/@scope%2fname');
    expect(packumentPath('left-pad')).toBe('/left-pad');
    expect(packumentPath('odd?name#x')).toBe('/odd%3Fname%23x');
  });
});
