import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { decisionRequest, type Engine } from '../../../harness';
import { createRefund } from '../../../sandbox/shopify/domain/refunds';
import { restPayload } from '../../../sandbox/shopify/rest';
import { seededStore } from '../../../sandbox/shopify/seed';
import { startLocalServer, type LocalServer } from '../../support/http-server';
import { fixture, withParameters } from '../../support/workflows';

export const BROWSER = {
	'user-agent':
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
};

/** refunds/create payloads as Shopify sends them: socks at 12.50 EUR, `quantities` per refund. */
export function refundPayloads(quantities: number[]): IDataObject[] {
	const store = seededStore();
	return quantities.map((quantity) => {
		const order = store.createOrder({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 10 }] });
		const refund = createRefund(store, {
			orderId: order.id,
			refundLineItems: [{ lineItemId: order.lineItems[0].id, quantity, restockType: 'NO_RESTOCK' }],
		});
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

/** Named approvers as the node takes them. */
export function approvers(
	...people: Array<{
		name: string;
		contact?: string;
		webhookUrl?: string;
		rules?: string[];
		upTo?: string;
	}>
) {
	return { approver: people };
}

export const GRACE = { name: 'Grace Hopper', contact: 'grace@example.com' };
export const ADA = { name: 'Ada Lovelace', contact: 'ada@example.com' };

/** The approval fixture with these parameters; one named approver (Grace) unless they say otherwise. */
export function approvalWorkflow(parameters: INodeParameters) {
	return withParameters(fixture(__dirname, 'approval'), 'Approval Checkpoint', {
		approvers: approvers(GRACE),
		...parameters,
	});
}

export interface JsonNotice {
	title: string;
	url: string;
	requestId: string;
	quorum: number;
	to: { name: string; contact: string | null } | null;
	items: Array<{ title: string; rules: Array<{ rule: string; reason: string }> }>;
}

/** Every JSON notification the receiver got, in order. */
export function noticesFrom(receiver: LocalServer): JsonNotice[] {
	return receiver.requests.map((request) => JSON.parse(request.body) as JsonNotice);
}

/** The decision link of the last JSON notification (to this approver, when named). */
export function linkFrom(receiver: LocalServer, approver?: string): string {
	const notice = noticesFrom(receiver)
		.filter((candidate) => !approver || candidate.to?.name === approver)
		.at(-1);
	if (!notice)
		throw new Error(
			approver ? `no notification was sent to ${approver}` : 'no notification was sent',
		);
	return notice.url;
}

/** Where a link's page posts (the link without its fragment) and the signed values its fragment carries. */
export function linkParts(url: string): { target: string; fields: Record<string, string> } {
	const parsed = new URL(url);
	const fields = Object.fromEntries(new URLSearchParams(parsed.hash.slice(1)));
	parsed.hash = '';
	return { target: parsed.toString(), fields };
}

async function post(
	engine: Engine,
	url: string,
	fields: Record<string, string>,
	headers: Record<string, string>,
) {
	const { target, body } = decisionRequest(url, fields);
	return await engine.resumeByWebhook(target, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
		rawBody: body.toString(),
	});
}

/** What the browser does when the link's page opens: post the link's values to see the request. */
export async function view(engine: Engine, url: string, headers: Record<string, string> = BROWSER) {
	return await post(engine, url, { action: 'view' }, headers);
}

/** Submits the decision form of the link's page. */
export async function decide(
	engine: Engine,
	url: string,
	fields: Record<string, string>,
	headers: Record<string, string> = BROWSER,
) {
	return await post(engine, url, { action: 'decide', ...fields }, headers);
}
