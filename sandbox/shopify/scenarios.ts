/**
 * The go-live edge cases, each made real in the emulated shop: orders created, fulfilled,
 * cancelled, refunded or returned through the same domain code the Admin API uses, so every
 * webhook and GraphQL answer follows.
 */
import { cancelOrder, createFulfillment } from './domain/fulfillment';
import { createRefund, suggestRefund } from './domain/refunds';
import { createReturn, processReturn } from './domain/returns';
import { formatDecimal } from '../../core/money';
import { BERLIN } from './seed';
import type { AddressRecord, OrderInput, OrderRecord, ShopifyStore } from './store';

export interface ScenarioResult {
	scenario: string;
	description: string;
	orderId: string;
	orderName: string;
	[detail: string]: unknown;
}

const ADA = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	email: 'ada@example.com',
	phone: '+49 30 1234567',
};
const BERLIN_ADDRESS: AddressRecord = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	address1: 'Unter den Linden 1',
	city: 'Berlin',
	zip: '10117',
	countryCodeV2: 'DE',
	phone: '+49 30 1234567',
};
const BOSTON_ADDRESS: AddressRecord = {
	firstName: 'Grace',
	lastName: 'Hopper',
	address1: '1 Harbor Street',
	city: 'Boston',
	provinceCode: 'MA',
	province: 'Massachusetts',
	zip: '02110',
	countryCodeV2: 'US',
};

function order(
	store: ShopifyStore,
	input: Partial<OrderInput> & Pick<OrderInput, 'lines'>,
): OrderRecord {
	return store.createOrder({
		customer: ADA,
		shippingAddress: BERLIN_ADDRESS,
		shipping: { title: 'DHL Paket', price: '4.90', taxRate: 0.19 },
		...input,
		lines: input.lines.map((line) => ({ taxRate: 0.19, ...line })),
	});
}

function result(
	scenario: string,
	description: string,
	record: OrderRecord,
	details: Record<string, unknown> = {},
): ScenarioResult {
	return { scenario, description, orderId: record.id, orderName: record.name, ...details };
}

function fulfilAll(store: ShopifyStore, record: OrderRecord, tracking = 'JJD000390007') {
	const fulfillmentOrders = store.fulfillmentOrders.filter(
		(candidate) => candidate.orderId === record.id && candidate.status === 'OPEN',
	);
	return createFulfillment(store, {
		lineItemsByFulfillmentOrder: fulfillmentOrders.map((fo) => ({ fulfillmentOrderId: fo.id })),
		trackingInfo: { company: 'DHL', number: tracking, url: `https://tracking.example/${tracking}` },
	});
}

/** Refunds lines to the original payments, as an agent in Shopify's admin would. */
function refundLines(
	store: ShopifyStore,
	record: OrderRecord,
	lines: Array<{ lineItemId: string; quantity: number }>,
	restock: boolean,
	shipping = false,
) {
	const refundLineItems = lines.map((line) => ({
		...line,
		restockType: restock ? ('RETURN' as const) : ('NO_RESTOCK' as const),
		locationId: restock ? BERLIN : null,
	}));
	const suggestion = suggestRefund(store, record, { refundLineItems, refundShipping: shipping });
	return createRefund(store, {
		orderId: record.id,
		currency: record.presentmentCurrencyCode,
		refundLineItems,
		shipping: shipping ? { fullRefund: true } : undefined,
		transactions: suggestion.transactions.map((entry) => ({
			orderId: record.id,
			parentId: entry.transaction.id,
			gateway: entry.transaction.gateway,
			kind: 'REFUND',
			amount: formatDecimal(entry.amount.presentment, record.presentmentCurrencyCode),
		})),
	});
}

type Builder = (store: ShopifyStore, options: Record<string, unknown>) => ScenarioResult;

export const SCENARIOS: Record<string, Builder> = {
	'standard-order': (store) =>
		result(
			'standard-order',
			'A paid web order for two items from one location',
			order(store, {
				lines: [
					{ sku: 'TSHIRT-RED-M', quantity: 2 },
					{ sku: 'SOCKS-TRAIL-42', quantity: 1 },
				],
			}),
		),

	'split-locations': (store) => {
		const record = order(store, {
			lines: [
				{ sku: 'TSHIRT-RED-L', quantity: 1 },
				{ sku: 'TOTE-NAT', quantity: 2 },
			],
		});
		const fulfillmentOrders = store.fulfillmentOrders
			.filter((fo) => fo.orderId === record.id)
			.map((fo) => ({ id: fo.id, locationId: fo.assignedLocationId }));
		return result(
			'split-locations',
			'A multi-item order whose lines sit at two locations: one fulfillment order each',
			record,
			{ fulfillmentOrders },
		);
	},

	'gift-card': (store) => {
		const purchase = order(store, {
			lines: [{ sku: 'GIFT-50', quantity: 1 }],
			shipping: undefined,
		});
		const paidWithCard = order(store, {
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			giftCardPayment: '20.00',
		});
		return result(
			'gift-card',
			'A gift card purchase (not shipped, not taxed) and an order paid partly with a gift card',
			purchase,
			{
				giftCardPaymentOrderId: paidWithCard.id,
				giftCardPaymentOrderName: paidWithCard.name,
			},
		);
	},

	'multi-currency': (store) =>
		result(
			'multi-currency',
			'An order presented in USD in a EUR shop: shop and presentment money differ',
			order(store, {
				lines: [{ sku: 'TSHIRT-BLK-M', quantity: 1 }],
				presentmentCurrency: 'USD',
				exchangeRate: 1.0753,
				shippingAddress: BOSTON_ADDRESS,
			}),
		),

	marketplace: (store) =>
		result(
			'marketplace',
			'An order that came through a marketplace channel (source_name amazon)',
			order(store, {
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }],
				sourceName: 'amazon',
				tags: ['marketplace'],
			}),
		),

	cancellation: (store) => {
		const record = order(store, { lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
		cancelOrder(store, record.id, 'CUSTOMER', true);
		return result(
			'cancellation',
			'An order cancelled by the customer before fulfilment, stock restocked',
			record,
		);
	},

	'address-change-after-fulfilment': (store) => {
		const record = order(store, { lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
		fulfilAll(store, record);
		record.shippingAddress = { ...BERLIN_ADDRESS, address1: 'Friedrichstraße 100', zip: '10117' };
		store.touch(record);
		return result(
			'address-change-after-fulfilment',
			'The shipping address changed after the order was fulfilled',
			record,
		);
	},

	'partial-refund': (store) => {
		const record = order(store, { lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }] });
		fulfilAll(store, record);
		const refund = refundLines(
			store,
			record,
			[{ lineItemId: record.lineItems[0].id, quantity: 1 }],
			true,
		);
		return result('partial-refund', 'One of two shirts refunded and restocked', record, {
			refundId: refund.id,
		});
	},

	'full-refund': (store) => {
		const record = order(store, { lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
		const refund = refundLines(
			store,
			record,
			[{ lineItemId: record.lineItems[0].id, quantity: 2 }],
			false,
			true,
		);
		return result('full-refund', 'Everything refunded, shipping included', record, {
			refundId: refund.id,
		});
	},

	return: (store) => {
		const record = order(store, { lines: [{ sku: 'TSHIRT-RED-L', quantity: 1 }] });
		const fulfillment = fulfilAll(store, record);
		const created = createReturn(store, {
			orderId: record.id,
			returnLineItems: [
				{
					fulfillmentLineItemId: fulfillment.lines[0].id,
					quantity: 1,
					returnReasonNote: 'too small',
				},
			],
		});
		const suggestion = suggestRefund(store, record, {
			refundLineItems: [{ lineItemId: record.lineItems[0].id, quantity: 1 }],
		});
		processReturn(store, {
			returnId: created.id,
			returnLineItems: [
				{
					id: created.lines[0].id,
					quantity: 1,
					dispositions: [
						{
							reverseFulfillmentOrderLineItemId: created.lines[0].reverseLineId,
							quantity: 1,
							dispositionType: 'RESTOCKED',
							locationId: BERLIN,
						},
					],
				},
			],
			financialTransfer: {
				issueRefund: {
					orderTransactions: suggestion.transactions.map((entry) => ({
						parentId: entry.transaction.id,
						transactionAmount: {
							amount: formatDecimal(entry.amount.presentment, record.presentmentCurrencyCode),
							currencyCode: record.presentmentCurrencyCode,
						},
					})),
				},
			},
		});
		return result('return', 'A fulfilled shirt returned, restocked and refunded', record, {
			returnId: created.id,
		});
	},

	/** Many older orders at once, e.g. to page past 250 or spend the rate-limit bucket. */
	'order-history': (store, options) => {
		const count = Math.min(5000, Math.max(1, Number(options.count ?? 300)));
		let last: OrderRecord | undefined;
		for (let i = 0; i < count; i++)
			last = order(store, {
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
				tags: ['history'],
				shipping: undefined,
			});
		return result('order-history', `${count} paid orders`, last!, { count });
	},
};

export function runScenario(
	store: ShopifyStore,
	name: string,
	options: Record<string, unknown> = {},
): ScenarioResult {
	const builder = SCENARIOS[name];
	if (!builder)
		throw new Error(`Unknown scenario "${name}". Known: ${Object.keys(SCENARIOS).join(', ')}`);
	return builder(store, options);
}
