/**
 * Through n8n's engine: a verified delivery is recorded in the inbox before Shopify is answered;
 * its execution dies after the Dedupe Gate claimed it (as when a worker is killed); the
 * Redelivery Trigger re-drives it once the claim is free, and the re-driven run confirms the
 * claim and settles the delivery. One that never succeeds is given up and emitted on Given Up.
 */
import { Engine, type RunningTrigger } from '../../../harness';
import { embeddedLedgerConfig, getLedger, type Ledger } from '../../../core/ledger';
import { signWebhook } from '../../../sandbox/shopify/webhooks';
import { dropSchema, freshSchema, TEST_POSTGRES } from '../../support/ledgers';
import { until } from '../../support/until';
import { fixture, withParameters } from '../../support/workflows';

const SECRET = 'redelivery-secret';
const PATH = '6a2f0c11-7d3e-4c55-8f21-2b9e4a7c0d01/webhook';
const workflow = fixture(__dirname, 'redelivery');

describe('Redelivery Trigger: what a dead execution left is re-driven and settled', () => {
	let engine: Engine;
	let ledger: Ledger;
	let trigger: RunningTrigger | undefined;

	beforeAll(async () => {
		engine = await Engine.start({
			credentials: {
				Shop: {
					type: 'shopifyAdminApi',
					data: { shopDomain: 'http://127.0.0.1:9', accessToken: 'shpat_x', webhookSecret: SECRET },
				},
			},
		});
		ledger = await getLedger(embeddedLedgerConfig({ userFolder: engine.userFolder }));
	});

	afterEach(async () => await trigger?.close());

	const deliver = async (orderId: number, note: string, eventId: string) => {
		const body = JSON.stringify({
			id: orderId,
			admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
			name: `#${orderId}`,
			note,
		});
		const headers = {
			'x-shopify-topic': 'orders/create',
			'x-shopify-event-id': eventId,
			'x-shopify-hmac-sha256': signWebhook(body, SECRET),
		};
		return await engine.webhook(workflow, { path: PATH, headers, rawBody: body });
	};

	it('records the delivery before answering, re-drives it after its run died holding the claim, and the re-drive settles it', async () => {
		const call = await deliver(8101, '', 'event-8101');
		expect(call.response.statusCode).toBe(200);
		expect(call.execution?.status).toBe('error');
		const inboxId = call.execution!.output('Dedupe Gate')[0].inboxId as string;
		expect(await ledger.getDelivery(inboxId)).toMatchObject({
			state: 'accepted',
			claim: { namespace: 'shared:redelivery-test', key: '8101' },
		});

		trigger = await engine.startTrigger(workflow, 'Redelivery');
		const settled = await until('the delivery to be settled', async () => {
			const delivery = await ledger.getDelivery(inboxId);
			return delivery?.state === 'done' ? delivery : undefined;
		});
		expect(settled).toMatchObject({ outcome: 'confirmed', redrives: 1 });
		const [redriven] = await trigger.executions();
		expect(redriven.status).toBe('success');
		expect(redriven.output('Confirm Claim')[0]).toMatchObject({
			inboxId,
			redelivery: { attempt: 1, reason: "its claim's lease lapsed unconfirmed" },
			dedupe: { applied: true, state: 'confirmed' },
		});
		expect((await ledger.trail('shopify:order:8101')).map((event) => event.event)).toEqual([
			'inbox.accepted',
			'dedupe.new',
			'inbox.redriven',
			'dedupe.new',
		]);
		// Shopify delivers it once more: answered 200 without an execution, and on the trail.
		const repeat = await deliver(8101, '', 'event-8101');
		expect(repeat.response.statusCode).toBe(200);
		expect(repeat.execution).toBeUndefined();
		const trail = await ledger.trail('shopify:order:8101');
		expect(trail.at(-1)).toMatchObject({
			event: 'inbox.repeated',
			summary: expect.stringMatching(/again; answered without running the workflow/),
		});
		expect(await ledger.getDelivery(inboxId)).toMatchObject({ state: 'done', redrives: 1 });
	});

	it('gives a delivery up after the maximum re-drives and emits it on Given Up', async () => {
		const call = await deliver(8102, 'always-dies', 'event-8102');
		const inboxId = call.execution!.output('Dedupe Gate')[0].inboxId as string;
		trigger = await engine.startTrigger(workflow, 'Redelivery');
		const abandoned = await until('the delivery to be given up', async () => {
			const delivery = await ledger.getDelivery(inboxId);
			return delivery?.state === 'abandoned' ? delivery : undefined;
		});
		expect(abandoned.redrives).toBe(2);
		await until('the Given Up execution', async () =>
			(await trigger!.executions()).some((execution) =>
				execution.executedNodes.includes('Given Up'),
			)
				? true
				: undefined,
		);
		const givenUp = (await trigger.executions()).find((execution) =>
			execution.executedNodes.includes('Given Up'),
		)!;
		expect(givenUp.output('Given Up')[0]).toEqual({
			inboxId,
			entity: 'shopify:order:8102',
			reason: 're-driven 2 times and still not settled by its workflow',
			exception: expect.stringMatching(/^E-\d+$/),
		});
		expect(await ledger.listExceptions({ entity: 'shopify:order:8102' })).toEqual([
			expect.objectContaining({ kind: 'abandoned', state: 'open' }),
		]);
	});

	it('answers 503 when the ledger cannot record the delivery, so Shopify retries, and starts nothing', async () => {
		const broken = structuredClone(workflow);
		broken.nodes.find((node) => node.name === 'Shopify Orders')!.credentials!.orderflowLedgerApi = {
			id: '2',
			name: 'Unreachable Ledger',
		};
		engine.credentials.set('Unreachable Ledger', {
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
		const body = JSON.stringify({ id: 8103 });
		const call = await engine.webhook(broken, {
			path: PATH,
			headers: {
				'x-shopify-topic': 'orders/create',
				'x-shopify-event-id': 'e-8103',
				'x-shopify-hmac-sha256': signWebhook(body, SECRET),
			},
			rawBody: body,
		});
		expect(call.response.statusCode).toBe(503);
		expect(call.execution).toBeUndefined();
	});

	it('reports to n8n when the inbox cannot be swept three times in a row', async () => {
		const schema = freshSchema('redelivery');
		const onPostgres = structuredClone(workflow);
		onPostgres.nodes.find((node) => node.name === 'Redelivery')!.credentials = {
			orderflowLedgerApi: { id: '3', name: 'Test Ledger' },
		};
		engine.credentials.set('Test Ledger', {
			type: 'orderflowLedgerApi',
			data: { ...TEST_POSTGRES, ssl: 'disable', schema },
		});
		trigger = await engine.startTrigger(onPostgres, 'Redelivery');
		await dropSchema(schema); // the ledger's tables are gone: every sweep fails
		const [error] = await until('the trigger to report its failing sweeps', async () =>
			trigger!.errors.length > 0 ? trigger!.errors : undefined,
		);
		expect(error).toMatchObject({
			message: expect.stringMatching(/^The inbox could not be swept 3 times in a row/),
			description: expect.stringMatching(/ledger .* is reachable/),
		});
	});

	it('refuses to publish in queue mode without a shared ledger, saying what to set', async () => {
		const saved = {
			mode: process.env.EXECUTIONS_MODE,
			shared: process.env.ORDERFLOW_LEDGER_POSTGRES_URL,
		};
		process.env.EXECUTIONS_MODE = 'queue';
		delete process.env.ORDERFLOW_LEDGER_POSTGRES_URL;
		try {
			await expect(
				engine.activate(withParameters(workflow, 'Shopify Orders', {})),
			).rejects.toMatchObject({
				message: expect.stringMatching(
					/embedded SQLite ledger cannot be used in n8n queue mode \(EXECUTIONS_MODE is queue\)/,
				),
				description: expect.stringMatching(/ORDERFLOW_LEDGER_POSTGRES_URL/),
			});
			await expect(engine.startTrigger(workflow, 'Redelivery')).rejects.toMatchObject({
				message: expect.stringMatching(/queue mode/),
			});
		} finally {
			if (saved.mode === undefined) delete process.env.EXECUTIONS_MODE;
			else process.env.EXECUTIONS_MODE = saved.mode;
			if (saved.shared !== undefined) process.env.ORDERFLOW_LEDGER_POSTGRES_URL = saved.shared;
		}
	});
});
