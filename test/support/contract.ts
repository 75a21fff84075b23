/** Requests to the ERP/3PL reference servers, and valid canonical documents to send them. */
export interface ContractReply<T = Record<string, unknown>> {
	status: number;
	headers: Headers;
	body: T;
}

export async function call<T = Record<string, unknown>>(
	baseUrl: string,
	method: string,
	path: string,
	options: {
		body?: unknown;
		token?: string | null;
		headers?: Record<string, string>;
		timeoutMs?: number;
	} = {},
): Promise<ContractReply<T>> {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		...options.headers,
	};
	if (options.token !== null)
		headers.authorization = `Bearer ${options.token ?? 'erp-sandbox-token'}`;
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: (text ? JSON.parse(text) : {}) as T,
	};
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const pair = (shop: number, presentment = shop) => ({
	shop: eur(shop),
	presentment: eur(presentment),
});

export function salesOrderInput(
	externalRef = 'shopify:order:5531',
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		externalRef,
		entity: 'DE01',
		channel: 'web',
		orderNumber: '#1001',
		orderedAt: '2026-11-20T09:15:02Z',
		sourceUpdatedAt: '2026-11-20T09:15:02Z',
		currency: 'EUR',
		presentmentCurrency: 'EUR',
		customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
		shipTo: {
			name: 'Ada Lovelace',
			line1: 'Unter den Linden 1',
			city: 'Berlin',
			postalCode: '10117',
			country: 'DE',
		},
		lines: [
			{
				lineRef: 'shopify:line-item:1',
				sku: 'TSHIRT-RED-M',
				quantity: 2,
				unitPrice: pair(3990),
				discount: pair(500),
				tax: pair(1421),
			},
		],
		shipping: [{ code: 'DHL', title: 'DHL', amount: pair(490), tax: pair(93) }],
		totals: {
			subtotal: pair(7480),
			discount: pair(500),
			shipping: pair(490),
			tax: pair(1514),
			total: pair(9484),
		},
		...overrides,
	};
}

export function shipmentRequestInput(
	externalRef = 'shopify:fulfillment-order:77',
): Record<string, unknown> {
	return {
		externalRef,
		orderRef: 'shopify:order:5531',
		shipTo: {
			name: 'Ada Lovelace',
			line1: 'Unter den Linden 1',
			city: 'Berlin',
			postalCode: '10117',
			country: 'DE',
		},
		lines: [
			{ sku: 'TOTE-NAT', quantity: 2 },
			{ sku: 'TSHIRT-BLK-M', quantity: 1 },
		],
	};
}
