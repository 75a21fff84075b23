/**
 * Inventory quantity changes: adjust by a delta or set with compare-and-set on the quantity the
 * caller last saw (`changeFromQuantity`). `available` and `on_hand` move together, as in Shopify.
 */
import {
	QUANTITY_NAMES,
	type InventoryLevelRecord,
	type QuantityName,
	type ShopifyStore,
} from '../store';

export class InventoryError extends Error {
	constructor(
		readonly code: string,
		readonly field: string[],
		message: string,
	) {
		super(message);
	}
}

export interface QuantityChange {
	name: QuantityName;
	delta: number;
	quantityAfterChange: number;
	inventoryItemId: string;
	locationId: string;
}

export function levelKey(inventoryItemId: string, locationId: string): string {
	return `${inventoryItemId}|${locationId}`;
}

function level(
	store: ShopifyStore,
	inventoryItemId: string,
	locationId: string,
	field: string[],
): InventoryLevelRecord {
	if (!store.inventoryItems.some((item) => item.id === inventoryItemId)) {
		throw new InventoryError(
			'INVALID_INVENTORY_ITEM',
			[...field, 'inventoryItemId'],
			'The specified inventory item could not be found.',
		);
	}
	if (!store.locations.some((location) => location.id === locationId)) {
		throw new InventoryError(
			'INVALID_LOCATION',
			[...field, 'locationId'],
			'The specified location could not be found.',
		);
	}
	return (
		store.inventoryLevel(inventoryItemId, locationId) ??
		store.setQuantities(inventoryItemId, locationId, {})
	);
}

/** Moves one named quantity by `delta`; `available` also moves `on_hand`. */
export function adjustInventory(
	store: ShopifyStore,
	inventoryItemId: string,
	locationId: string,
	name: QuantityName,
	delta: number,
	field: string[] = [],
): QuantityChange[] {
	if (!QUANTITY_NAMES.includes(name)) {
		throw new InventoryError(
			'INVALID_QUANTITY_NAME',
			[...field, 'name'],
			`The quantity name ${name} is not valid.`,
		);
	}
	const record = level(store, inventoryItemId, locationId, field);
	const names: QuantityName[] =
		name === 'available' || name === 'on_hand' ? ['available', 'on_hand'] : [name, 'on_hand'];
	const changes = names.map((quantityName) => {
		record.quantities[quantityName] += delta;
		return {
			name: quantityName,
			delta,
			quantityAfterChange: record.quantities[quantityName],
			inventoryItemId,
			locationId,
		};
	});
	record.updatedAt = store.timestamp();
	store.announce('INVENTORY_LEVELS_UPDATE', levelKey(inventoryItemId, locationId));
	return changes;
}

/** Sets `available` or `on_hand`; a `changeFromQuantity` that is not the current quantity is stale. */
export function setInventory(
	store: ShopifyStore,
	name: 'available' | 'on_hand',
	quantities: Array<{
		inventoryItemId: string;
		locationId: string;
		quantity: number;
		changeFromQuantity?: number | null;
	}>,
): QuantityChange[] {
	if (name !== 'available' && name !== 'on_hand') {
		throw new InventoryError(
			'INVALID_NAME',
			['input', 'name'],
			'The quantity name must be either available or on_hand.',
		);
	}
	// Check every entry before changing any: the mutation applies all or nothing.
	quantities.forEach((entry, index) => {
		const field = ['input', 'quantities', String(index)];
		if (!('changeFromQuantity' in entry)) {
			throw new InventoryError(
				'COMPARE_QUANTITY_REQUIRED',
				[...field, 'changeFromQuantity'],
				'changeFromQuantity must be provided, even when null.',
			);
		}
		if (entry.quantity < 0 && name === 'on_hand') {
			throw new InventoryError(
				'INVALID_QUANTITY_NEGATIVE',
				[...field, 'quantity'],
				'The quantity cannot be negative.',
			);
		}
		const current = level(store, entry.inventoryItemId, entry.locationId, field).quantities[name];
		if (
			entry.changeFromQuantity !== null &&
			entry.changeFromQuantity !== undefined &&
			entry.changeFromQuantity !== current
		) {
			throw new InventoryError(
				'CHANGE_FROM_QUANTITY_STALE',
				[...field, 'changeFromQuantity'],
				"The specified quantity doesn't match the current quantity.",
			);
		}
	});
	return quantities.flatMap((entry, index) => {
		const current = level(store, entry.inventoryItemId, entry.locationId, []).quantities[name];
		const delta = entry.quantity - current;
		return delta === 0
			? []
			: adjustInventory(store, entry.inventoryItemId, entry.locationId, name, delta, [
					'input',
					'quantities',
					String(index),
				]);
	});
}
