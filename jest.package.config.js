/** The packed plugin installed into a new Strapi app (`npm run test:package`). */
module.exports = {
  testTimeout: 600000,
  testMatch: ['<rootDir>/tests/package/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tests/tsconfig.json' }] },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/tests/helpers/global-setup.js',
};
