import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Engine } from '../../../harness';
import { createRefund } from '../../../sandbox/shopify/domain/refunds';
import { restPayload } from '../../../sandbox/shopify/rest';
import { seededStore } from '../../../sandbox/shopify/seed';
import { startLocalServer, type LocalServer } from '../../support/http-server';
import { fixture, withParameters } from '../../support/workflows';

export const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36' };

/** refunds/create payloads as Shopify sends them: socks at 12.50 EUR, `quantities` per refund. */
export function refundPayloads(quantities: number[]): IDataObject[] {
	const store = seededStore();
	return quantities.map((quantity) => {
		const order = store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 10 }] });
		const refund = createRefund(store, { orderId: order.id, refundLineItems: [{ lineItemId: order.lineItems[0].id, quantity, restockType: 'NO_RESTOCK' }] });
		return restPayload(store, { topic: 'REFUNDS_CREATE', id: refund.id }) as IDataObject;
	});
}

/** A notification receiver: records what the node sent. */
export async function startReceiver(status = 200): Promise<LocalServer> {
	return await startLocalServer((_request, response) => {
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end('{"ok":true}');
	});
}

export function approvalWorkflow(parameters: INodeParameters) {
	return withParameters(fixture(__dirname, 'approval'), 'Approval Checkpoint', parameters);
}

/** The decision link from the last JSON notification the receiver got. */
export function linkFrom(receiver: LocalServer): string {
	const last = receiver.requests.at(-1);
	if (!last) throw new Error('no notification was sent');
	return (JSON.parse(last.body) as { url: string }).url;
}

export async function decide(engine: Engine, url: string, fields: Record<string, string>, headers: Record<string, string> = BROWSER) {
	return await engine.resumeByWebhook(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, rawBody: new URLSearchParams(fields).toString() });
}
