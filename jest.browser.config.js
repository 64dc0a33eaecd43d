/** The admin panel in a real headless Chromium (`npm run test:browser`). */
module.exports = {
  testTimeout: 180000,
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tests/tsconfig.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/helpers/browser-setup.js',
};
