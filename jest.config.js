/** Tests run the built package through n8n's engine; `npm test` builds first (pretest). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', diagnostics: false }],
	},
	testTimeout: 60000,
	// On 2 cores Jest runs every file in one process, whose heap grows file by file (about 3.9 GB
	// after 395 s): `npm test` gives it 8 GB, and each file's line shows the heap it left.
	logHeapUsage: true,
	// Ledgers left open would beat after a file's environment is torn down.
	setupFilesAfterEnv: ['<rootDir>/test/support/close-ledgers.ts'],
	// PostgreSQL: the machine's, else an embedded one for the run (a laptop with nothing running).
	globalSetup: '<rootDir>/test/support/postgres-global.ts',
	globalTeardown: '<rootDir>/test/support/postgres-global-teardown.ts',
};
