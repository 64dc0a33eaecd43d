/** Unit tests of the pure modules, and integration tests against a real Strapi. */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tests/tsconfig.json' }] };

module.exports = {
  testTimeout: 120000,
  // Integration files each boot their own Strapi on a database of their own: two at a time use both cores.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
    },
  ],
};
