/**
 * Inventory by SKU and location. Shopify addresses stock by inventory item and location, people
 * and ERPs by SKU: we resolve SKUs in batches and report the ones Shopify does not know instead
 * of skipping them. Setting a quantity is a compare-and-set (`changeFromQuantity`): the quantity
 * the caller last saw must still be current, else Shopify refuses and nothing changes.
 */
import { createHash } from 'node:crypto';

import type { ShopifyAdminClient } from './client';
import {
	INVENTORY_ADJUST_MUTATION,
	INVENTORY_LEVELS_QUERY,
	INVENTORY_SET_MUTATION,
} from './documents/inventory';
import { collectPages, type Page } from './pagination';
import { assertNoUserErrors } from './user-errors';

type Json = Record<string, unknown>;

export interface InventoryLevelRow {
	sku: string;
	found: boolean;
	inventoryItemId: string | null;
	variantId: string | null;
	tracked: boolean | null;
	locationId: string | null;
	locationName: string | null;
	quantities: Record<string, number>;
}

interface InventoryItemNode {
	id: string;
	sku: string | null;
	tracked: boolean;
	variant: { id: string } | null;
	inventoryLevels: {
		nodes: Array<{
			location: { id: string; name: string };
			quantities: Array<{ name: string; quantity: number }>;
		}>;
	};
}

const SKUS_PER_QUERY = 25;

function skuQuery(skus: string[]): string {
	return skus.map((sku) => `sku:${JSON.stringify(sku)}`).join(' OR ');
}

export async function inventoryLevels(
	client: ShopifyAdminClient,
	skus: string[],
	locationIds: string[] = [],
): Promise<InventoryLevelRow[]> {
	const unique = [...new Set(skus.map((sku) => sku.trim()).filter(Boolean))];
	const items = new Map<string, InventoryItemNode>();
	for (let start = 0; start < unique.length; start += SKUS_PER_QUERY) {
		const batch = unique.slice(start, start + SKUS_PER_QUERY);
		const nodes = await collectPages<InventoryItemNode>(
			async (first, after) => {
				const { data, cost } = await client.requestWithCost<{
					inventoryItems: Page<InventoryItemNode>;
				}>(INVENTORY_LEVELS_QUERY, {
					query: skuQuery(batch),
					first,
					after,
				});
				return { ...data.inventoryItems, requestedCost: cost?.requestedQueryCost };
			},
			{ initialPageSize: 10 },
		);
		for (const node of nodes) if (node.sku) items.set(node.sku, node);
	}
	const rows: InventoryLevelRow[] = [];
	for (const sku of unique) {
		const item = items.get(sku);
		if (!item) {
			rows.push({
				sku,
				found: false,
				inventoryItemId: null,
				variantId: null,
				tracked: null,
				locationId: null,
				locationName: null,
				quantities: {},
			});
			continue;
		}
		for (const level of item.inventoryLevels.nodes) {
			if (locationIds.length && !locationIds.includes(level.location.id)) continue;
			rows.push({
				sku,
				found: true,
				inventoryItemId: item.id,
				variantId: item.variant?.id ?? null,
				tracked: item.tracked,
				locationId: level.location.id,
				locationName: level.location.name,
				quantities: Object.fromEntries(
					level.quantities.map((quantity) => [quantity.name, quantity.quantity]),
				),
			});
		}
	}
	return rows;
}

export class InventoryInputError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InventoryInputError';
	}
}

async function inventoryItemAt(
	client: ShopifyAdminClient,
	sku: string,
	locationId: string,
): Promise<InventoryLevelRow> {
	const rows = await inventoryLevels(client, [sku]);
	if (!rows[0]?.found)
		throw new InventoryInputError(`Shopify has no inventory item with SKU "${sku}"`);
	const row = rows.find((candidate) => candidate.locationId === locationId);
	if (!row)
		throw new InventoryInputError(
			`SKU "${sku}" is not stocked at ${locationId}: stock it there in Shopify first`,
		);
	return row;
}

export interface SetQuantityRequest {
	sku: string;
	locationId: string;
	quantity: number;
	/** The quantity last seen; undefined: read it now (guards only against changes during this call). */
	expectedQuantity?: number;
	name: 'available' | 'on_hand';
	reason: string;
	referenceDocumentUri?: string;
	idempotencyKey?: string;
}

function contentKey(prefix: string, content: unknown): string {
	return `${prefix}-${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32)}`;
}

/** Sets one quantity with compare-and-set; returns the change with the drift it corrected. */
export async function setQuantity(
	client: ShopifyAdminClient,
	request: SetQuantityRequest,
): Promise<Json> {
	const row = await inventoryItemAt(client, request.sku, request.locationId);
	const current = row.quantities[request.name] ?? 0;
	const changeFromQuantity = request.expectedQuantity ?? current;
	const input = {
		name: request.name,
		reason: request.reason,
		...(request.referenceDocumentUri ? { referenceDocumentUri: request.referenceDocumentUri } : {}),
		quantities: [
			{
				inventoryItemId: row.inventoryItemId,
				locationId: request.locationId,
				quantity: request.quantity,
				changeFromQuantity,
			},
		],
	};
	const key = request.idempotencyKey || contentKey('orderflow-inventory-set', input);
	const result = await client.request<{ inventorySetQuantities: Json }>(INVENTORY_SET_MUTATION, {
		input,
		key,
	});
	const group = assertNoUserErrors('inventorySetQuantities', result.inventorySetQuantities)
		.inventoryAdjustmentGroup as Json | null;
	return {
		sku: request.sku,
		locationId: request.locationId,
		name: request.name,
		previousQuantity: changeFromQuantity,
		quantity: request.quantity,
		drift: request.quantity - changeFromQuantity,
		idempotencyKey: key,
		adjustmentGroup: group,
	};
}

export interface AdjustRequest {
	sku: string;
	locationId: string;
	delta: number;
	name: string;
	reason: string;
	referenceDocumentUri?: string;
	idempotencyKey?: string;
}

export async function adjustQuantity(
	client: ShopifyAdminClient,
	request: AdjustRequest,
): Promise<Json> {
	if (!Number.isInteger(request.delta) || request.delta === 0)
		throw new InventoryInputError(
			`The change must be a whole number other than 0, not ${request.delta}`,
		);
	const row = await inventoryItemAt(client, request.sku, request.locationId);
	const input = {
		name: request.name,
		reason: request.reason,
		...(request.referenceDocumentUri ? { referenceDocumentUri: request.referenceDocumentUri } : {}),
		changes: [
			{
				inventoryItemId: row.inventoryItemId,
				locationId: request.locationId,
				delta: request.delta,
				changeFromQuantity: null,
			},
		],
	};
	if (!request.idempotencyKey) {
		// A delta applied twice is a double count: without a key from the caller, refuse rather than guess.
		throw new InventoryInputError(
			'Adjust needs an idempotency key (e.g. the ERP movement number) so a retry never counts twice',
		);
	}
	const result = await client.request<{ inventoryAdjustQuantities: Json }>(
		INVENTORY_ADJUST_MUTATION,
		{ input, key: request.idempotencyKey },
	);
	const group = assertNoUserErrors('inventoryAdjustQuantities', result.inventoryAdjustQuantities)
		.inventoryAdjustmentGroup as Json | null;
	return {
		sku: request.sku,
		locationId: request.locationId,
		name: request.name,
		delta: request.delta,
		idempotencyKey: request.idempotencyKey,
		adjustmentGroup: group,
	};
}
