import { detectPackageManager, parsePackageManagerField } from '../../../src/app/install/detect.js';
import { isQuarantineError } from '../../../src/model/errors.js';

describe('detectPackageManager', () => {
  it('prefers --package-manager over everything', () => {
    expect(detectPackageManager({ lockfiles: ['pnpm-lock.yaml'], packageManagerField: 'yarn@4.1.0', override: 'bun' })).toEqual({ name: 'bun', reason: '--package-manager' });
  });

  it('reads the corepack packageManager field, and tells Yarn classic from Berry by its major', () => {
    expect(detectPackageManager({ lockfiles: ['package-lock.json'], packageManagerField: 'pnpm@10.4.1+sha512.abc' }).name).toBe('pnpm');
    expect(detectPackageManager({ lockfiles: [], packageManagerField: 'yarn@1.22.22' })).toMatchObject({ name: 'yarn', yarnFlavor: 'classic' });
    expect(detectPackageManager({ lockfiles: [], packageManagerField: 'yarn@4.18.1' })).toMatchObject({ name: 'yarn', yarnFlavor: 'berry' });
  });

  it('falls back to the lockfile, then to npm', () => {
    expect(detectPackageManager({ lockfiles: ['bun.lock'] }).name).toBe('bun');
    expect(detectPackageManager({ lockfiles: ['npm-shrinkwrap.json', 'package-lock.json'] })).toEqual({ name: 'npm', reason: 'npm-shrinkwrap.json' });
    expect(detectPackageManager({ lockfiles: [] })).toEqual({ name: 'npm', reason: 'default' });
  });

  it('tells a Berry yarn.lock from a classic one, and says when it cannot', () => {
    expect(detectPackageManager({ lockfiles: ['yarn.lock'], yarnLockIsBerry: true }).yarnFlavor).toBe('berry');
    expect(detectPackageManager({ lockfiles: ['yarn.lock'], yarnLockIsBerry: false }).yarnFlavor).toBe('classic');
    expect(detectPackageManager({ lockfiles: [], hasYarnrcYml: true, override: 'yarn' }).yarnFlavor).toBe('berry');
    expect(detectPackageManager({ lockfiles: [], override: 'yarn' }).yarnFlavor).toBe('unknown');
  });

  it('refuses to guess between lockfiles of two managers', () => {
    let error: unknown;
    try {
      detectPackageManager({ lockfiles: ['package-lock.json', 'yarn.lock'] });
    } catch (caught) {
      error = caught;
    }
    expect(isQuarantineError(error) && error.code).toBe('E_USAGE');
    expect(isQuarantineError(error) && error.hint).toMatch(/--package-manager/);
  });

  it('refuses a packageManager field it cannot read', () => {
    expect(() => detectPackageManager({ lockfiles: [], packageManagerField: 'deno@2' })).toThrow(/names no package manager/);
    expect(parsePackageManagerField('pnpm')).toEqual({ name: 'pnpm', major: null });
  });
});
