/**
 * The support desk template, run by n8n's engine beside the order sync template: n8n's Webhook
 * node (Basic Auth) → Orderflow Ops (Support Desk → Serve Page) → Respond to Webhook. Support
 * finds an order by its name, reads its four-part story, and works what needs someone with
 * form posts that carry the page's token.
 */

import { defaultSqliteFile, getLedger, type Ledger } from '../../core/ledger';
import {
	orderRefOf,
	readTemplate,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	supportDesk,
	type DeskClient,
	type TemplateRig,
	type WorkflowJson,
} from '../../harness';

const LOGIN = { user: 'ada@example.com', password: 'desk-password' };
const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('support desk template', () => {
	let rig: TemplateRig;
	let ledger: Ledger;
	let desk: WorkflowJson;

	let client: DeskClient;

	beforeEach(async () => {
		rig = await startTemplate(
			'order-sync.json',
			['Report Exception', 'Address Change Approval', 'Report Address Decision'],
			{ erpIdempotencyHeader: '' },
		);
		client = supportDesk(rig.engine, LOGIN);
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
		desk = readTemplate('support-desk.json');
	});
	afterEach(async () => await rig.close());

	const get = async (query: Record<string, string> = {}, authorization?: string) =>
		authorization === undefined
			? await client.get(query)
			: await rig.engine.webhook(desk, {
					method: 'GET',
					path: 'support-desk',
					query,
					headers: { authorization },
				});
	const post = async (fields: Record<string, string>) => await client.post(fields);
	const unknownSkuOrder = async () => {
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'TOTE-NAT', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		return order;
	};

	it('asks who is there: no or wrong Basic Auth is refused by n8n’s Webhook node and shows nothing', async () => {
		expect((await get({}, '')).response.statusCode).toBe(401);
		const wrong = await get({}, basic(LOGIN.user, 'guess'));
		expect(wrong.response.statusCode).toBe(401);
		expect(wrong.execution).toBeUndefined();
		expect(wrong.response.body).not.toContain('Orderflow support desk');
	});

	it('without a search lists what waits for someone; a search by the order name shows its four-part story and its exception with buttons', async () => {
		const order = await unknownSkuOrder();
		const [exception] = await ledger.listExceptions({ entity: orderRefOf(order) });
		const landing = await get();
		expect(landing.response).toMatchObject({
			statusCode: 200,
			headers: expect.objectContaining({
				'content-type': 'text/html; charset=utf-8',
				'cache-control': 'no-store',
				'x-frame-options': 'DENY',
			}),
		});
		expect(landing.response.body).toContain(`<td>E-${exception.id}</td>`);

		const found = await get({ q: order.name });
		const html = found.response.body;
		expect(html).toContain(`data-entity="${orderRefOf(order)}"`);
		for (const part of ['event in', 'mapped to', 'what we did next'])
			expect(html).toContain(`data-part="${part}"`);
		expect(html).toContain('Not sent to the ERP: unknown SKU TOTE-NAT');
		expect(html).toContain(`data-exception="E-${exception.id}"`);
		for (const action of ['acknowledge', 'retry', 'resolve'])
			expect(html).toContain(`value="${action}"`);
		// Who acts defaults to the user n8n let in.
		expect(html).toContain(`name="by" value="${LOGIN.user}"`);
		expect(found.execution?.output('Answer Request')[0]).toMatchObject({ status: 200 });
	});

	it('acts only with the page’s token: a forged form changes nothing; a real one acknowledges, on the trail, and emits who did what', async () => {
		const order = await unknownSkuOrder();
		const [exception] = await ledger.listExceptions({ entity: orderRefOf(order) });
		const forged = await post({
			action: 'acknowledge',
			exception: `E-${exception.id}`,
			by: 'mallory',
			q: order.name,
			token: `${Date.now()}.forged`,
		});
		expect(forged.response.statusCode).toBe(403);
		expect(forged.response.body).toContain('Nothing was changed: the form carries no valid token');
		expect((await ledger.getException(exception.id))?.state).toBe('open');

		await get({ q: order.name });
		const acknowledged = await post({
			action: 'acknowledge',
			exception: `E-${exception.id}`,
			by: 'Ada Lovelace',
			q: order.name,
		});
		expect(acknowledged.response.statusCode).toBe(200);
		expect(acknowledged.response.body).toContain(`E-${exception.id} acknowledged by Ada Lovelace.`);
		expect(await ledger.getException(exception.id)).toMatchObject({
			state: 'acknowledged',
			acknowledgedBy: 'Ada Lovelace',
		});
		expect(acknowledged.execution?.output('Answer Request')[0]).toMatchObject({
			action: { action: 'acknowledge', by: 'Ada Lovelace', exception: `E-${exception.id}` },
		});
		// Resolving needs a note saying what was done: refused, nothing changed.
		const bare = await post({
			action: 'resolve',
			exception: `E-${exception.id}`,
			by: 'Ada Lovelace',
			note: '',
			q: order.name,
		});
		expect(bare.response.statusCode).toBe(409);
		expect(bare.response.body).toContain('Nothing was changed: say what was done in the note.');
	});

	it('an in-doubt write is resolved as applied from the page; the next run replays it, tags the order, and its exception resolves', async () => {
		await rig.erpCall('PUT', '/_control/faults', [
			{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 },
		]);
		const order = rig.shopify.store.createOrder({
			lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
			shippingAddress: ADDRESS,
		});
		await rig.settle();
		const [write] = await ledger.inDoubtWrites({ entity: orderRefOf(order) });
		const [booked] = await rig.salesOrders();
		const page = (await get({ q: order.name })).response.body;
		expect(page).toContain(`data-write="${write.key}"`);
		const resolved = await post({
			action: 'applied',
			scope: write.scope,
			key: write.key,
			record: JSON.stringify(booked),
			by: 'Ada Lovelace',
			note: `${String(booked.id)} is in the ERP`,
			q: order.name,
		});
		expect(resolved.response.body).toContain(
			`The write ${write.key} was resolved as applied by Ada Lovelace: kept as done; every later run replays it.`,
		);
		expect(resolved.response.body).not.toContain(`data-write="${write.key}"`);

		const replay = await rig.redeliver('orders/create');
		expect(replay.output('ERP Upsert Sales Order', 0)).toEqual([
			expect.objectContaining({
				erp: expect.objectContaining({ outcome: 'done', replayed: true }),
			}),
		]);
		expect(await rig.salesOrders()).toHaveLength(1);
		expect(rig.shopify.store.order(order.id)!.tags).toContain('erp-synced');
		const after = (await get({ q: order.name })).response.body;
		expect(after).toContain('Ada Lovelace resolved the in-doubt write');
		expect(after).toContain('Nothing waits for anyone.');
	});

	it('answers with a page saying the desk cannot reach the ledger, never an error in n8n’s words', async () => {
		const broken = structuredClone(desk);
		broken.nodes.find((node) => node.name === 'Answer Request')!.credentials = {
			orderflowLedgerApi: { id: '9', name: 'Unreachable Ledger' },
		};
		rig.engine.credentials.set('Unreachable Ledger', {
			type: 'orderflowLedgerApi',
			data: {
				host: '127.0.0.1',
				port: 9,
				database: 'x',
				user: 'x',
				password: '',
				ssl: 'disable',
				schema: 'x',
			},
		});
		const answer = await rig.engine.webhook(broken, {
			method: 'GET',
			path: 'support-desk',
			headers: { authorization: basic(LOGIN.user, LOGIN.password) },
		});
		expect(answer.response.statusCode).toBe(503);
		expect(answer.response.body).toContain('The support desk cannot reach the Orderflow ledger');
	});
});
