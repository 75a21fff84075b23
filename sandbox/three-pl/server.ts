/**
 * The 3PL reference server: shipment requests, shipments with tracking, cancellation of what
 * has not shipped, and stock. The control route `POST /_control/shipment-requests/{id}/ship`
 * plays the warehouse: it ships some or all lines with a tracking number.
 */
import {
	ContractServer,
	page,
	ProblemError,
	type ContractServerOptions,
	type Handler,
} from '../contract/server';
import type { ContractDatabase } from '../contract/database';

interface ShipmentLine {
	lineRef?: string;
	sku: string;
	quantity: number;
}

interface Shipment {
	id: string;
	shippedAt: string;
	tracking: { number: string; company: string; url: string | null };
	lines: ShipmentLine[];
}

interface ShipmentRequest {
	id: string;
	externalRef: string;
	orderRef: string;
	status: 'received' | 'picking' | 'shipped' | 'partially_shipped' | 'cancelled';
	lines: ShipmentLine[];
	shipments: Shipment[];
	createdAt: string;
	updatedAt: string;
	[field: string]: unknown;
}

export interface ThreePlSeed {
	stock: Array<{ sku: string; warehouse: string; onHand: number; available?: number }>;
}

function shipmentRequest(db: ContractDatabase, id: string): ShipmentRequest {
	const request = db.get<ShipmentRequest>('shipmentRequest', id);
	if (!request) throw new ProblemError(404, 'Not found', `No shipment request ${id}`);
	return request;
}

function shippedQuantity(request: ShipmentRequest, sku: string): number {
	return request.shipments
		.flatMap((shipment) => shipment.lines)
		.filter((line) => line.sku === sku)
		.reduce((sum, line) => sum + line.quantity, 0);
}

const handlers: Record<string, Handler> = {
	createShipmentRequest: ({ db, body, now }) => {
		const input = body as Pick<ShipmentRequest, 'externalRef' | 'orderRef' | 'lines'>;
		const request: ShipmentRequest = {
			...input,
			id: db.nextNumber('shipmentRequest', 'SR'),
			status: 'received',
			shipments: [],
			createdAt: now,
			updatedAt: now,
		};
		db.insert('shipmentRequest', request.id, request.externalRef, request, now);
		return { status: 201, body: request };
	},
	listShipmentRequests: ({ db, query }) => {
		const orderRef = query.get('orderRef');
		const updatedSince = query.get('updatedSince');
		if (updatedSince && Number.isNaN(Date.parse(updatedSince))) {
			throw new ProblemError(400, 'Invalid request', 'updatedSince must be an ISO 8601 date-time');
		}
		return {
			status: 200,
			body: page<ShipmentRequest>(db, 'shipmentRequest', query, {
				externalRef: query.get('externalRef') ?? undefined,
				updatedSince: updatedSince ? new Date(updatedSince).toISOString() : undefined,
				where: orderRef ? (request) => request.orderRef === orderRef : undefined,
			}),
		};
	},
	getShipmentRequest: ({ db, params }) => ({ status: 200, body: shipmentRequest(db, params.id) }),
	cancelShipmentRequest: ({ db, params, now }) => {
		const request = shipmentRequest(db, params.id);
		if (request.status === 'cancelled') return { status: 200, body: request };
		if (request.status === 'shipped') {
			throw new ProblemError(
				409,
				'Already shipped',
				`${request.id} has shipped completely and cannot be cancelled`,
			);
		}
		const cancelled = { ...request, status: 'cancelled' as const, updatedAt: now };
		db.update('shipmentRequest', request.id, cancelled, now);
		return { status: 200, body: cancelled };
	},
	listStock: ({ db, query }) => {
		const sku = query.get('sku');
		return {
			status: 200,
			body: page<{ sku: string }>(db, 'stock', query, { where: (row) => !sku || row.sku === sku }),
		};
	},
};

const controls = {
	/** The warehouse ships lines (all remaining when none are named) under one tracking number. */
	'POST shipment-requests/{id}/ship': ({ db, params, body, now }: Parameters<Handler>[0]) => {
		const request = shipmentRequest(db, params.id);
		if (request.status === 'cancelled')
			throw new ProblemError(409, 'Cancelled', `${request.id} was cancelled`);
		const input = (body ?? {}) as {
			tracking?: Partial<Shipment['tracking']>;
			lines?: ShipmentLine[];
		};
		const lines =
			input.lines ??
			request.lines
				.map((line) => ({ ...line, quantity: line.quantity - shippedQuantity(request, line.sku) }))
				.filter((line) => line.quantity > 0);
		for (const line of lines) {
			const ordered = request.lines
				.filter((l) => l.sku === line.sku)
				.reduce((sum, l) => sum + l.quantity, 0);
			if (shippedQuantity(request, line.sku) + line.quantity > ordered) {
				throw new ProblemError(
					409,
					'Over-shipment',
					`${line.sku}: only ${ordered - shippedQuantity(request, line.sku)} left to ship`,
				);
			}
		}
		const number = input.tracking?.number ?? `TRK${String(Date.now()).slice(-9)}`;
		request.shipments.push({
			id: `${request.id}-S${request.shipments.length + 1}`,
			shippedAt: now,
			tracking: {
				number,
				company: input.tracking?.company ?? 'DHL',
				url: input.tracking?.url ?? `https://tracking.example/${number}`,
			},
			lines,
		});
		const complete = request.lines.every(
			(line) => shippedQuantity(request, line.sku) >= line.quantity,
		);
		request.status = complete ? 'shipped' : 'partially_shipped';
		request.updatedAt = now;
		db.update('shipmentRequest', request.id, request, now);
		return { status: 200, body: request };
	},
};

export type ThreePlServerOptions = Omit<
	ContractServerOptions,
	'tag' | 'handlers' | 'seed' | 'controls'
> & { seed?: ThreePlSeed };

export async function startThreePlServer(
	options: ThreePlServerOptions = {},
): Promise<ContractServer> {
	const server = new ContractServer({
		...options,
		tag: '3PL',
		handlers,
		controls,
		bearerTokens: options.bearerTokens ?? (options.basicUsers ? [] : ['3pl-sandbox-token']),
		seed: (db) => {
			const now = new Date().toISOString();
			for (const row of options.seed?.stock ?? []) {
				db.insert(
					'stock',
					`${row.sku}@${row.warehouse}`,
					null,
					{ available: row.onHand, ...row, updatedAt: now },
					now,
				);
			}
		},
	});
	await server.listen();
	return server;
}
