/**
 * The error-workflow template, run by n8n's engine with what n8n's Error Trigger hands over when a
 * workflow set to use it fails: the failed execution becomes an exception (kind errored), counted
 * by the health check, and is alerted naming it and linking the execution.
 */
import { defaultSqliteFile, getLedger, type Ledger } from '../../core/ledger';
import { startTemplate, type TemplateRig } from '../../harness';

/** n8n's Error Trigger item for an execution of the order sync that failed at Tag Order Synced. */
const failure = (id: number) => ({
	execution: {
		id: String(id),
		url: `https://n8n.example.com/workflow/wf-sync/executions/${id}`,
		error: { message: 'Shopify answered 401: the access token was revoked', stack: '…' },
		lastNodeExecuted: 'Tag Order Synced',
		mode: 'webhook',
	},
	workflow: { id: 'wf-sync', name: 'Orderflow — Order sync (Shopify → ERP)' },
});

describe('error workflow template', () => {
	let rig: TemplateRig;
	let ledger: Ledger;

	beforeEach(async () => {
		rig = await startTemplate('error-workflow.json', ['Alert']);
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: rig.engine.userFolder }),
		});
	});
	afterEach(async () => await rig.close());

	const run = async (id: number) =>
		await rig.engine.execute(rig.workflow, { startNode: 'Workflow Failed', items: [failure(id)] });

	it('records a failed execution as an exception (errored), names it in the alert with the execution’s link, and counts a repeat on it', async () => {
		expect((await run(812)).status).toBe('success');
		const [exception] = await ledger.listExceptions({ kind: 'errored' });
		expect(exception).toMatchObject({
			entity: 'workflow:wf-sync',
			workflowId: 'wf-sync',
			node: 'Tag Order Synced',
			executionId: '812',
			state: 'open',
			reason:
				'Execution 812 of “Orderflow — Order sync (Shopify → ERP)” failed at Tag Order Synced: Shopify answered 401: the access token was revoked',
			action: expect.stringMatching(
				/^Open the execution \(https:\/\/n8n\.example\.com\/workflow\/wf-sync\/executions\/812\)/,
			),
		});
		expect(rig.sent('Alert')).toEqual([
			expect.objectContaining({
				exception: `E-${exception.id}`,
				text: expect.stringMatching(
					new RegExp(
						`^Orderflow: execution 812 of “Orderflow — Order sync \\(Shopify → ERP\\)” failed at Tag Order Synced \\(E-${exception.id}\\): Shopify answered 401`,
					),
				),
			}),
		]);
		await run(813);
		expect(await ledger.listExceptions({ kind: 'errored' })).toEqual([
			expect.objectContaining({ id: exception.id, timesSeen: 2, executionId: '813' }),
		]);
	});
});
