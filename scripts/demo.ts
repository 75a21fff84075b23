/**
 * `npm run demo`: starts the Shopify emulator and runs a workflow through n8n's own engine
 * with this package loaded from package.json, then prints what came out.
 */
import path from 'node:path';

import { Engine, readWorkflow } from '../harness';
import { ShopifyEmulator } from '../sandbox/shopify/server';

async function main(): Promise<void> {
	const shopify = await ShopifyEmulator.start({ accessTokens: ['shpat_demo'] });
	console.log(`Shopify emulator: ${shopify.url}`);

	try {
		const engine = await Engine.start({
			credentials: {
				Shop: {
					type: 'shopifyAdminApi',
					data: { shopDomain: shopify.url, accessToken: 'shpat_demo' },
				},
			},
		});
		const workflow = readWorkflow(
			path.resolve(__dirname, '..', 'test', 'nodes', 'Shopify', 'workflows', 'shop-get.workflow.json'),
		);
		const execution = await engine.execute(workflow);
		console.log(`workflow: ${workflow.name}`);
		console.log(`status:   ${execution.status}`);
		console.log(`nodes:    ${execution.executedNodes.join(' → ')}`);
		console.log(`output:   ${JSON.stringify(execution.output('Done'), null, 2)}`);
		if (execution.status !== 'success') process.exitCode = 1;
	} finally {
		await shopify.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
