/** The key, entity and namespace of each item, from the node's parameters. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { keyProblem, sharedNamespace } from '../../../core/dedupe/gate';
import { presetKey, PresetKeyError, type KeyPreset } from '../../../core/dedupe/presets';
import { itemParameter } from '../../shared/parameters';

export interface ItemKey {
	key: string;
	entity: string;
}

/**
 * Each item's key and entity (and `version`, when given), item by item as before, the node's
 * parameters read once per execution where they can be.
 */
export function itemKeys(
	fns: IExecuteFunctions,
	version?: (itemIndex: number) => unknown,
): Array<ItemKey & { version?: unknown }> {
	const source = itemParameter(fns, 'keySource');
	const entity = itemParameter(fns, 'entity', '');
	return fns.getInputData().map((item, itemIndex) => {
		const resolved = keyOf(fns, source(itemIndex) as KeyPreset | 'custom', item.json, itemIndex);
		const named = String(entity(itemIndex) ?? '').trim();
		return {
			key: resolved.key,
			entity: named || resolved.entity,
			version: version?.(itemIndex),
		};
	});
}

function keyOf(
	fns: IExecuteFunctions,
	source: KeyPreset | 'custom',
	json: IDataObject,
	itemIndex: number,
): ItemKey {
	if (source === 'custom') {
		const key = fns.getNodeParameter('key', itemIndex) as unknown;
		const problem = keyProblem(typeof key === 'number' ? String(key) : (key ?? ''));
		if (problem) {
			throw new NodeOperationError(fns.getNode(), `The key of item ${itemIndex} ${problem}`, {
				itemIndex,
				description:
					'Point Key Value at a field every item has that holds one text or number, such as an id.',
			});
		}
		return { key: String(key), entity: String(key) };
	}
	try {
		return presetKey(source, json);
	} catch (error) {
		const message =
			error instanceof PresetKeyError
				? `Item ${itemIndex}: ${error.message}`
				: (error as Error).message;
		throw new NodeOperationError(fns.getNode(), message, {
			itemIndex,
			description: 'Choose the key preset that matches what arrives here, or Custom Expression.',
		});
	}
}

export function namespaceOf(fns: IExecuteFunctions): string {
	if (fns.getNodeParameter('namespaceScope', 0) === 'workflow')
		return `workflow:${fns.getWorkflow().id ?? 'unsaved'}`;
	const name = String(fns.getNodeParameter('namespaceName', 0) ?? '').trim();
	if (!name) {
		throw new NodeOperationError(fns.getNode(), 'The shared namespace has no name', {
			description:
				'Give the namespace a name; every workflow that uses the same name shares its keys.',
		});
	}
	if (name.length > 200) {
		throw new NodeOperationError(
			fns.getNode(),
			`The shared namespace name is ${name.length} characters long`,
			{
				description: 'Use a short name (at most 200 characters), such as shopify-orders.',
			},
		);
	}
	return sharedNamespace(name);
}
