/**
 * `npm run demo`: runs a workflow through n8n's own engine with this package loaded from
 * package.json, and prints what came out. Until the sandbox lands, Shopify is a loopback
 * server answering the one query this workflow sends; the sandbox emulator replaces it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { Engine, readWorkflow } from '../harness';

const SHOP = {
	id: 'gid://shopify/Shop/1',
	name: 'Orderflow Demo Store',
	email: 'ops@orderflow-demo.example',
	myshopifyDomain: 'orderflow-demo.myshopify.com',
	currencyCode: 'EUR',
	ianaTimezone: 'Europe/Berlin',
};

async function main(): Promise<void> {
	const shopify = createServer((req, res) => {
		const ok = req.headers['x-shopify-access-token'] === 'shpat_demo';
		res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
		res.end(JSON.stringify(ok ? { data: { shop: SHOP } } : { errors: '[API] Invalid API key or access token' }));
	});
	await new Promise<void>((resolve) => shopify.listen(0, '127.0.0.1', resolve));
	const { port } = shopify.address() as AddressInfo;

	try {
		const engine = await Engine.start({
			credentials: {
				Shop: {
					type: 'shopifyAdminApi',
					data: { shopDomain: `http://127.0.0.1:${port}`, accessToken: 'shpat_demo' },
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
		shopify.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
