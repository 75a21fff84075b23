/**
 * Root query and mutation fields of the emulated Admin API. The schema decides what a client
 * may ask for; these decide what the answers contain, from the store.
 */
import { connection, type ConnectionArgs } from './connection';
import { bulkResolvers } from './mutations/bulk';
import type { ResolverContext } from './mutations/context';
import { fulfillmentMutations } from './mutations/fulfillment';
import { inventoryMutations } from './mutations/inventory';
import { orderMutations } from './mutations/orders';
import { refundMutations } from './mutations/refunds';
import { returnMutations } from './mutations/returns';
import { webhookResolvers } from './mutations/webhooks';
import { filterBySearch } from './search';
import { financialStatus, orderTotals, type OrderRecord, type ShopifyStore } from './store';
import { legacyId, locationView, type Views } from './views';
import { fulfillmentOrderView, fulfillmentView } from './views-fulfillment';
import { refundView } from './views-refund';
import { returnView } from './views-returns';

type ListArgs = ConnectionArgs & { query?: string; sortKey?: string };

const ORDER_SEARCH = {
	id: (order: OrderRecord) => legacyId(order.id),
	name: (order: OrderRecord) => [order.name, order.name.replace(/^#/, '')],
	created_at: (order: OrderRecord) => order.createdAt,
	updated_at: (order: OrderRecord) => order.updatedAt,
	processed_at: (order: OrderRecord) => order.processedAt,
	tag: (order: OrderRecord) => order.tags,
	email: (order: OrderRecord) => order.email,
	source_name: (order: OrderRecord) => order.sourceName,
	test: (order: OrderRecord) => String(order.test),
	status: (order: OrderRecord) =>
		order.cancelledAt
			? ['cancelled', 'any']
			: order.closedAt
				? ['closed', 'any']
				: ['open', 'not_closed', 'any'],
	financial_status: (order: OrderRecord) => financialStatus(orderTotals(order)),
};

const ORDER_SORT: Record<string, (order: OrderRecord) => string | number> = {
	PROCESSED_AT: (order) => order.processedAt,
	CREATED_AT: (order) => order.createdAt,
	UPDATED_AT: (order) => order.updatedAt,
	ID: (order) => Number(legacyId(order.id)),
	ORDER_NUMBER: (order) => Number(order.name.replace(/\D/g, '')),
};

function sortBy<T>(records: T[], key: (record: T) => string | number, reverse?: boolean): T[] {
	const sorted = [...records].sort((a, b) => {
		const left = key(a);
		const right = key(b);
		return left < right ? -1 : left > right ? 1 : 0;
	});
	return reverse ? sorted.reverse() : sorted;
}

function byId<T extends { id: string }>(records: T[], id: string): T | undefined {
	return records.find((record) => record.id === id);
}

/** orders (searched and sorted as Shopify does), ordersCount and order. */
function orderQueries(store: ShopifyStore, views: Views) {
	return {
		orders: (args: ListArgs) => {
			const matching = filterBySearch(store.orders, args.query, ORDER_SEARCH, store.now());
			const sorted = sortBy(
				matching,
				ORDER_SORT[args.sortKey ?? 'PROCESSED_AT'] ?? ORDER_SORT.ID,
				args.reverse,
			);
			return connection(
				sorted.map((order) => views.order(order)),
				args,
			);
		},
		// Shopify counts up to `limit` (10,000 unless given; null: no limit) and says whether it stopped there.
		ordersCount: ({ query, limit }: { query?: string; limit?: number | null }) => {
			const count = filterBySearch(store.orders, query, ORDER_SEARCH, store.now()).length;
			const bound = limit === undefined ? 10_000 : limit;
			return bound !== null && count > bound
				? { count: bound, precision: 'AT_LEAST' }
				: { count, precision: 'EXACT' };
		},
		order: ({ id }: { id: string }) => {
			const order = store.order(id);
			return order ? views.order(order) : null;
		},
	};
}

/** Products, their variants and inventory items: lists by search, single ones by id. */
function catalogQueries(store: ShopifyStore, views: Views) {
	return {
		products: (args: ListArgs) => {
			const matching = filterBySearch(store.products, args.query, {
				title: (product) => product.title,
				updated_at: (product) => product.updatedAt,
				sku: (product) =>
					store.variants.filter((v) => v.productId === product.id).map((v) => v.sku),
			});
			return connection(
				sortBy(matching, (product) => Number(legacyId(product.id)), args.reverse).map((p) =>
					views.product(p),
				),
				args,
			);
		},
		product: ({ id }: { id: string }) => {
			const product = byId(store.products, id);
			return product ? views.product(product) : null;
		},
		productVariants: (args: ListArgs) => {
			const matching = filterBySearch(store.variants, args.query, {
				sku: (variant) => variant.sku,
				barcode: (variant) => variant.barcode,
				product_id: (variant) => legacyId(variant.productId),
			});
			return connection(
				sortBy(matching, (variant) => Number(legacyId(variant.id)), args.reverse).map((v) =>
					views.variant(v),
				),
				args,
			);
		},
		productVariant: ({ id }: { id: string }) => {
			const variant = byId(store.variants, id);
			return variant ? views.variant(variant) : null;
		},
		inventoryItems: (args: ListArgs) => {
			const matching = filterBySearch(store.inventoryItems, args.query, {
				sku: (item) => item.sku,
			});
			return connection(
				matching.map((item) => views.inventoryItem(item)),
				args,
			);
		},
		inventoryItem: ({ id }: { id: string }) => {
			const item = byId(store.inventoryItems, id);
			return item ? views.inventoryItem(item) : null;
		},
	};
}

/** What became of orders, by id: fulfillment orders, fulfillments, returns, refunds. */
function orderHistoryQueries(store: ShopifyStore, views: Views) {
	return {
		fulfillmentOrder: ({ id }: { id: string }) => {
			const record = byId(store.fulfillmentOrders, id);
			return record ? fulfillmentOrderView(store, views, record) : null;
		},
		fulfillment: ({ id }: { id: string }) => {
			const record = byId(store.fulfillments, id);
			return record ? fulfillmentView(store, views, record) : null;
		},
		return: ({ id }: { id: string }) => {
			const record = byId(store.returns, id);
			return record ? returnView(store, views, record) : null;
		},
		refund: ({ id }: { id: string }) => {
			const record = byId(store.refunds, id);
			return record ? refundView(store, views, record) : null;
		},
	};
}

export function createRootValue(context: ResolverContext): Record<string, unknown> {
	const { store, views, webhooks, apiVersion } = context;

	return {
		shop: () => ({ __typename: 'Shop', ...store.shop }),
		locations: (args: ConnectionArgs) => connection(store.locations.map(locationView), args),
		location: ({ id }: { id?: string }) => {
			const location = id ? byId(store.locations, id) : store.locations[0];
			return location ? locationView(location) : null;
		},

		...orderQueries(store, views),
		...catalogQueries(store, views),
		...orderHistoryQueries(store, views),

		...orderMutations(store, views),
		...webhookResolvers(store, webhooks, apiVersion),
		...refundMutations(context),
		...inventoryMutations(context),
		...fulfillmentMutations(context),
		...bulkResolvers(context),
		...returnMutations(context),
	};
}
