/**
 * The orders of the run on both sides: created (and some changed) in the Shopify emulator, read
 * back from the ERP reference server, and compared: one sales order per order, carrying the
 * order's newest version (the ERP's sourceUpdatedAt is the order's updated_at it reflects) —
 * the newest the customer made: the flow's own erp-synced tag is not a change to book.
 */
import type { ShopifyStore } from '../../../sandbox/shopify/store';

const SKUS = ['TSHIRT-RED-M', 'TSHIRT-RED-L', 'TSHIRT-BLK-M', 'TOTE-NAT', 'SOCKS-TRAIL-42'];
const ADDRESS = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Torstraße 1',
	city: 'Berlin',
	zip: '10119',
	countryCodeV2: 'DE',
};

export interface RunOrder {
	gid: string;
	/** The ERP's external reference, as the template writes it. */
	ref: string;
	/** The order's updated_at after the run's last change to it (creation or the customer's update). */
	updatedAt: string;
}

export function createOrders(store: ShopifyStore, count: number, random: () => number): RunOrder[] {
	const orders: RunOrder[] = [];
	for (let index = 0; index < count; index++) {
		const sku = SKUS[Math.floor(random() * SKUS.length)];
		const order = store.createOrder({
			lines: [{ sku, quantity: 1 + Math.floor(random() * 3) }],
			shippingAddress: ADDRESS,
		});
		orders.push({
			gid: order.id,
			ref: `shopify:order:${order.id.split('/').pop()}`,
			updatedAt: order.updatedAt,
		});
	}
	return orders;
}

/** Shopify stamps whole seconds: an update in the creation's second would not be a newer version. */
export async function nextSecond(): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50));
}

/** Changes the note of a random share of the orders: Shopify bumps updated_at and sends orders/updated. */
export function updateOrders(
	store: ShopifyStore,
	orders: RunOrder[],
	share: number,
	random: () => number,
): number {
	const chosen = orders.filter(() => random() < share);
	for (const runOrder of chosen) {
		const order = store.order(runOrder.gid)!;
		order.note = `changed by the customer (${order.name})`;
		store.touch(order);
		runOrder.updatedAt = order.updatedAt;
	}
	return chosen.length;
}

export interface SalesOrder {
	id: string;
	externalRef: string;
	sourceUpdatedAt?: string;
}

/** Every sales order in the ERP, page by page (the contract pages with a cursor). */
export async function salesOrders(erpUrl: string, token: string): Promise<SalesOrder[]> {
	const all: SalesOrder[] = [];
	let cursor: string | null = null;
	do {
		const query = new URLSearchParams({ limit: '500', ...(cursor ? { cursor } : {}) });
		const response = await fetch(`${erpUrl}/sales-orders?${query}`, {
			headers: { authorization: `Bearer ${token}` },
		});
		if (!response.ok)
			throw new Error(
				`the ERP answered ${response.status} to GET /sales-orders: ${await response.text()}`,
			);
		const page = (await response.json()) as { items: SalesOrder[]; nextCursor: string | null };
		all.push(...page.items);
		cursor = page.nextCursor;
	} while (cursor);
	return all;
}

export interface Bookings {
	orders: number;
	/** Orders with at least one sales order. */
	booked: number;
	/** Sales orders beyond the first for the same order: each one is a double booking. */
	duplicates: number;
	/** Orders with no sales order at all. */
	lost: number;
	/** Orders booked, but not with their newest version. */
	stale: number;
	/** A few of the orders that are lost or stale, to name in a failure. */
	examples: string[];
}

export function compareBookings(orders: RunOrder[], booked: SalesOrder[]): Bookings {
	const byRef = new Map<string, SalesOrder[]>();
	for (const salesOrder of booked)
		byRef.set(salesOrder.externalRef, [...(byRef.get(salesOrder.externalRef) ?? []), salesOrder]);
	const result: Bookings = {
		orders: orders.length,
		booked: 0,
		duplicates: 0,
		lost: 0,
		stale: 0,
		examples: [],
	};
	for (const order of orders) {
		const found = byRef.get(order.ref) ?? [];
		const newest = Date.parse(order.updatedAt);
		if (found.length === 0) {
			result.lost++;
			if (result.examples.length < 5) result.examples.push(`${order.ref} lost`);
			continue;
		}
		result.booked++;
		result.duplicates += found.length - 1;
		// A later version can only be the flow's own tag, which carries the customer's change too.
		if (!found.some((salesOrder) => Date.parse(salesOrder.sourceUpdatedAt ?? '') >= newest)) {
			result.stale++;
			if (result.examples.length < 5)
				result.examples.push(
					`${order.ref} booked at ${found.map((s) => s.sourceUpdatedAt).join('/')}, newest ${new Date(newest).toISOString()}`,
				);
		}
	}
	return result;
}

/** Orders the flow never finished in Shopify: the last step tags each booked order erp-synced. */
export function untagged(store: ShopifyStore, orders: RunOrder[]): number {
	return orders.filter(({ gid }) => !store.order(gid)!.tags.includes('erp-synced')).length;
}
