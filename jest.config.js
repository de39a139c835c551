/**
 * Tests boot the real app over HTTP against real PostgreSQL; see test/support/.
 * NestJS 12, Apollo Server 5 and marked ship as ES modules, which Jest's CommonJS runtime cannot
 * load on Node 20, so SWC compiles them (and our TypeScript) to CommonJS on the way in. PGlite
 * imports its WebAssembly lazily, which needs --experimental-vm-modules (set in `npm test`).
 */
const swc = ['@swc/jest', { ...require('./scripts/swc-options.cjs'), sourceMaps: 'inline' }];

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@apollo|@as-integrations|marked|@whatwg-node|file-type|uid|load-esm|strtok3|token-types|peek-readable|@tokenizer|uint8array-extras|@scure|@noble|@otplib|otplib)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // graphql-js's production instanceof (see the file): the app runs with it under NODE_ENV=production.
  moduleNameMapper: { '^\\.\\./jsutils/instanceOf\\.js$': '<rootDir>/test/support/graphql-instance-of.cjs' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  // Three on two cores: test files spend much of their time waiting (PostgreSQL, timers, child
  // processes), so a third worker fills those waits (PostgreSQL run: 200 s with two, 171 s with three).
  maxWorkers: 3,
};
