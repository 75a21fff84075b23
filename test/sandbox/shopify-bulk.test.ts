import { seededStore } from '../../sandbox/shopify/seed';
import { ShopifyEmulator } from '../../sandbox/shopify/server';
import { adminGraphql } from '../support/shopify';

interface BulkOperation {
	id: string;
	status: string;
	objectCount: string;
	rootObjectCount: string;
	url: string | null;
}

describe('Shopify emulator: bulk operations', () => {
	let emulator: ShopifyEmulator;

	beforeEach(async () => {
		emulator = await ShopifyEmulator.start({
			store: seededStore(),
			accessTokens: ['shpat_bulk'],
			bulkDurationMs: 20,
		});
	});

	afterEach(async () => await emulator.close());

	const poll = async (id: string): Promise<BulkOperation> => {
		for (;;) {
			const reply = await adminGraphql<{ bulkOperation: BulkOperation }>(
				emulator,
				'query P($id: ID!) { bulkOperation(id: $id) { id status errorCode objectCount rootObjectCount fileSize url type query } }',
				{ id },
			);
			if (reply.data!.bulkOperation.status !== 'RUNNING') return reply.data!.bulkOperation;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	};

	it('runs a query over whole connections and serves JSONL with children linked to their parents', async () => {
		const run = await adminGraphql<{
			bulkOperationRunQuery: { bulkOperation: BulkOperation; userErrors: unknown[] };
		}>(
			emulator,
			'mutation B($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id status } userErrors { field message code } } }',
			{
				q: '{ products { edges { node { id title variants { edges { node { id sku inventoryItem { id } } } } } } } }',
			},
		);
		expect(run.data!.bulkOperationRunQuery.userErrors).toEqual([]);
		expect(run.data!.bulkOperationRunQuery.bulkOperation.status).toBe('RUNNING');

		const done = await poll(run.data!.bulkOperationRunQuery.bulkOperation.id);
		expect(done).toMatchObject({ status: 'COMPLETED', rootObjectCount: '4', objectCount: '10' });
		const lines = (await (await fetch(done.url!)).text())
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as Record<string, unknown>);
		expect(lines).toHaveLength(10);
		const shirt = lines.find((line) => line.title === 'Merino T-Shirt')!;
		const shirtVariants = lines.filter((line) => line.__parentId === shirt.id);
		expect(shirtVariants.map((line) => line.sku)).toEqual([
			'TSHIRT-RED-M',
			'TSHIRT-RED-L',
			'TSHIRT-BLK-M',
		]);
		expect(shirtVariants[0].inventoryItem).toEqual({ id: expect.stringMatching(/InventoryItem/) });
		expect(lines.filter((line) => !('__parentId' in line))).toHaveLength(4);
	});

	it('refuses an invalid bulk query with a user error', async () => {
		const run = await adminGraphql<{
			bulkOperationRunQuery: { bulkOperation: null; userErrors: Array<{ message: string }> };
		}>(
			emulator,
			'mutation B($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id } userErrors { field message code } } }',
			{ q: '{ products { edges { node { bogus } } } }' },
		);
		expect(run.data!.bulkOperationRunQuery.userErrors[0].message).toMatch(
			/Cannot query field "bogus"/,
		);
	});
});
