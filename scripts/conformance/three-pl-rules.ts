/** The 3PL's rules: stock as pages, shipment requests (invalid refused, create, retry, cancel), and a shipped request not cancelled. */
import { commonRules, idempotencyRules, type RuleBook } from './rules';

function shipmentRequest(ref: string, sku: string, quantity = 1): Record<string, unknown> {
	return {
		externalRef: ref,
		orderRef: `${ref}:order`,
		shipTo: {
			name: 'Orderflow Conformance',
			line1: 'Teststraße 1',
			city: 'Berlin',
			postalCode: '10117',
			country: 'DE',
		},
		lines: [{ sku, quantity }],
	};
}

/**
 * A shipped request, to see a cancel refused: the one the team names (`--shipped-request`), or
 * one this run creates and has shipped where the server can be told to (the reference server's
 * control route). Undefined when neither is possible here.
 */
async function shippedRequest(
	book: RuleBook,
	runId: string,
	sku: string,
	named?: string,
): Promise<string | undefined> {
	if (named) return named;
	const created = await book.call('POST', '/shipment-requests', {
		body: shipmentRequest(`conformance:${runId}:shipped`, sku),
		idempotencyKey: `conformance:${runId}:shipped:create`,
	});
	if (created.status !== 201) return undefined;
	const shipped = await book.call(
		'POST',
		`/_control/shipment-requests/${encodeURIComponent(String(created.body.id))}/ship`,
		{ body: {} },
	);
	return shipped.status >= 200 && shipped.status < 300 ? String(created.body.id) : undefined;
}

export async function threePlRules(
	book: RuleBook,
	runId: string,
	options: { shippedRequest?: string } = {},
): Promise<void> {
	await commonRules(book, { path: '/stock', operationId: 'listStock' });
	const stock = await book.call('GET', '/stock?limit=1');
	const sku = String(
		((stock.body.items as Array<{ sku?: string }> | undefined) ?? [])[0]?.sku ?? 'CONFORMANCE-SKU',
	);
	book.problem(
		'refuses a shipment request without lines (400, problem details)',
		await book.call('POST', '/shipment-requests', {
			body: shipmentRequest(`conformance:${runId}:invalid`, sku, 0),
		}),
		[400],
	);

	const ref = `conformance:${runId}:request`;
	const found = async () =>
		(
			(await book.call('GET', `/shipment-requests?externalRef=${encodeURIComponent(ref)}`)).body
				.items as unknown[] | undefined
		)?.length ?? 0;
	const id = await idempotencyRules(book, {
		path: '/shipment-requests',
		operationId: 'createShipmentRequest',
		body: shipmentRequest(ref, sku),
		changed: shipmentRequest(ref, sku, 2),
		key: `${ref}:create`,
		count: found,
	});
	if (id) {
		book.answer(
			'reads the shipment request by id (schema)',
			await book.call('GET', `/shipment-requests/${encodeURIComponent(id)}`),
			'getShipmentRequest',
			[200],
		);
		const cancelled = await book.call(
			'POST',
			`/shipment-requests/${encodeURIComponent(id)}/cancel`,
			{ idempotencyKey: `${ref}:cancel` },
		);
		if (
			book.answer('cancels what has not shipped (schema)', cancelled, 'cancelShipmentRequest', [
				200,
			])
		)
			book.record(
				'…and says it is cancelled',
				cancelled.body.status === 'cancelled',
				`status ${String(cancelled.body.status)}`,
			);
	}
	const shipped = await shippedRequest(book, runId, sku, options.shippedRequest);
	if (!shipped)
		return book.skip(
			'refuses to cancel what shipped (409, problem details)',
			'no shipped request to try: ship one of this run’s requests, then run again with --shipped-request <id>',
		);
	book.problem(
		'refuses to cancel what shipped (409, problem details)',
		await book.call('POST', `/shipment-requests/${encodeURIComponent(shipped)}/cancel`, {
			idempotencyKey: `conformance:${runId}:shipped:cancel`,
		}),
		[409],
	);
}
