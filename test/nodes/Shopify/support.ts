import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Engine } from '../../../harness';
import type { ExecutionResult } from '../../../harness/execution-result';
import { seededStore } from '../../../sandbox/shopify/seed';
import { ShopifyEmulator, type ShopifyEmulatorOptions } from '../../../sandbox/shopify/server';
import { fixture, withParameters } from '../../support/workflows';

export const TOKEN = 'shpat_node_tests';

export interface ShopifyNodeFixture {
	emulator: ShopifyEmulator;
	engine: Engine;
	/** Runs Manual Trigger → Shopify (these parameters) → Done with the given input items. */
	run(parameters: INodeParameters, items?: IDataObject[]): Promise<ExecutionResult>;
	/** The Done node's items of a successful run; fails the test with the node error otherwise. */
	output(parameters: INodeParameters, items?: IDataObject[]): Promise<IDataObject[]>;
	close(): Promise<void>;
}

export async function startShopifyFixture(
	options: ShopifyEmulatorOptions = {},
): Promise<ShopifyNodeFixture> {
	const emulator = await ShopifyEmulator.start({
		store: seededStore(),
		accessTokens: [TOKEN],
		...options,
	});
	const engine = await Engine.start({
		credentials: {
			Shop: {
				type: 'shopifyAdminApi',
				data: { shopDomain: emulator.url, accessToken: TOKEN, webhookSecret: 'sandbox-app-secret' },
			},
		},
	});
	const workflow = fixture(__dirname, 'shopify-operation');
	const run = async (parameters: INodeParameters, items?: IDataObject[]) =>
		await engine.execute(withParameters(workflow, 'Shopify', parameters), { items });
	return {
		emulator,
		engine,
		run,
		output: async (parameters, items) => {
			const execution = await run(parameters, items);
			if (execution.status !== 'success')
				throw execution.nodeError('Shopify') ?? new Error(`Execution ended ${execution.status}`);
			return execution.output('Done');
		},
		close: async () => await emulator.close(),
	};
}
