// Jest runs in native ESM mode: NestJS 12 is published as ES modules only.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // isolatedModules (tsconfig.json) makes ts-jest transpile only; `npm run lint` type-checks the tree.
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/test/**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  setupFiles: ['<rootDir>/test/support/worker-database.mjs'],
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60000,
  // Two files at once, each worker on a database of its own (test/support/worker-database.mjs): Jest's default
  // on two cores is one, and much of a run waits on timers, browsers and child processes rather than the CPU.
  maxWorkers: 2,
  // Each file imports the app afresh into Jest's ES-module sandbox, which is never freed: a worker that has
  // grown past this is replaced after its file, where one process for the whole run reached gigabytes and
  // spent ever longer collecting garbage.
  workerIdleMemoryLimit: '1GB',
  // A suite whose hook timed out (a loaded machine) can leave its API or browser running: the run still
  // ends and reports instead of waiting on them (seen: a 2-hour run at load 13 hung after its summary).
  forceExit: true,
};
