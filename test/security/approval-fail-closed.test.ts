/**
 * Attacks on the rules: refunds whose amount the old reader could not see (a line without a SKU,
 * money refunded without lines, transactions above the lines, garbage amounts), and stock or
 * addresses that are missing. Each must ask a person, saying why, instead of passing.
 */
import type { IDataObject } from 'n8n-workflow';

import { Engine } from '../../harness';
import type { LocalServer } from '../support/http-server';
import {
	approvalWorkflow,
	noticesFrom,
	refundPayloads,
	startReceiver,
} from '../nodes/ApprovalCheckpoint/support';

type Refund = IDataObject & { refund_line_items: IDataObject[]; transactions: IDataObject[] };

describe('approval rules fail closed: what they cannot read asks for a decision', () => {
	let receiver: LocalServer;
	let engine: Engine;

	beforeAll(async () => {
		receiver = await startReceiver();
		engine = await Engine.start();
	});
	afterAll(async () => await receiver.close());

	const refund = (quantity: number) => structuredClone(refundPayloads([quantity])[0]) as Refund;
	/** Runs the items through the checkpoint; the reasons it asks a person about, or 'approved'. */
	const reasons = async (items: IDataObject[], parameters: Record<string, unknown> = {}) => {
		const before = receiver.requests.length;
		const execution = await engine.execute(
			approvalWorkflow({ notifyUrl: `${receiver.url}/notify`, ...parameters }),
			{ items },
		);
		if (execution.status === 'success') return 'approved';
		expect(execution.status).toBe('waiting');
		return noticesFrom(receiver)
			.slice(before)
			.at(-1)!
			.items.flatMap((item) => item.rules.map((rule) => rule.reason));
	};

	it('reads the amount of a refund whose line has no SKU (75.00 EUR is above 50.00 EUR)', async () => {
		const payload = refund(6);
		delete (payload.refund_line_items[0].line_item as IDataObject).sku;
		expect(await reasons([payload])).toEqual(['refund of 75.00 EUR is above 50.00 EUR']);
	});

	it('holds an amount-only refund (money refunded, no lines) against the threshold', async () => {
		const payload = {
			...refund(1),
			refund_line_items: [],
			transactions: [{ kind: 'refund', status: 'success', amount: '80.00', currency: 'EUR' }],
		};
		expect(await reasons([payload])).toEqual(['refund of 80.00 EUR is above 50.00 EUR']);
	});

	it('uses the money that moved when the transactions exceed the lines, and shows the difference', async () => {
		const payload = refund(1);
		payload.transactions = [
			{ kind: 'refund', status: 'success', amount: '90.00', currency: 'EUR' },
		];
		expect(await reasons([payload])).toEqual([
			'refund of 90.00 EUR is above 50.00 EUR (Shopify moved 90.00 EUR, but the refunded lines, tax and shipping add up to 12.50 EUR)',
		]);
	});

	it('asks when the amount cannot be read, saying so', async () => {
		const payload = refund(1);
		payload.transactions = [
			{ kind: 'refund', status: 'success', amount: 'twelve', currency: 'EUR' },
		];
		expect(await reasons([payload])).toEqual([
			'could not read the refund amount: transaction 1: "twelve" is not a decimal amount',
		]);
		expect(await reasons([{ id: 1, note: 'not a refund at all' }])).toEqual([
			'could not read the refund amount: the item is not a Shopify refund (no refund lines, shipping or transactions)',
		]);
	});

	it('fires Money Moved for a refund the credit-memo mapping would refuse (no SKU) and for an unknown transaction kind', async () => {
		const payload = refund(1);
		delete (payload.refund_line_items[0].line_item as IDataObject).sku;
		expect(await reasons([payload], { rules: ['moneyMoved'] })).toEqual(['a refund moves money']);
		expect(
			await reasons([{ id: 9, kind: 'suggested_refund', amount: '5.00' }], {
				rules: ['moneyMoved'],
			}),
		).toEqual(['could not tell whether a "suggested_refund" transaction moves money']);
	});

	it('asks about stock it cannot read: missing or non-numeric available or safety stock', async () => {
		const stock = { rules: ['belowSafetyStock'] };
		expect(await reasons([{ sku: 'A', available: 3, safetyStock: 5 }], stock)).toEqual([
			'available 3 is below the safety stock of 5',
		]);
		expect(await reasons([{ sku: 'A', safetyStock: 5 }], stock)).toEqual([
			'could not read the available stock (null)',
		]);
		expect(await reasons([{ sku: 'A', available: 7, safetyStock: 'lots' }], stock)).toEqual([
			'could not read the safety stock ("lots")',
		]);
		expect(await reasons([{ sku: 'A', available: 7, safetyStock: 5 }], stock)).toBe('approved');
	});

	it('asks when a dispatched order is changed but the address it went to is unknown', async () => {
		const order = {
			id: 1,
			fulfillment_status: 'fulfilled',
			shipping_address: { address1: '1 Main St', zip: '10115', city: 'Berlin', country_code: 'DE' },
		};
		expect(
			await reasons([order], {
				rules: ['addressChangedAfterDispatch'],
				currentAddress: '={{ $json.shipping_address }}',
				dispatchedAddress: '={{ $json.dispatchedAddress }}',
			}),
		).toEqual(['the order was dispatched, but the address it went to could not be read']);
	});
});
