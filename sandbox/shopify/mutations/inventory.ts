/** inventorySetQuantities (compare-and-set) and inventoryAdjustQuantities under @idempotent(key:). */
import type { GraphQLResolveInfo } from 'graphql';

import {
	adjustInventory,
	InventoryError,
	setInventory,
	type QuantityChange,
} from '../domain/inventory';
import type { QuantityName, ShopifyStore } from '../store';
import { locationView, type Views } from '../views';
import { withUserErrors, type Payload, type ResolverContext } from './context';

interface GroupInput {
	name: string;
	reason: string;
	referenceDocumentUri?: string | null;
}

interface SetQuantitiesInput extends GroupInput {
	quantities: Array<{
		inventoryItemId: string;
		locationId: string;
		quantity: number;
		changeFromQuantity?: number | null;
	}>;
}

interface AdjustQuantitiesInput extends GroupInput {
	changes: Array<{
		inventoryItemId: string;
		locationId: string;
		delta: number;
		changeFromQuantity?: number | null;
	}>;
}

/** The InventoryAdjustmentGroup a mutation answers with: its reason and each quantity changed. */
function adjustmentGroup(
	store: ShopifyStore,
	views: Views,
	input: GroupInput,
	changes: QuantityChange[],
): Payload {
	return {
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
				item: () =>
					views.inventoryItem(
						store.inventoryItems.find((item) => item.id === change.inventoryItemId)!,
					),
				location: () =>
					locationView(store.locations.find((location) => location.id === change.locationId)!),
			})),
		},
	};
}

const idempotencyKeyMismatch = (): Payload => ({
	inventoryAdjustmentGroup: null,
	userErrors: [
		{
			field: null,
			message: 'The idempotency key was already used with different parameters.',
			code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
		},
	],
});

/** Adjusts by deltas; a change that names the quantity it expects fails if the level has moved on. */
function adjustQuantities(store: ShopifyStore, input: AdjustQuantitiesInput): QuantityChange[] {
	const name = input.name as QuantityName;
	input.changes.forEach((change, index) => {
		const current =
			store.inventoryLevel(change.inventoryItemId, change.locationId)?.quantities[name] ?? 0;
		if (
			change.changeFromQuantity !== null &&
			change.changeFromQuantity !== undefined &&
			change.changeFromQuantity !== current
		) {
			throw new InventoryError(
				'CHANGE_FROM_QUANTITY_STALE',
				['input', 'changes', String(index), 'changeFromQuantity'],
				"The specified quantity doesn't match the current quantity.",
			);
		}
	});
	return input.changes.flatMap((change, index) =>
		adjustInventory(store, change.inventoryItemId, change.locationId, name, change.delta, [
			'input',
			'changes',
			String(index),
		]),
	);
}

export function inventoryMutations({
	store,
	views,
	idempotency,
	apiVersion,
}: ResolverContext): Record<string, unknown> {
	/** Both mutations: under the idempotency key, reason checked, domain errors as userErrors. */
	const inventoryMutation =
		<I extends GroupInput>(change: (input: I) => QuantityChange[]) =>
		(args: { input: I }, _context: unknown, info: GraphQLResolveInfo) =>
			idempotency.run<Payload>(
				info,
				apiVersion,
				args,
				() =>
					withUserErrors(InventoryError, { inventoryAdjustmentGroup: null }, () => {
						if (!args.input.reason?.trim())
							throw new InventoryError(
								'INVALID_REASON',
								['input', 'reason'],
								'The reason is not valid.',
							);
						return adjustmentGroup(store, views, args.input, change(args.input));
					}),
				idempotencyKeyMismatch,
			);

	return {
		inventorySetQuantities: inventoryMutation((input: SetQuantitiesInput) =>
			setInventory(store, input.name as 'available' | 'on_hand', input.quantities),
		),
		inventoryAdjustQuantities: inventoryMutation((input: AdjustQuantitiesInput) =>
			adjustQuantities(store, input),
		),
	};
}
