/**
 * The ERP reference server: sales orders, credit memos, inventory and the SKU master on the
 * canonical contract. Like many ERPs it does not enforce unique external references: only the
 * Idempotency-Key (when switched on) stops a retried create from booking twice.
 */
import {
	ContractServer,
	page,
	ProblemError,
	type ContractServerOptions,
	type Handler,
} from '../contract/server';
import type { ContractDatabase } from '../contract/database';

interface SalesOrder {
	id: string;
	externalRef: string;
	status: 'open' | 'cancelled' | 'closed';
	cancelReason?: string | null;
	createdAt: string;
	updatedAt: string;
	/** The source's version this document reflects (newer version wins). */
	sourceUpdatedAt: string;
	lines: Array<{ sku: string; quantity: number }>;
	[field: string]: unknown;
}

interface CreditMemo {
	id: string;
	externalRef: string;
	salesOrderId: string;
	createdAt: string;
	[field: string]: unknown;
}

export interface ErpSeed {
	skus: Array<{ sku: string; description: string; barcode?: string | null; active?: boolean }>;
	/** Any iterable: a benchmark seeds millions of rows from a generator. */
	inventory: Iterable<{
		sku: string;
		location: string;
		onHand: number;
		available?: number;
		safetyStock?: number;
	}>;
}

const handlers: Record<string, Handler> = {
	createSalesOrder: ({ db, body, now }) => {
		const input = body as Pick<SalesOrder, 'externalRef' | 'lines' | 'sourceUpdatedAt'>;
		const order: SalesOrder = {
			...input,
			id: db.nextNumber('salesOrder', 'SO'),
			status: 'open',
			cancelReason: null,
			createdAt: now,
			updatedAt: now,
		};
		db.insert('salesOrder', order.id, order.externalRef, order, now);
		return { status: 201, body: order };
	},
	listSalesOrders: ({ db, query }) => {
		const ordered = orderedWindow(query);
		return {
			status: 200,
			body: page<SalesOrder>(db, 'salesOrder', query, {
				externalRef: query.get('externalRef') ?? undefined,
				where: ordered,
			}),
		};
	},
	getSalesOrder: ({ db, params }) => ({ status: 200, body: salesOrder(db, params.id) }),
	replaceSalesOrder: ({ db, params, body, now }) => {
		const existing = salesOrder(db, params.id);
		if (existing.status !== 'open') {
			throw new ProblemError(
				409,
				'Sales order not open',
				`${existing.id} is ${existing.status} and cannot be changed`,
			);
		}
		// Newer version wins: a late replace with an older version of the order never overwrites a newer one.
		const incoming = (body as SalesOrder).sourceUpdatedAt;
		if (Date.parse(incoming) < Date.parse(existing.sourceUpdatedAt)) {
			throw new ProblemError(
				409,
				'Stale version',
				`${existing.id} holds the version of ${existing.sourceUpdatedAt}; this document is the older version of ${incoming}`,
			);
		}
		const updated: SalesOrder = {
			...(body as SalesOrder),
			id: existing.id,
			status: existing.status,
			cancelReason: null,
			createdAt: existing.createdAt,
			updatedAt: now,
		};
		db.update('salesOrder', existing.id, updated, now);
		return { status: 200, body: updated };
	},
	cancelSalesOrder: ({ db, params, body, now }) => {
		const order = salesOrder(db, params.id);
		if (order.status === 'cancelled') return { status: 200, body: order };
		const cancelled = {
			...order,
			status: 'cancelled' as const,
			cancelReason: (body as { reason?: string } | undefined)?.reason ?? null,
			updatedAt: now,
		};
		db.update('salesOrder', order.id, cancelled, now);
		return { status: 200, body: cancelled };
	},
	createCreditMemo: ({ db, body, now }) => {
		const input = body as Pick<CreditMemo, 'externalRef' | 'salesOrderId'>;
		salesOrder(db, input.salesOrderId);
		const memo: CreditMemo = { ...input, id: db.nextNumber('creditMemo', 'CM'), createdAt: now };
		db.insert('creditMemo', memo.id, memo.externalRef, memo, now);
		return { status: 201, body: memo };
	},
	listCreditMemos: ({ db, query }) => {
		const salesOrderId = query.get('salesOrderId');
		const ordered = orderedWindow(query);
		return {
			status: 200,
			body: page<CreditMemo>(db, 'creditMemo', query, {
				externalRef: query.get('externalRef') ?? undefined,
				where: (memo) =>
					(!salesOrderId || memo.salesOrderId === salesOrderId) &&
					(!ordered || ordered(salesOrder(db, memo.salesOrderId))),
			}),
		};
	},
	getCreditMemo: ({ db, params }) => {
		const memo = db.get<CreditMemo>('creditMemo', params.id);
		if (!memo) throw new ProblemError(404, 'Not found', `No credit memo ${params.id}`);
		return { status: 200, body: memo };
	},
	listInventory: ({ db, query }) => {
		const sku = query.get('sku');
		const location = query.get('location');
		return {
			status: 200,
			body: page<{ sku: string; location: string }>(
				db,
				'inventory',
				query,
				sku || location
					? {
							where: (row) => (!sku || row.sku === sku) && (!location || row.location === location),
						}
					: {},
			),
		};
	},
	listSkus: ({ db, query }) => ({ status: 200, body: page(db, 'sku', query) }),
};

/** `orderedFrom` / `orderedBefore` as a test on a sales order's orderedAt; undefined without either. */
function orderedWindow(query: URLSearchParams): ((order: SalesOrder) => boolean) | undefined {
	const bound = (name: string) => {
		const text = query.get(name);
		if (!text) return undefined;
		const at = Date.parse(text);
		if (Number.isNaN(at))
			throw new ProblemError(
				400,
				'Invalid request',
				`${name} must be an ISO 8601 date-time, got "${text}"`,
			);
		return at;
	};
	const from = bound('orderedFrom');
	const before = bound('orderedBefore');
	if (from === undefined && before === undefined) return undefined;
	return (order) => {
		const at = Date.parse(String(order.orderedAt ?? order.createdAt));
		return (from === undefined || at >= from) && (before === undefined || at < before);
	};
}

function salesOrder(db: ContractDatabase, id: string): SalesOrder {
	const order = db.get<SalesOrder>('salesOrder', id);
	if (!order) throw new ProblemError(404, 'Not found', `No sales order ${id}`);
	return order;
}

function* stockDocuments(rows: NonNullable<ErpSeed['inventory']>, now: string) {
	for (const row of rows)
		yield {
			id: `${row.sku}@${row.location}`,
			body: { available: row.onHand, safetyStock: 0, ...row, updatedAt: now },
		};
}

export type ErpServerOptions = Omit<
	ContractServerOptions,
	'tag' | 'handlers' | 'seed' | 'controls'
> & { seed?: ErpSeed };

export async function startErpServer(options: ErpServerOptions = {}): Promise<ContractServer> {
	const server = new ContractServer({
		...options,
		tag: 'ERP',
		handlers,
		controls: {
			// What the ERP team does when a SKU is missing: add it to the SKU master.
			'POST skus': ({ db, body, now }) => {
				const sku = body as { sku?: unknown; description?: unknown; barcode?: unknown };
				if (typeof sku?.sku !== 'string' || sku.sku.trim() === '')
					throw new ProblemError(400, 'Invalid SKU', 'A SKU needs "sku" (and a "description")');
				db.insert(
					'sku',
					sku.sku,
					null,
					{ barcode: null, active: true, description: String(sku.description ?? sku.sku), ...sku },
					now,
				);
				return { status: 201, body: db.get('sku', sku.sku) };
			},
		},
		bearerTokens: options.bearerTokens ?? (options.basicUsers ? [] : ['erp-sandbox-token']),
		seed: (db) => {
			const now = new Date().toISOString();
			for (const sku of options.seed?.skus ?? []) {
				db.insert('sku', sku.sku, null, { barcode: null, active: true, ...sku }, now);
			}
			db.insertMany('inventory', stockDocuments(options.seed?.inventory ?? [], now), now);
		},
	});
	await server.listen();
	return server;
}
