/** Returns: the lines to return or process, chosen by SKU or id like everywhere else. */
import type { ShopifyAdminClient } from './client';
import {
	RETURN_CREATE_MUTATION,
	RETURN_PROCESS_MUTATION,
	RETURN_QUERY,
	RETURNABLE_LINES_QUERY,
} from './documents/returns';
import { LineSpecError, parseLineSpec, resolveLines, type CandidateLine } from './line-spec';
import { assertNoUserErrors } from './user-errors';

type Json = Record<string, unknown>;

interface FulfillmentLine {
	id: string;
	quantity: number;
	lineItem: { id: string; sku: string | null };
}

export async function createReturn(
	client: ShopifyAdminClient,
	input: { orderId: string; lines: string; reasonNote?: string; notifyCustomer?: boolean },
): Promise<Json> {
	const { order } = await client.request<{
		order: {
			name: string;
			fulfillments: Array<{ fulfillmentLineItems: { nodes: FulfillmentLine[] } }>;
		} | null;
	}>(RETURNABLE_LINES_QUERY, { id: input.orderId });
	if (!order) throw new LineSpecError(`Shopify has no order ${input.orderId}`);
	const candidates: CandidateLine[] = order.fulfillments.flatMap((fulfillment) =>
		fulfillment.fulfillmentLineItems.nodes.map((line) => ({
			id: line.id,
			sku: line.lineItem.sku,
			available: line.quantity,
		})),
	);
	if (candidates.length === 0)
		throw new LineSpecError(
			`Order ${order.name} has nothing fulfilled yet, so nothing can be returned`,
		);
	const refs =
		input.lines.trim() === ''
			? candidates.map((line) => ({ ref: line.id }))
			: parseLineSpec(input.lines);
	const returnLineItems = resolveLines(refs, candidates, `Order ${order.name}`).map(
		({ id, quantity }) => ({
			fulfillmentLineItemId: id,
			quantity,
			...(input.reasonNote ? { returnReasonNote: input.reasonNote } : {}),
		}),
	);
	const result = await client.request<{ returnCreate: Json }>(RETURN_CREATE_MUTATION, {
		returnInput: {
			orderId: input.orderId,
			returnLineItems,
			notifyCustomer: input.notifyCustomer ?? false,
		},
	});
	return assertNoUserErrors('returnCreate', result.returnCreate).return as Json;
}

export async function fetchReturn(client: ShopifyAdminClient, id: string): Promise<Json> {
	const { return: found } = await client.request<{ return: Json | null }>(RETURN_QUERY, { id });
	if (!found) throw new LineSpecError(`Shopify has no return ${id}`);
	return found;
}

export async function processReturn(
	client: ShopifyAdminClient,
	input: { returnId: string; lines: string; note?: string },
): Promise<Json> {
	const found = await fetchReturn(client, input.returnId);
	const lines = (
		found.returnLineItems as {
			nodes: Array<{
				id: string;
				quantity: number;
				fulfillmentLineItem?: { lineItem?: { sku: string | null } };
			}>;
		}
	).nodes;
	const candidates: CandidateLine[] = lines.map((line) => ({
		id: line.id,
		sku: line.fulfillmentLineItem?.lineItem?.sku ?? null,
		available: line.quantity,
	}));
	const refs =
		input.lines.trim() === ''
			? candidates.map((line) => ({ ref: line.id }))
			: parseLineSpec(input.lines);
	const returnLineItems = resolveLines(refs, candidates, `Return ${String(found.name)}`);
	const result = await client.request<{ returnProcess: Json }>(RETURN_PROCESS_MUTATION, {
		input: {
			returnId: input.returnId,
			returnLineItems,
			...(input.note ? { note: input.note } : {}),
		},
	});
	return assertNoUserErrors('returnProcess', result.returnProcess).return as Json;
}
