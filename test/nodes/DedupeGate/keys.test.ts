import type { IExecuteFunctions } from 'n8n-workflow';

import { itemKeys, itemParameter } from '../../../nodes/DedupeGate/actions/keys';

/** A context whose expression parameters resolve per item (`=` + field name) and count their reads. */
function context(parameters: Record<string, unknown>, items: Array<Record<string, unknown>>) {
	const reads: string[] = [];
	const fns = {
		getNode: () => ({ name: 'Dedupe Gate', parameters }),
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			reads.push(name);
			const raw = parameters[name] ?? fallback;
			return typeof raw === 'string' && raw.startsWith('=') ? items[itemIndex][raw.slice(1)] : raw;
		},
	} as unknown as IExecuteFunctions;
	return { fns, reads };
}

const orders = [1025, 1026, 1027].map((id) => ({ id, ref: `ref-${id}`, v: id * 10 }));

describe('Dedupe Gate parameters', () => {
	it('reads a fixed key source and entity once per execution, not once per item', () => {
		const { fns, reads } = context({ keySource: 'shopifyOrderId', entity: '' }, orders);
		expect(itemKeys(fns)).toEqual([
			{ key: '1025', entity: 'shopify:order:1025', version: undefined },
			{ key: '1026', entity: 'shopify:order:1026', version: undefined },
			{ key: '1027', entity: 'shopify:order:1027', version: undefined },
		]);
		expect(reads.sort()).toEqual(['entity', 'keySource']);
	});

	it('still resolves an expression for every item: custom key, entity and version', () => {
		const { fns, reads } = context(
			{ keySource: 'custom', key: '=ref', entity: '=ref', version: '=v' },
			orders,
		);
		expect(itemKeys(fns, itemParameter(fns, 'version'))).toEqual(
			orders.map((order) => ({ key: order.ref, entity: order.ref, version: order.v })),
		);
		expect(reads.filter((name) => name === 'entity')).toHaveLength(3);
		expect(reads.filter((name) => name === 'version')).toHaveLength(3);
	});

	it('reads an unset parameter per item: its default may be an expression', () => {
		const { fns, reads } = context({ keySource: 'shopifyOrderId' }, orders);
		itemKeys(fns);
		expect(reads.filter((name) => name === 'entity')).toHaveLength(3);
	});
});
