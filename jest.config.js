/**
 * Jest runs the TypeScript sources as native ESM (node --experimental-vm-modules, see the
 * `test` script). ts-jest only transpiles; `npm run typecheck` type-checks sources and tests.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testTimeout: 20000,
  // Removes the scratch folders each test file made (test/support/temp.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/remove-temp-dirs.ts'],
};
