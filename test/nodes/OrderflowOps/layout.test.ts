/**
 * Orderflow Ops in n8n's resource/operation layout: each resource's menu offers exactly the
 * operations its map holds, every operation's fields show for that operation only, and the node
 * lists each field once — what the router runs is what the editor offers.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../../nodes/OrderflowOps/actions/resources';
import { OrderflowOps } from '../../../nodes/OrderflowOps/OrderflowOps.node';

const entries = Object.entries(resources);

function operationMenu(resource: string): INodeProperties {
	const menu = resources[resource as keyof typeof resources].description.find(
		(property) => property.name === 'operation',
	);
	if (!menu) throw new Error(`${resource} has no operation menu`);
	return menu;
}

describe('Orderflow Ops layout', () => {
	it('offers every resource of the map in the resource picker, and no other', () => {
		const picker = new OrderflowOps().description.properties.find(
			(property) => property.name === 'resource',
		);
		const offered = (picker?.options as INodePropertyOptions[]).map((option) => option.value);
		expect(offered.sort()).toEqual(Object.keys(resources).sort());
	});

	it.each(entries)('%s: the menu offers exactly the operations its map runs', (resource) => {
		const menu = operationMenu(resource);
		const offered = (menu.options as INodePropertyOptions[]).map((option) => option.value);
		expect(menu.displayOptions).toEqual({ show: { resource: [resource] } });
		expect(new Set(offered).size).toBe(offered.length);
		expect([...offered].sort()).toEqual(
			Object.keys(resources[resource as keyof typeof resources].operations).sort(),
		);
	});

	it.each(entries)(
		'%s: each operation’s fields show for that operation only',
		(resource, entry) => {
			for (const [name, operation] of Object.entries(entry.operations)) {
				for (const field of operation.description)
					expect([field.name, field.displayOptions?.show]).toEqual([
						field.name,
						expect.objectContaining({ resource: [resource], operation: [name] }),
					]);
			}
		},
	);

	it('lists each field once: the picker, each resource’s menu, then its operations’ fields', () => {
		const listed = new OrderflowOps().description.properties;
		const expected =
			1 +
			entries.reduce(
				(count, [, entry]) =>
					count +
					1 +
					Object.values(entry.operations).reduce(
						(fields, operation) => fields + operation.description.length,
						0,
					),
				0,
			);
		expect(listed).toHaveLength(expected);
	});
});
