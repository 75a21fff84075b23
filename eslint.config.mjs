import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

// n8n's community-node rules without the two n8n-Cloud-only rules: this pack is for
// self-hosted n8n (it keeps a ledger in SQLite/PostgreSQL, which Cloud nodes may not).
export default [
	...configWithoutCloudSupport,
	{ ignores: ['.cache/**', 'reports/**', 'coverage/**'] },
	{
		files: ['package.json'],
		rules: {
			// Self-hosted pack: the ledger and the Shopify client are real runtime dependencies.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		files: ['core/**/*.ts', 'cli/**/*.ts', 'harness/**/*.ts', 'sandbox/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
		rules: {
			// Plain TypeScript without n8n imports by design; node glue maps these errors to NodeApiError.
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
	{
		files: ['harness/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'sandbox/**/*.ts'],
		rules: {
			// Development tools, not shipped in dist: they print results, start processes (n8n, servers)
			// and use fixed test keys.
			'no-console': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
		},
	},
	{
		files: ['nodes/ApprovalCheckpoint/ApprovalCheckpoint.node.ts'],
		rules: {
			// Its webhooks are the resume URLs of a waiting execution (restartWebhook), which n8n
			// itself serves, like the Wait node's: there is no third-party subscription to manage.
			'@n8n/community-nodes/webhook-lifecycle-complete': 'off',
		},
	},
];
