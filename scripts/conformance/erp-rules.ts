/** The ERP's rules: the SKU master as pages, sales orders (invalid refused, create, find, retry, replace, cancel), a credit memo. */
import { commonRules, idempotencyRules, type RuleBook } from './rules';

const eur = (amount: number, currency: string) => ({
	shop: { amount, currency },
	presentment: { amount, currency },
});

/** A valid sales order for a SKU the ERP knows, under a reference no real order has. */
function salesOrder(ref: string, sku: string, note?: string, agoMs = 0): Record<string, unknown> {
	const at = new Date(Date.now() - agoMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		externalRef: ref,
		entity: 'CONFORMANCE',
		channel: 'web',
		orderNumber: `#${ref.split(':').pop()}`,
		orderedAt: at,
		sourceUpdatedAt: at,
		currency: 'EUR',
		presentmentCurrency: 'EUR',
		customer: { name: 'Orderflow Conformance', email: 'conformance@example.com' },
		shipTo: {
			name: 'Orderflow Conformance',
			line1: 'Teststraße 1',
			city: 'Berlin',
			postalCode: '10117',
			country: 'DE',
		},
		lines: [
			{
				lineRef: `${ref}:line:1`,
				sku,
				quantity: 1,
				unitPrice: eur(1000, 'EUR'),
				discount: eur(0, 'EUR'),
				tax: eur(190, 'EUR'),
			},
		],
		shipping: [],
		totals: {
			subtotal: eur(1000, 'EUR'),
			discount: eur(0, 'EUR'),
			shipping: eur(0, 'EUR'),
			tax: eur(190, 'EUR'),
			total: eur(1190, 'EUR'),
		},
		...(note ? { note } : {}),
	};
}

export async function erpRules(book: RuleBook, runId: string): Promise<void> {
	await commonRules(book, { path: '/skus', operationId: 'listSkus' });
	const skus = await book.call('GET', '/skus?limit=1');
	const sku = String(
		((skus.body.items as Array<{ sku?: string }> | undefined) ?? [])[0]?.sku ?? 'CONFORMANCE-SKU',
	);
	book.problem(
		'refuses an invalid sales order (400, problem details)',
		await book.call('POST', '/sales-orders', { body: { externalRef: '' } }),
		[400],
	);

	const ref = `conformance:${runId}:order`;
	const found = async () =>
		(
			(await book.call('GET', `/sales-orders?externalRef=${encodeURIComponent(ref)}`)).body
				.items as unknown[] | undefined
		)?.length ?? 0;
	const id = await idempotencyRules(book, {
		path: '/sales-orders',
		operationId: 'createSalesOrder',
		body: salesOrder(ref, sku),
		changed: salesOrder(ref, sku, 'changed'),
		key: `${ref}:create`,
		count: found,
	});
	if (!id)
		return book.skip(
			'reads, replaces, credits and cancels the sales order',
			'no sales order could be created',
		);
	const path = `/sales-orders/${encodeURIComponent(id)}`;
	book.answer(
		'reads the sales order by id (schema)',
		await book.call('GET', path),
		'getSalesOrder',
		[200],
	);
	book.answer(
		'replaces the sales order with a newer version (schema)',
		await book.call('PUT', path, {
			body: salesOrder(ref, sku, 'a newer version'),
			idempotencyKey: `${ref}:update`,
		}),
		'replaceSalesOrder',
		[200],
	);
	// Newer version wins: a replace that arrives late with an older version must not overwrite the newer one.
	book.problem(
		'refuses to replace it with an older version (409, problem details)',
		await book.call('PUT', path, {
			body: salesOrder(ref, sku, 'an older version', 3_600_000),
			idempotencyKey: `${ref}:update:older`,
		}),
		[409],
	);
	const kept = await book.call('GET', path);
	book.record(
		'…and still holds the newer version',
		kept.body.note === 'a newer version',
		`note ${JSON.stringify(kept.body.note)}`,
	);
	const memo = {
		externalRef: `conformance:${runId}:refund`,
		salesOrderId: id,
		currency: 'EUR',
		presentmentCurrency: 'EUR',
		reason: 'conformance',
		lines: [{ sku, quantity: 1, amount: eur(1000, 'EUR'), tax: eur(190, 'EUR'), restock: false }],
		total: eur(1190, 'EUR'),
	};
	book.answer(
		'books a credit memo against it (201, schema)',
		await book.call('POST', '/credit-memos', {
			body: memo,
			idempotencyKey: `${memo.externalRef}:create`,
		}),
		'createCreditMemo',
		[201],
	);
	const cancelled = await book.call('POST', `${path}/cancel`, {
		body: { reason: 'conformance run' },
		idempotencyKey: `${ref}:cancel`,
	});
	if (book.answer('cancels the sales order (schema)', cancelled, 'cancelSalesOrder', [200]))
		book.record(
			'…and says it is cancelled',
			cancelled.body.status === 'cancelled',
			`status ${String(cancelled.body.status)}`,
		);
	book.problem(
		'answers an unknown sales order with 404 problem details',
		await book.call('GET', `/sales-orders/${encodeURIComponent(`conformance-${runId}-unknown`)}`),
		[404],
	);
}
