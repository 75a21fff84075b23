/** inventorySetQuantities (compare-and-set) and inventoryAdjustQuantities under @idempotent(key:). */
import type { GraphQLResolveInfo } from 'graphql';

import { adjustInventory, InventoryError, setInventory, type QuantityChange } from '../domain/inventory';
import type { QuantityName } from '../store';
import { locationView } from '../views';
import { withUserErrors, type Payload, type ResolverContext } from './context';

interface GroupInput {
	name: string;
	reason: string;
	referenceDocumentUri?: string | null;
}

export function inventoryMutations({ store, views, idempotency, apiVersion }: ResolverContext): Record<string, unknown> {
	const group = (input: GroupInput, changes: QuantityChange[]) => ({
		inventoryAdjustmentGroup: {
			__typename: 'InventoryAdjustmentGroup',
			id: store.newGid('InventoryAdjustmentGroup'),
			createdAt: store.timestamp(),
			reason: input.reason,
			referenceDocumentUri: input.referenceDocumentUri ?? null,
			changes: changes.map((change) => ({
				__typename: 'InventoryChange',
				name: change.name,
				delta: change.delta,
				quantityAfterChange: change.quantityAfterChange,
				ledgerDocumentUri: null,
				item: () => views.inventoryItem(store.inventoryItems.find((item) => item.id === change.inventoryItemId)!),
				location: () => locationView(store.locations.find((location) => location.id === change.locationId)!),
			})),
		},
	});
	const mismatch = () => ({
		inventoryAdjustmentGroup: null,
		userErrors: [{ field: null, message: 'The idempotency key was already used with different parameters.', code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' }],
	});
	const checkReason = (input: GroupInput) => {
		if (!input.reason?.trim()) throw new InventoryError('INVALID_REASON', ['input', 'reason'], 'The reason is not valid.');
	};

	return {
		inventorySetQuantities: (
			args: { input: GroupInput & { quantities: Array<{ inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity?: number | null }> } },
			_context: unknown,
			info: GraphQLResolveInfo,
		) =>
			idempotency.run<Payload>(info, apiVersion, args, () =>
				withUserErrors(InventoryError, { inventoryAdjustmentGroup: null }, () => {
					checkReason(args.input);
					return group(args.input, setInventory(store, args.input.name as 'available' | 'on_hand', args.input.quantities));
				}),
				mismatch,
			),
		inventoryAdjustQuantities: (
			args: { input: GroupInput & { changes: Array<{ inventoryItemId: string; locationId: string; delta: number; changeFromQuantity?: number | null }> } },
			_context: unknown,
			info: GraphQLResolveInfo,
		) =>
			idempotency.run<Payload>(info, apiVersion, args, () =>
				withUserErrors(InventoryError, { inventoryAdjustmentGroup: null }, () => {
					checkReason(args.input);
					const name = args.input.name as QuantityName;
					args.input.changes.forEach((change, index) => {
						const current = store.inventoryLevel(change.inventoryItemId, change.locationId)?.quantities[name] ?? 0;
						if (change.changeFromQuantity !== null && change.changeFromQuantity !== undefined && change.changeFromQuantity !== current) {
							throw new InventoryError('CHANGE_FROM_QUANTITY_STALE', ['input', 'changes', String(index), 'changeFromQuantity'], "The specified quantity doesn't match the current quantity.");
						}
					});
					const changes = args.input.changes.flatMap((change, index) =>
						adjustInventory(store, change.inventoryItemId, change.locationId, name, change.delta, ['input', 'changes', String(index)]),
					);
					return group(args.input, changes);
				}),
				mismatch,
			),
	};
}
