/**
 * The ERP and 3PL nodes are built by one builder from their resources: every write has the
 * Options (Shadow), the Idempotency Key only where one key per item makes sense, the
 * non-obvious parameters carry a hint, and a menu that disagrees with its operations fails at
 * load rather than in a workflow.
 */
import { NodeHelpers, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';

import { Erp } from '../../nodes/Erp/Erp.node';
import { WRITES as ERP_WRITES } from '../../nodes/Erp/actions/router';
import { contractResource } from '../../nodes/shared/contract-node';
import { ThreePl } from '../../nodes/ThreePl/ThreePl.node';
import { WRITES as THREE_PL_WRITES } from '../../nodes/ThreePl/actions/router';

/** The parameters n8n keeps of a saved node (it drops what its display options hide). */
function kept(description: INodeTypeDescription, parameters: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		{ typeVersion: 1 },
		description,
	)!;
}

const OPTIONS = { options: { shadow: true, idempotencyKey: 'order-1' } };

describe('the ERP and 3PL node builder', () => {
	it.each([
		['ERP', new Erp().description, ERP_WRITES],
		['3PL', new ThreePl().description, THREE_PL_WRITES],
	])(
		'%s: every write keeps its Shadow option, and no read has Options',
		(_name, description, writes) => {
			const operations = description.properties
				.filter((property) => property.name === 'operation')
				.flatMap((property) =>
					(property.displayOptions!.show!.resource as string[]).flatMap((resource) =>
						property.options!.map((option) => `${resource}:${(option as { value: string }).value}`),
					),
				);
			for (const name of operations) {
				const [resource, operation] = name.split(':');
				const options = kept(description, { resource, operation, ...OPTIONS }).options;
				expect([name, (options as INodeParameters | undefined)?.shadow]).toEqual([
					name,
					writes.includes(name) ? true : undefined,
				]);
			}
		},
	);

	it('takes an Idempotency Key on the writes keyed by their item, not on Cancel Unshipped Units (one key would merge its cancels)', () => {
		const description = new ThreePl().description;
		const options = (operation: string) =>
			kept(description, { resource: 'shipmentRequest', operation, ...OPTIONS }).options;
		expect(options('create')).toEqual({ shadow: true, idempotencyKey: 'order-1' });
		expect(options('cancel')).toEqual({ shadow: true, idempotencyKey: 'order-1' });
		expect(options('cancelUnshipped')).toEqual({ shadow: true });
		const erp = new Erp().description;
		for (const [resource, operation] of [
			['salesOrder', 'upsert'],
			['salesOrder', 'cancel'],
			['creditMemo', 'create'],
		])
			expect(kept(erp, { resource, operation, ...OPTIONS }).options).toEqual(OPTIONS.options);
	});

	it.each([
		['ERP', new Erp().description],
		['3PL', new ThreePl().description],
	])('%s: hints the parameters whose rules are not obvious', (_name, description) => {
		const hinted = (name: string) =>
			description.properties
				.filter((property) => property.name === name)
				.flatMap((property) => [
					property,
					...((property.options ?? []) as Array<{ name?: string; hint?: string }>),
				])
				.some((property) => Boolean(property.hint));
		const names =
			description.name === 'erp'
				? ['externalRef', 'defaultEntity', 'entityRules', 'currencies', 'orderedFrom', 'sku']
				: ['externalRef', 'refundOrderRef', 'availabilityWarehouse', 'updatedSince', 'sku'];
		expect(names.filter((name) => !hinted(name))).toEqual([]);
		const idempotencyKey = description.properties
			.filter((property) => property.name === 'options')
			.flatMap((property) => property.options as Array<{ name: string; hint?: string }>)
			.filter((option) => option.name === 'idempotencyKey');
		expect(idempotencyKey.length).toBeGreaterThan(0);
		expect(idempotencyKey.every((option) => option.hint)).toBe(true);
	});

	it('refuses a resource whose menu and operations differ', () => {
		const operation = { description: [], execute: async () => [] };
		expect(() =>
			contractResource({
				value: 'thing',
				operations: { get: operation },
				menu: {
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					options: [
						{ name: 'Get', value: 'get' },
						{ name: 'Get Many', value: 'getMany' },
					],
					default: 'get',
				},
			}),
		).toThrow('The thing menu (get, getMany) and its operations (get) differ');
	});
});
