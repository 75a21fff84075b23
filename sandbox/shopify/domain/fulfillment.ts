/**
 * Fulfillment orders and fulfillments: an order's shippable lines are routed to the locations
 * that stock them (one fulfillment order per location, inventory committed), and can then be
 * split, moved, held, submitted to a fulfillment service, fulfilled in part with tracking, or
 * cancelled with the order.
 */
import type {
	FulfillmentOrderLineRecord,
	FulfillmentOrderRecord,
	FulfillmentRecord,
	LineItemRecord,
	OrderRecord,
	StoreState,
} from '../records';

export class FulfillmentError extends Error {
	constructor(
		readonly field: string[],
		message: string,
		readonly code = 'INVALID',
	) {
		super(message);
	}
}

interface LineQuantity {
	id: string;
	quantity: number;
}

function inventoryItemOf(store: StoreState, lineItemId: string): string | undefined {
	const lineItem = store.orders
		.flatMap((order) => order.lineItems)
		.find((line) => line.id === lineItemId);
	return store.variants.find((variant) => variant.id === lineItem?.variantId)?.inventoryItemId;
}

/** available → committed when routed; committed → gone (on_hand too) when fulfilled; back when released. */
function moveStock(
	store: StoreState,
	lineItemId: string,
	locationId: string,
	quantity: number,
	kind: 'commit' | 'release' | 'ship',
): void {
	const itemId = inventoryItemOf(store, lineItemId);
	if (!itemId) return;
	const level =
		store.inventoryLevel(itemId, locationId) ?? store.setQuantities(itemId, locationId, {});
	const q = level.quantities;
	if (kind === 'commit') {
		q.available -= quantity;
		q.committed += quantity;
	} else if (kind === 'release') {
		q.available += quantity;
		q.committed -= quantity;
	} else {
		q.committed -= quantity;
		q.on_hand -= quantity;
	}
	level.updatedAt = store.timestamp();
	store.announce('INVENTORY_LEVELS_UPDATE', `${itemId}|${locationId}`);
}

/** The first active location that has all of a line in stock; else the one with most; else the first. */
function chooseLocation(store: StoreState, line: LineItemRecord): string {
	const itemId = store.variants.find((variant) => variant.id === line.variantId)?.inventoryItemId;
	const active = store.locations.filter(
		(location) => location.isActive && location.fulfillsOnlineOrders,
	);
	const stock = (locationId: string) =>
		itemId ? (store.inventoryLevel(itemId, locationId)?.quantities.available ?? 0) : 0;
	const full = active.find((location) => stock(location.id) >= line.quantity);
	if (full) return full.id;
	const best = [...active].sort((a, b) => stock(b.id) - stock(a.id))[0];
	return (best ?? store.locations[0]).id;
}

function newFulfillmentOrder(
	store: StoreState,
	order: OrderRecord,
	locationId: string,
	lines: FulfillmentOrderLineRecord[],
): FulfillmentOrderRecord {
	const at = store.timestamp();
	const record: FulfillmentOrderRecord = {
		id: store.newGid('FulfillmentOrder'),
		orderId: order.id,
		assignedLocationId: locationId,
		status: 'OPEN',
		requestStatus: 'UNSUBMITTED',
		lines,
		holds: [],
		createdAt: at,
		updatedAt: at,
	};
	store.fulfillmentOrders.push(record);
	return record;
}

export function routeOrder(store: StoreState, order: OrderRecord): FulfillmentOrderRecord[] {
	const byLocation = new Map<string, FulfillmentOrderLineRecord[]>();
	for (const line of order.lineItems.filter((candidate) => candidate.requiresShipping)) {
		const locationId = chooseLocation(store, line);
		const lines = byLocation.get(locationId) ?? [];
		lines.push({
			id: store.newGid('FulfillmentOrderLineItem'),
			lineItemId: line.id,
			totalQuantity: line.quantity,
			remainingQuantity: line.quantity,
		});
		byLocation.set(locationId, lines);
		moveStock(store, line.id, locationId, line.quantity, 'commit');
	}
	return [...byLocation].map(([locationId, lines]) =>
		newFulfillmentOrder(store, order, locationId, lines),
	);
}

export function fulfillmentOrder(
	store: StoreState,
	id: string,
	field: string[] = ['id'],
): FulfillmentOrderRecord {
	const record = store.fulfillmentOrders.find((candidate) => candidate.id === id);
	if (!record)
		throw new FulfillmentError(
			field,
			'Fulfillment order does not exist.',
			'FULFILLMENT_ORDER_NOT_FOUND',
		);
	return record;
}

function requireOpen(record: FulfillmentOrderRecord, action: string): void {
	if (record.status !== 'OPEN' && record.status !== 'IN_PROGRESS') {
		throw new FulfillmentError(
			['id'],
			`Cannot ${action} a fulfillment order with status ${record.status}.`,
			'INVALID_STATUS',
		);
	}
}

/** Takes quantities of given lines out of a fulfillment order, checking each against what remains. */
function takeLines(
	record: FulfillmentOrderRecord,
	wanted: LineQuantity[],
	store: StoreState,
	field: string[],
): FulfillmentOrderLineRecord[] {
	return wanted.map((entry, index) => {
		const line = record.lines.find((candidate) => candidate.id === entry.id);
		if (!line)
			throw new FulfillmentError(
				[...field, String(index), 'id'],
				`Line ${entry.id} is not part of fulfillment order ${record.id}.`,
			);
		if (entry.quantity < 1 || entry.quantity > line.remainingQuantity) {
			throw new FulfillmentError(
				[...field, String(index), 'quantity'],
				`Quantity ${entry.quantity} is more than the ${line.remainingQuantity} remaining.`,
				'GREATER_THAN',
			);
		}
		line.remainingQuantity -= entry.quantity;
		line.totalQuantity -= entry.quantity;
		return {
			id: store.newGid('FulfillmentOrderLineItem'),
			lineItemId: line.lineItemId,
			totalQuantity: entry.quantity,
			remainingQuantity: entry.quantity,
		};
	});
}

function dropEmptyLines(record: FulfillmentOrderRecord): void {
	record.lines = record.lines.filter((line) => line.totalQuantity > 0);
}

/** Splits lines off into a new fulfillment order at the same location; the original keeps the given lines. */
export function splitFulfillmentOrder(
	store: StoreState,
	id: string,
	keep: LineQuantity[],
): { original: FulfillmentOrderRecord; remaining: FulfillmentOrderRecord } {
	const record = fulfillmentOrder(store, id, ['fulfillmentOrderSplits', '0', 'fulfillmentOrderId']);
	requireOpen(record, 'split');
	const order = store.order(record.orderId)!;
	const rest = record.lines
		.map((line) => {
			const kept = keep
				.filter((entry) => entry.id === line.id)
				.reduce((sum, entry) => sum + entry.quantity, 0);
			if (kept > line.remainingQuantity) {
				throw new FulfillmentError(
					['fulfillmentOrderSplits', '0', 'fulfillmentOrderLineItems'],
					`Cannot keep ${kept} of ${line.remainingQuantity}.`,
					'GREATER_THAN',
				);
			}
			return { id: line.id, quantity: line.remainingQuantity - kept };
		})
		.filter((entry) => entry.quantity > 0);
	if (!rest.length)
		throw new FulfillmentError(
			['fulfillmentOrderSplits'],
			'Nothing would be split off.',
			'NO_LINE_ITEMS_TO_SPLIT',
		);
	const moved = takeLines(record, rest, store, [
		'fulfillmentOrderSplits',
		'0',
		'fulfillmentOrderLineItems',
	]);
	dropEmptyLines(record);
	record.updatedAt = store.timestamp();
	const remaining = newFulfillmentOrder(store, order, record.assignedLocationId, moved);
	store.announce('FULFILLMENT_ORDERS_SPLIT', record.id);
	return { original: record, remaining };
}

/** Moves a whole fulfillment order, or some of its lines, to another location. */
export function moveFulfillmentOrder(
	store: StoreState,
	id: string,
	newLocationId: string,
	lines?: LineQuantity[],
): {
	moved: FulfillmentOrderRecord;
	original: FulfillmentOrderRecord;
	remaining: FulfillmentOrderRecord | null;
} {
	const record = fulfillmentOrder(store, id);
	requireOpen(record, 'move');
	if (!store.locations.some((location) => location.id === newLocationId)) {
		throw new FulfillmentError(['newLocationId'], 'Location does not exist.');
	}
	if (newLocationId === record.assignedLocationId) {
		throw new FulfillmentError(
			['newLocationId'],
			'The fulfillment order is already assigned to this location.',
		);
	}
	const whole =
		!lines?.length ||
		(lines.every(
			(entry) =>
				record.lines.find((line) => line.id === entry.id)?.remainingQuantity === entry.quantity,
		) &&
			lines.length === record.lines.length);
	const moving = whole
		? record.lines.map((line) => ({ id: line.id, quantity: line.remainingQuantity }))
		: lines!;
	for (const entry of moving) {
		const line = record.lines.find((candidate) => candidate.id === entry.id);
		if (line) {
			moveStock(store, line.lineItemId, record.assignedLocationId, entry.quantity, 'release');
			moveStock(store, line.lineItemId, newLocationId, entry.quantity, 'commit');
		}
	}
	if (whole) {
		record.assignedLocationId = newLocationId;
		record.updatedAt = store.timestamp();
		store.announce('FULFILLMENT_ORDERS_MOVED', record.id);
		return { moved: record, original: record, remaining: null };
	}
	const movedLines = takeLines(record, moving, store, ['fulfillmentOrderLineItems']);
	dropEmptyLines(record);
	record.updatedAt = store.timestamp();
	const moved = newFulfillmentOrder(store, store.order(record.orderId)!, newLocationId, movedLines);
	store.announce('FULFILLMENT_ORDERS_MOVED', moved.id);
	return { moved, original: record, remaining: record };
}

export function holdFulfillmentOrder(
	store: StoreState,
	id: string,
	reason: string,
	reasonNotes: string | null,
): FulfillmentOrderRecord {
	const record = fulfillmentOrder(store, id);
	requireOpen(record, 'hold');
	record.status = 'ON_HOLD';
	record.holds.push({ reason, reasonNotes });
	record.updatedAt = store.timestamp();
	store.announce('FULFILLMENT_ORDERS_PLACED_ON_HOLD', record.id);
	return record;
}

export function releaseHold(store: StoreState, id: string): FulfillmentOrderRecord {
	const record = fulfillmentOrder(store, id);
	if (record.status !== 'ON_HOLD')
		throw new FulfillmentError(['id'], 'The fulfillment order is not on hold.', 'INVALID_STATUS');
	record.holds = [];
	record.status = record.lines.some((line) => line.remainingQuantity < line.totalQuantity)
		? 'IN_PROGRESS'
		: 'OPEN';
	record.updatedAt = store.timestamp();
	store.announce('FULFILLMENT_ORDERS_HOLD_RELEASED', record.id);
	return record;
}

export function submitFulfillmentRequest(store: StoreState, id: string): FulfillmentOrderRecord {
	const record = fulfillmentOrder(store, id);
	requireOpen(record, 'submit');
	const location = store.locations.find((candidate) => candidate.id === record.assignedLocationId);
	if (!location?.fulfillmentService) {
		throw new FulfillmentError(
			['id'],
			'Fulfillment requests can only be sent for fulfillment orders assigned to a fulfillment service.',
		);
	}
	if (record.requestStatus !== 'UNSUBMITTED' && record.requestStatus !== 'REJECTED') {
		throw new FulfillmentError(
			['id'],
			`A fulfillment request was already ${record.requestStatus.toLowerCase()}.`,
		);
	}
	record.requestStatus = 'SUBMITTED';
	record.updatedAt = store.timestamp();
	store.announce('FULFILLMENT_ORDERS_FULFILLMENT_REQUEST_SUBMITTED', record.id);
	return record;
}

export interface FulfillmentInput {
	lineItemsByFulfillmentOrder: Array<{
		fulfillmentOrderId: string;
		fulfillmentOrderLineItems?: LineQuantity[] | null;
	}>;
	trackingInfo?: TrackingInput | null;
	notifyCustomer?: boolean;
}

interface TrackingInput {
	company?: string | null;
	number?: string | null;
	numbers?: string[] | null;
	url?: string | null;
	urls?: string[] | null;
}

/** One fulfillment order of a fulfillment, with the lines wanted from it (all that remain if none given). */
interface FulfillmentGroup {
	record: FulfillmentOrderRecord;
	wanted: LineQuantity[];
}

function fulfillmentGroups(store: StoreState, input: FulfillmentInput): FulfillmentGroup[] {
	return input.lineItemsByFulfillmentOrder.map((group, index) => {
		const record = fulfillmentOrder(store, group.fulfillmentOrderId, [
			'fulfillment',
			'lineItemsByFulfillmentOrder',
			String(index),
			'fulfillmentOrderId',
		]);
		if (record.status === 'ON_HOLD')
			throw new FulfillmentError(
				['fulfillment'],
				'Fulfillment order is on hold and cannot be fulfilled.',
			);
		requireOpen(record, 'fulfill');
		return {
			record,
			wanted: group.fulfillmentOrderLineItems?.length
				? group.fulfillmentOrderLineItems
				: record.lines
						.map((line) => ({ id: line.id, quantity: line.remainingQuantity }))
						.filter((entry) => entry.quantity > 0),
		};
	});
}

/** The one order all groups belong to. */
function orderOfGroups(store: StoreState, groups: FulfillmentGroup[]): OrderRecord {
	const orderIds = new Set(groups.map((group) => group.record.orderId));
	if (orderIds.size !== 1)
		throw new FulfillmentError(
			['fulfillment'],
			'All fulfillment orders of a fulfillment must belong to the same order.',
		);
	return store.order([...orderIds][0])!;
}

/** Every wanted quantity must be part of what remains; checked before anything changes. */
function checkWantedQuantities(groups: FulfillmentGroup[]): void {
	for (const { record, wanted } of groups) {
		wanted.forEach((entry, index) => {
			const line = record.lines.find((candidate) => candidate.id === entry.id);
			if (!line || entry.quantity < 1 || entry.quantity > line.remainingQuantity) {
				throw new FulfillmentError(
					[
						'fulfillment',
						'lineItemsByFulfillmentOrder',
						'fulfillmentOrderLineItems',
						String(index),
					],
					`Invalid fulfillment order line item quantity requested: ${entry.quantity} of ${line?.remainingQuantity ?? 0} remaining.`,
				);
			}
		});
	}
}

/** Ships the wanted lines (committed stock leaves) and closes fulfillment orders with nothing left. */
function shipGroups(store: StoreState, groups: FulfillmentGroup[]): FulfillmentRecord['lines'] {
	const fulfillmentLines: FulfillmentRecord['lines'] = [];
	for (const { record, wanted } of groups) {
		for (const entry of wanted) {
			const line = record.lines.find((candidate) => candidate.id === entry.id)!;
			line.remainingQuantity -= entry.quantity;
			moveStock(store, line.lineItemId, record.assignedLocationId, entry.quantity, 'ship');
			fulfillmentLines.push({
				id: store.newGid('FulfillmentLineItem'),
				lineItemId: line.lineItemId,
				quantity: entry.quantity,
				fulfillmentOrderId: record.id,
			});
		}
		record.status = record.lines.every((line) => line.remainingQuantity === 0)
			? 'CLOSED'
			: 'IN_PROGRESS';
		if (record.status === 'CLOSED' && record.requestStatus === 'SUBMITTED')
			record.requestStatus = 'CLOSED';
		record.updatedAt = store.timestamp();
	}
	return fulfillmentLines;
}

/** Tracking entries from either the single number and URL or the lists of them. */
function trackingOf(tracking: TrackingInput | null | undefined): FulfillmentRecord['tracking'] {
	const numbers = tracking?.numbers?.length
		? tracking.numbers
		: tracking?.number
			? [tracking.number]
			: [];
	const urls = tracking?.urls?.length ? tracking.urls : tracking?.url ? [tracking.url] : [];
	return numbers.map((number, index) => ({
		company: tracking?.company ?? null,
		number,
		url: urls[index] ?? null,
	}));
}

export function createFulfillment(store: StoreState, input: FulfillmentInput): FulfillmentRecord {
	const groups = fulfillmentGroups(store, input);
	const order = orderOfGroups(store, groups);
	checkWantedQuantities(groups);
	const lines = shipGroups(store, groups);
	const fulfillment: FulfillmentRecord = {
		id: store.newGid('Fulfillment'),
		orderId: order.id,
		name: `${order.name}-F${store.fulfillments.filter((f) => f.orderId === order.id).length + 1}`,
		status: 'SUCCESS',
		createdAt: store.timestamp(),
		tracking: trackingOf(input.trackingInfo),
		lines,
		notifyCustomer: input.notifyCustomer ?? false,
	};
	store.fulfillments.push(fulfillment);
	store.announce('FULFILLMENTS_CREATE', fulfillment.id);
	store.touch(order);
	return fulfillment;
}

/** Cancels an order: its open fulfillment orders are cancelled and committed stock released if asked. */
export function cancelOrder(
	store: StoreState,
	orderId: string,
	reason: string,
	restock: boolean,
): OrderRecord {
	const order = store.order(orderId);
	if (!order) throw new FulfillmentError(['orderId'], 'Order does not exist', 'NOT_FOUND');
	if (order.cancelledAt)
		throw new FulfillmentError(['orderId'], 'Order has already been cancelled', 'INVALID');
	if (
		store.fulfillments.some(
			(fulfillment) => fulfillment.orderId === orderId && fulfillment.status === 'SUCCESS',
		)
	) {
		throw new FulfillmentError(
			['orderId'],
			'Cannot cancel an order that has fulfillments; refund and return instead',
			'INVALID',
		);
	}
	for (const record of store.fulfillmentOrders.filter(
		(candidate) => candidate.orderId === orderId && candidate.status !== 'CLOSED',
	)) {
		for (const line of record.lines) {
			if (line.remainingQuantity > 0) {
				moveStock(
					store,
					line.lineItemId,
					record.assignedLocationId,
					line.remainingQuantity,
					restock ? 'release' : 'ship',
				);
			}
		}
		record.status = 'CANCELLED';
		record.updatedAt = store.timestamp();
	}
	order.cancelledAt = store.timestamp();
	order.cancelReason = reason;
	order.closedAt = order.cancelledAt;
	store.announce('ORDERS_CANCELLED', order.id);
	store.touch(order);
	return order;
}

/** Fulfilled quantity of an order line across its fulfillments. */
export function fulfilledQuantity(store: StoreState, lineItemId: string): number {
	return store.fulfillments
		.filter((fulfillment) => fulfillment.status === 'SUCCESS')
		.flatMap((fulfillment) => fulfillment.lines)
		.filter((line) => line.lineItemId === lineItemId)
		.reduce((sum, line) => sum + line.quantity, 0);
}

/** Shopify's displayFulfillmentStatus for an order. */
export function displayFulfillmentStatus(store: StoreState, order: OrderRecord): string {
	const shippable = order.lineItems.filter((line) => line.requiresShipping);
	if (!shippable.length) return 'FULFILLED';
	const fulfilled = shippable.reduce((sum, line) => sum + fulfilledQuantity(store, line.id), 0);
	const total = shippable.reduce((sum, line) => sum + line.quantity, 0);
	if (fulfilled >= total) return 'FULFILLED';
	if (fulfilled > 0) return 'PARTIALLY_FULFILLED';
	const records = store.fulfillmentOrders.filter(
		(record) => record.orderId === order.id && record.status !== 'CANCELLED',
	);
	if (records.length && records.every((record) => record.status === 'ON_HOLD')) return 'ON_HOLD';
	if (
		records.some(
			(record) => record.requestStatus === 'SUBMITTED' || record.requestStatus === 'ACCEPTED',
		)
	)
		return 'IN_PROGRESS';
	return 'UNFULFILLED';
}
