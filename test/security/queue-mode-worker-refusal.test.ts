/**
 * Review finding (queue-mode run): `n8n worker` runs queue mode whatever its environment says,
 * but the embedded ledger was refused only on EXECUTIONS_MODE=queue; workers started that way
 * each kept their own ledger file and booked 12 of 30 orders twice. Where the refusal did work,
 * every execution failed and nothing reached the exceptions path.
 *
 * Here the order sync template runs a job the way a worker does (from the trigger's item) in a
 * process whose command line is `n8n worker`, with no EXECUTIONS_MODE in its environment.
 */
import type { IDataObject } from 'n8n-workflow';

import { orderRefOf, SHIP_TO_BERLIN, startTemplate, type TemplateRig } from '../../harness';

const N8N_WORKER_ARGV = ['/usr/local/lib/node_modules/n8n/bin/n8n', 'worker', '--concurrency=10'];

describe('a worker started as `n8n worker`, without EXECUTIONS_MODE', () => {
	let rig: TemplateRig;
	const argv = process.argv;

	beforeEach(async () => {
		delete process.env.EXECUTIONS_MODE;
		rig = await startTemplate('order-sync.json', [
			'Report Exception',
			'Address Change Approval',
			'Report Address Decision',
		]);
	});
	afterEach(async () => {
		process.argv = argv;
		await rig.close();
	});

	it('refuses the embedded ledger saying what to set, books nothing, and reports the refusal on the exceptions path', async () => {
		rig.shopify.webhooks.faults = { reorder: true }; // the delivery is held: main has not seen it yet
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
			shippingAddress: SHIP_TO_BERLIN,
		});
		const delivery = rig.shopify.webhooks.deliveries.find(
			(candidate) => candidate.topic === 'orders/create',
		)!;
		const job: IDataObject = {
			topic: delivery.topic,
			eventId: delivery.eventId,
			webhookId: delivery.webhookId,
			payload: JSON.parse(delivery.body) as IDataObject,
		};

		process.argv = [argv[0], ...N8N_WORKER_ARGV];
		const execution = await rig.engine.execute(rig.workflow, {
			startNode: 'Shopify Orders',
			items: [job],
		});
		process.argv = argv;

		expect(execution.status).toBe('success');
		expect(execution.output('Dedupe Gate', 0)).toEqual([]);
		const [error] = execution.output('Dedupe Gate', 2);
		expect(error.error).toBe(
			'The embedded SQLite ledger cannot be used in n8n queue mode (this process is "n8n worker", which always runs in queue mode): every worker would keep its own file and duplicates would pass',
		);
		expect(execution.items('Dedupe Gate', 2)[0].error?.description).toMatch(
			/Set ORDERFLOW_LEDGER_POSTGRES_URL .* for every n8n process/,
		);
		const reports = rig.sent('Report Exception');
		expect(reports).toHaveLength(1);
		expect(reports[0].text).toMatch(
			/^Order sync exception: .* cannot be used in n8n queue mode \(this process is "n8n worker"/,
		);
		expect(await rig.salesOrders()).toEqual([]);

		// Nothing is lost: once a process that may use the ledger gets the delivery, it books it once.
		rig.shopify.webhooks.flush();
		await rig.settle();
		expect(await rig.salesOrders()).toEqual([
			expect.objectContaining({ externalRef: orderRefOf(order) }),
		]);
	});
});
