/**
 * Returns: created against fulfilled lines, then processed — units disposed of (restocked or
 * not) and money refunded through a refund on the order.
 */
import { toMinorUnits } from '../../../core/money';
import { adjustInventory } from './inventory';
import { createRefund } from './refunds';
import type { ReturnRecord, ShopifyStore } from '../store';

export class ReturnError extends Error {
	constructor(
		readonly field: string[],
		message: string,
		readonly code = 'INVALID',
	) {
		super(message);
	}
}

function returnedQuantity(store: ShopifyStore, fulfillmentLineItemId: string): number {
	return store.returns
		.filter((record) => record.status !== 'CANCELED' && record.status !== 'DECLINED')
		.flatMap((record) => record.lines)
		.filter((line) => line.fulfillmentLineItemId === fulfillmentLineItemId)
		.reduce((sum, line) => sum + line.quantity, 0);
}

export function createReturn(
	store: ShopifyStore,
	input: {
		orderId: string;
		returnLineItems: Array<{
			fulfillmentLineItemId: string;
			quantity: number;
			returnReasonNote?: string;
		}>;
	},
): ReturnRecord {
	const order = store.order(input.orderId);
	if (!order)
		throw new ReturnError(['returnInput', 'orderId'], 'Order does not exist.', 'NOT_FOUND');
	if (!input.returnLineItems.length)
		throw new ReturnError(
			['returnInput', 'returnLineItems'],
			'A return needs at least one line.',
			'BLANK',
		);
	const lines = input.returnLineItems.map((entry, index) => {
		const fulfillmentLine = store.fulfillments
			.filter((fulfillment) => fulfillment.orderId === order.id && fulfillment.status === 'SUCCESS')
			.flatMap((fulfillment) => fulfillment.lines)
			.find((line) => line.id === entry.fulfillmentLineItemId);
		const field = ['returnInput', 'returnLineItems', String(index)];
		if (!fulfillmentLine)
			throw new ReturnError(
				[...field, 'fulfillmentLineItemId'],
				'Fulfillment line item does not exist.',
				'NOT_FOUND',
			);
		const left = fulfillmentLine.quantity - returnedQuantity(store, fulfillmentLine.id);
		if (entry.quantity < 1 || entry.quantity > left) {
			throw new ReturnError(
				[...field, 'quantity'],
				`Quantity ${entry.quantity} is more than the ${left} that can be returned.`,
				'INVALID',
			);
		}
		return {
			id: store.newGid('ReturnLineItem'),
			fulfillmentLineItemId: fulfillmentLine.id,
			lineItemId: fulfillmentLine.lineItemId,
			quantity: entry.quantity,
			processedQuantity: 0,
			returnReasonNote: entry.returnReasonNote ?? '',
			reverseLineId: store.newGid('ReverseFulfillmentOrderLineItem'),
			dispositions: [],
		};
	});
	const record: ReturnRecord = {
		id: store.newGid('Return'),
		orderId: order.id,
		name: `${order.name}-R${store.returns.filter((candidate) => candidate.orderId === order.id).length + 1}`,
		status: 'OPEN',
		lines,
		reverseFulfillmentOrderId: store.newGid('ReverseFulfillmentOrder'),
		refundIds: [],
		createdAt: store.timestamp(),
		closedAt: null,
	};
	store.returns.push(record);
	store.announce('RETURNS_APPROVE', record.id);
	return record;
}

export interface ReturnProcessInput {
	returnId: string;
	returnLineItems?: Array<{
		id: string;
		quantity: number;
		dispositions?: Array<{
			reverseFulfillmentOrderLineItemId: string;
			quantity: number;
			dispositionType: string;
			locationId?: string | null;
		}>;
	}>;
	financialTransfer?: {
		issueRefund?: {
			orderTransactions: Array<{
				parentId: string;
				transactionAmount: { amount: string; currencyCode: string };
			}>;
			allowOverRefunding?: boolean;
		};
	};
	note?: string | null;
}

type ReturnLineInput = NonNullable<ReturnProcessInput['returnLineItems']>[number];

/** A return line and how much of it this call processes. */
interface LineToProcess {
	line: ReturnRecord['lines'][number];
	entry: ReturnLineInput;
}

function openReturn(store: ShopifyStore, returnId: string): ReturnRecord {
	const record = store.returns.find((candidate) => candidate.id === returnId);
	if (!record) throw new ReturnError(['input', 'returnId'], 'Return does not exist.', 'NOT_FOUND');
	if (record.status !== 'OPEN')
		throw new ReturnError(
			['input', 'returnId'],
			`Return is ${record.status.toLowerCase()} and cannot be processed.`,
			'INVALID_STATE',
		);
	return record;
}

/** Each line must be of the return, with that much left to process; restocking needs a location. */
function linesToProcess(record: ReturnRecord, entries: ReturnLineInput[]): LineToProcess[] {
	return entries.map((entry, index) => {
		const line = record.lines.find((candidate) => candidate.id === entry.id);
		const field = ['input', 'returnLineItems', String(index)];
		if (!line)
			throw new ReturnError([...field, 'id'], 'Return line item does not exist.', 'NOT_FOUND');
		if (entry.quantity < 1 || entry.quantity > line.quantity - line.processedQuantity) {
			throw new ReturnError(
				[...field, 'quantity'],
				`Quantity ${entry.quantity} is more than the ${line.quantity - line.processedQuantity} left to process.`,
			);
		}
		for (const disposition of entry.dispositions ?? []) {
			if (disposition.reverseFulfillmentOrderLineItemId !== line.reverseLineId) {
				throw new ReturnError(
					[...field, 'dispositions'],
					'Disposition does not belong to this return line.',
				);
			}
			if (disposition.dispositionType === 'RESTOCKED' && !disposition.locationId) {
				throw new ReturnError(
					[...field, 'dispositions'],
					'A restocked disposition needs a location.',
				);
			}
		}
		return { line, entry };
	});
}

/** The refund of the processed lines (and of the money asked for), linked to the return. */
function refundReturn(
	store: ShopifyStore,
	record: ReturnRecord,
	processing: LineToProcess[],
	input: ReturnProcessInput,
): void {
	const order = store.order(record.orderId)!;
	const refundLines = processing.map(({ line, entry }) => ({
		lineItemId: line.lineItemId,
		quantity: entry.quantity,
		restockType: 'NO_RESTOCK' as const,
	}));
	const issueRefund = input.financialTransfer?.issueRefund;
	if (!issueRefund && !refundLines.length) return;
	const refund = createRefund(store, {
		orderId: order.id,
		note: input.note ?? `Return ${record.name}`,
		currency: order.presentmentCurrencyCode,
		refundLineItems: refundLines,
		transactions: (issueRefund?.orderTransactions ?? []).map((transaction) => {
			toMinorUnits(
				transaction.transactionAmount.amount,
				transaction.transactionAmount.currencyCode,
			);
			const parent = order.transactions.find((candidate) => candidate.id === transaction.parentId);
			return {
				orderId: order.id,
				parentId: transaction.parentId,
				gateway: parent?.gateway ?? 'manual',
				kind: 'REFUND',
				amount: transaction.transactionAmount.amount,
			};
		}),
		allowOverRefunding: issueRefund?.allowOverRefunding,
	});
	store.refunds.find((candidate) => candidate.id === refund.id)!.returnId = record.id;
	record.refundIds.push(refund.id);
}

/** Marks the units processed and records what became of them; restocked units are available again. */
function disposeOf(store: ShopifyStore, record: ReturnRecord, processing: LineToProcess[]): void {
	const order = store.order(record.orderId)!;
	for (const { line, entry } of processing) {
		line.processedQuantity += entry.quantity;
		for (const disposition of entry.dispositions ?? []) {
			line.dispositions.push({
				quantity: disposition.quantity,
				type: disposition.dispositionType,
				locationId: disposition.locationId ?? null,
			});
			const variant = store.variants.find(
				(candidate) =>
					candidate.id === order.lineItems.find((l) => l.id === line.lineItemId)?.variantId,
			);
			if (disposition.dispositionType === 'RESTOCKED' && variant) {
				adjustInventory(
					store,
					variant.inventoryItemId,
					disposition.locationId!,
					'available',
					disposition.quantity,
				);
			}
		}
	}
}

export function processReturn(store: ShopifyStore, input: ReturnProcessInput): ReturnRecord {
	const record = openReturn(store, input.returnId);
	const processing = linesToProcess(record, input.returnLineItems ?? []);
	// The refund first: if Shopify refuses the money, nothing is marked processed.
	refundReturn(store, record, processing, input);
	disposeOf(store, record, processing);
	if (record.lines.every((line) => line.processedQuantity >= line.quantity)) {
		record.status = 'CLOSED';
		record.closedAt = store.timestamp();
	}
	store.announce('RETURNS_PROCESS', record.id);
	return record;
}
