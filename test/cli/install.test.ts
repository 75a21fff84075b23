/**
 * The installer's own logic: what it reads from flags, environment and file, how a template is
 * made a store's copy, and that an install checks everything before it writes. The install
 * against a real n8n is in `npm run test:n8n` (scripts/n8n/install-e2e.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { install, type TriggerProbe } from '../../cli/install/install';
import type {
	CredentialSummary,
	N8nPublicApi,
	WorkflowBody,
	WorkflowSummary,
} from '../../cli/install/n8n-api';
import { InstallError, readSettings, type InstallSettings } from '../../cli/install/settings';
import {
	ALERT_PLACEHOLDER,
	availableTemplates,
	loadTemplate,
	prepareTemplate,
	selectTemplates,
} from '../../cli/install/templates';

const BASE = ['--n8n-url', 'https://n8n.example.com/', '--api-key', 'key-1'];
const COMPLETE_ENV = {
	ORDERFLOW_SHOPIFY_DOMAIN: 'north.myshopify.com',
	ORDERFLOW_SHOPIFY_TOKEN: 'shpat_north',
	ORDERFLOW_SHOPIFY_WEBHOOK_SECRET: 'north-secret',
	ORDERFLOW_ERP_URL: 'https://erp.example.com',
	ORDERFLOW_ERP_TOKEN: 'erp-token',
	ORDERFLOW_WMS_URL: 'https://wms.example.com',
	ORDERFLOW_WMS_TOKEN: 'wms-token',
	ORDERFLOW_3PL_URL: 'https://3pl.example.com',
	ORDERFLOW_3PL_TOKEN: '3pl-token',
	ORDERFLOW_DESK_USER: 'desk',
	ORDERFLOW_DESK_PASSWORD: 'desk-password',
};

function settings(argv: string[], env: NodeJS.ProcessEnv = {}): InstallSettings {
	const read = readSettings([...BASE, ...argv], env);
	if (read === 'help') throw new Error('help');
	return read;
}

/** n8n's public API as the installer sees it, kept in memory, every write counted. */
class ApiInMemory {
	readonly stored = {
		credentials: [] as Array<CredentialSummary & { data: Record<string, string> }>,
		workflows: [] as Array<WorkflowSummary & WorkflowBody>,
	};
	writes = 0;
	private nextId = 1;

	async credentials(): Promise<CredentialSummary[]> {
		return this.stored.credentials.map(({ id, name, type }) => ({ id, name, type }));
	}
	async createCredential(body: {
		name: string;
		type: string;
		data: Record<string, string>;
	}): Promise<CredentialSummary> {
		this.writes++;
		const credential = { id: `c${this.nextId++}`, ...body };
		this.stored.credentials.push(credential);
		return credential;
	}
	async updateCredential(
		id: string,
		body: { name: string; type: string; data: Record<string, string> },
	): Promise<CredentialSummary> {
		this.writes++;
		const credential = this.stored.credentials.find((entry) => entry.id === id)!;
		Object.assign(credential, body);
		return credential;
	}
	async workflowsNamed(name: string): Promise<WorkflowSummary[]> {
		return this.stored.workflows.filter((workflow) => workflow.name === name);
	}
	async createWorkflow(body: WorkflowBody): Promise<WorkflowSummary> {
		this.writes++;
		const workflow = { id: `w${this.nextId++}`, active: false, ...body } as WorkflowSummary &
			WorkflowBody;
		this.stored.workflows.push(workflow);
		return workflow;
	}
	async updateWorkflow(id: string, body: WorkflowBody): Promise<WorkflowSummary> {
		this.writes++;
		const workflow = this.stored.workflows.find((entry) => entry.id === id)!;
		Object.assign(workflow, body);
		return workflow;
	}
	async publishWorkflow(id: string): Promise<WorkflowSummary> {
		this.writes++;
		const workflow = this.stored.workflows.find((entry) => entry.id === id)!;
		workflow.active = true;
		return workflow;
	}
}

/** Every trigger live, unless the test says which are not. */
async function run(
	api: ApiInMemory,
	argv: string[],
	env: NodeJS.ProcessEnv = COMPLETE_ENV,
	probe: TriggerProbe = async () => [],
): Promise<string[]> {
	const lines: string[] = [];
	await install(
		settings(argv, env),
		api as unknown as N8nPublicApi,
		(line) => lines.push(line),
		probe,
	);
	return lines;
}

describe('installer settings', () => {
	it('takes flags over the environment, and the environment over the credentials file', () => {
		const file = path.join(
			mkdtempSync(path.join(tmpdir(), 'orderflow-install-')),
			'credentials.json',
		);
		writeFileSync(
			file,
			JSON.stringify({
				erp: { baseUrl: 'https://file.example.com', token: 'file-token', authentication: 'bearer' },
				desk: { user: 'from-file' },
			}),
		);
		const read = settings(['--credentials-file', file, '--erp-url=https://flag.example.com'], {
			ORDERFLOW_ERP_TOKEN: 'env-token',
		});
		expect(read.credentials.erp).toEqual({
			baseUrl: 'https://flag.example.com',
			token: 'env-token',
			authentication: 'bearer',
		});
		expect(read.credentials.desk).toEqual({ user: 'from-file' });
		expect(read.n8nUrl).toBe('https://n8n.example.com');
	});

	it('refuses what it cannot use, saying what to give instead', () => {
		expect(() => readSettings(['--api-key', 'k'], {})).toThrow(/--n8n-url/);
		expect(() => readSettings(['--n8n-url', 'https://n8n.example.com'], {})).toThrow(
			/Settings → n8n API/,
		);
		expect(() => settings(['--store', 'North Shop'])).toThrow(
			/lower-case letters, digits and dashes/,
		);
		expect(() => settings(['--stores', 'north'])).toThrow(/Unknown option --stores/);
		expect(() => settings(['--alert-url', 'slack'])).toThrow(/not an http\(s\) URL/);
		expect(() => settings(['--erp-url'])).toThrow(/--erp-url needs a value/);
		const file = path.join(
			mkdtempSync(path.join(tmpdir(), 'orderflow-install-')),
			'credentials.json',
		);
		writeFileSync(file, JSON.stringify({ netsuite: {} }));
		expect(() => settings(['--credentials-file', file])).toThrow(
			/names netsuite; it may hold shopify, erp, wms, 3pl, desk/,
		);
		expect(() =>
			selectTemplates(settings(['--templates', 'order-sync, nope.json']).templates),
		).toThrow(/No template named nope\. Templates: error-workflow, inventory-push/);
	});
});

describe('a template made a store’s copy', () => {
	const credentials = new Map([
		['orderflow-shopify', { id: '11', name: 'Shopify Admin API · north' }],
		['orderflow-erp', { id: '12', name: 'ERP · north' }],
		['orderflow-wms', { id: '13', name: 'In-house WMS · north' }],
		['orderflow-3pl', { id: '14', name: '3PL · north' }],
		['orderflow-support-desk', { id: '15', name: 'Support Desk Login · north' }],
	]);

	it('links every credential of every template to the installed one', () => {
		const links = availableTemplates().flatMap((id) =>
			prepareTemplate(loadTemplate(id), { store: 'north', credentials }).nodes.flatMap((node) =>
				Object.values(node.credentials ?? {}),
			),
		);
		expect(links.length).toBeGreaterThanOrEqual(36);
		expect(
			links.every((link) =>
				[...credentials.values()].some(
					(installed) => installed.id === link.id && installed.name === link.name,
				),
			),
		).toBe(true);
	});

	it('gives each store its own webhook ids and paths, the same on every install', () => {
		const hooks = (store: string) =>
			availableTemplates().flatMap((id) =>
				prepareTemplate(loadTemplate(id), { store, credentials })
					.nodes.filter((node) => node.webhookId)
					.map((node) => `${node.webhookId} ${String(node.parameters.path ?? '')}`),
			);
		const north = hooks('north');
		const south = hooks('south');
		expect(north.length).toBeGreaterThanOrEqual(5);
		expect(new Set([...north, ...south]).size).toBe(north.length + south.length);
		expect(hooks('north')).toEqual(north);
		expect(north).toContainEqual(expect.stringMatching(/ support-desk-north$/));
		const form = prepareTemplate(loadTemplate('refund-request'), {
			store: 'north',
			credentials,
		}).nodes.find((node) => node.type === 'n8n-nodes-base.formTrigger')!;
		expect(form.parameters.options).toMatchObject({ path: 'refund-request-north' });
		const original = availableTemplates().flatMap((id) =>
			loadTemplate(id)
				.nodes.filter((node) => node.webhookId)
				.map((node) => node.webhookId),
		);
		expect(north.some((hook) => original.some((id) => hook.startsWith(`${id} `)))).toBe(false);
	});

	it('sets the alert URL everywhere the placeholder was, and names the error workflow', () => {
		const body = prepareTemplate(loadTemplate('order-sync'), {
			store: 'north',
			credentials,
			alertUrl: 'https://alerts.example.com/in',
			errorWorkflowId: 'w9',
		});
		expect(JSON.stringify(body)).not.toContain(ALERT_PLACEHOLDER);
		expect(JSON.stringify(body)).toContain('https://alerts.example.com/in');
		expect(body.settings.errorWorkflow).toBe('w9');
		expect(body.name).toBe('Orderflow — Order sync (Shopify → ERP) · north');
		expect(
			prepareTemplate(loadTemplate('error-workflow'), { credentials, errorWorkflowId: 'w9' })
				.settings.errorWorkflow,
		).toBeUndefined();
	});
});

describe('install', () => {
	it('writes nothing when a credential the templates need has no values, and names the flags to give', async () => {
		const api = new ApiInMemory();
		const incomplete = { ...COMPLETE_ENV, ORDERFLOW_ERP_TOKEN: '', ORDERFLOW_DESK_PASSWORD: '' };
		await expect(run(api, ['--store', 'north'], incomplete)).rejects.toThrow(
			/Nothing was installed[\s\S]*ERP's token: --erp-url \/ ORDERFLOW_ERP_URL, --erp-token[\s\S]*support desk login's password/,
		);
		expect(api.writes).toBe(0);
	});

	it('installs every template linked to the store’s credentials, then updates them in place on a re-run', async () => {
		const api = new ApiInMemory();
		const first = await run(api, ['--store', 'north', '--publish']);
		expect(api.stored.workflows).toHaveLength(availableTemplates().length);
		expect(api.stored.credentials.map((credential) => credential.name).sort()).toEqual([
			'3PL · north',
			'ERP · north',
			'In-house WMS · north',
			'Shopify Admin API · north',
			'Support Desk Login · north',
		]);
		const errorWorkflow = api.stored.workflows.find((workflow) =>
			workflow.name.startsWith('Orderflow — Error workflow'),
		)!;
		const flows = api.stored.workflows.filter((workflow) => workflow !== errorWorkflow);
		expect(
			flows.every(
				(workflow) => workflow.active && workflow.settings.errorWorkflow === errorWorkflow.id,
			),
		).toBe(true);
		expect(errorWorkflow.active).toBe(false);
		expect(first.join('\n')).toContain('note: alerts still point at the placeholder');

		const ids = api.stored.workflows.map((workflow) => workflow.id);
		const again = await run(api, [
			'--store',
			'north',
			'--alert-url',
			'https://alerts.example.com/in',
		]);
		expect(api.stored.workflows.map((workflow) => workflow.id)).toEqual(ids);
		expect(api.stored.credentials).toHaveLength(5);
		expect(again.filter((line) => / updated: /.test(line))).toHaveLength(ids.length + 5);
		expect(JSON.stringify(api.stored.workflows)).not.toContain(ALERT_PLACEHOLDER);

		await run(api, ['--store', 'south', '--templates', 'order-sync,error-workflow']);
		expect(api.stored.workflows).toHaveLength(ids.length + 2);
		const south = api.stored.workflows.find(
			(workflow) => workflow.name === 'Orderflow — Order sync (Shopify → ERP) · south',
		)!;
		const southError = api.stored.workflows.find(
			(workflow) => workflow.name === 'Orderflow — Error workflow · south',
		)!;
		expect(south.settings.errorWorkflow).toBe(southError.id);
	});

	it('keeps a credential that exists when no values are given for it, and never prints a secret', async () => {
		const api = new ApiInMemory();
		await run(api, ['--store', 'north']);
		const lines = await run(api, ['--store', 'north', '--templates', 'support-desk'], {});
		expect(lines).toContainEqual(
			expect.stringMatching(
				/credential "Support Desk Login · north" \(httpBasicAuth\) kept as it is/,
			),
		);
		const secrets = Object.entries(COMPLETE_ENV)
			.filter(([name]) => /TOKEN|SECRET|PASSWORD/.test(name))
			.map(([, value]) => value);
		const printed = [...(await run(api, ['--store', 'north'])), ...lines].join('\n');
		expect(secrets.filter((secret) => printed.includes(secret))).toEqual([]);
	});

	it('refuses, before writing, when two workflows already carry a name it would update', async () => {
		const api = new ApiInMemory();
		await run(api, ['--store', 'north', '--templates', 'order-sync']);
		const copy = api.stored.workflows[0];
		api.stored.workflows.push({ ...copy, id: 'w-copy' });
		const writes = api.writes;
		await expect(run(api, ['--store', 'north', '--templates', 'order-sync'])).rejects.toThrow(
			InstallError,
		);
		await expect(run(api, ['--store', 'north', '--templates', 'order-sync'])).rejects.toThrow(
			/2 workflows are named .* archive or rename all but one/,
		);
		expect(api.writes).toBe(writes);
	});

	it('reports a published workflow whose trigger n8n could not activate, naming the trigger, and fails the install', async () => {
		const api = new ApiInMemory();
		const probe: TriggerProbe = async (webhookUrl, nodes) =>
			nodes
				.filter((node) => node.type === 'n8n-nodes-orderflow.shopifyTrigger')
				.map((node) => ({
					node: node.name,
					url: `${webhookUrl}/webhook/${node.webhookId}/webhook`,
					answer: '404',
				}));
		const lines: string[] = [];
		const outcome = await install(
			settings(
				['--store', 'north', '--publish', '--webhook-url', 'https://hooks.example.com'],
				COMPLETE_ENV,
			),
			api as unknown as N8nPublicApi,
			(line) => lines.push(line),
			probe,
		);
		expect(outcome.failures).toBe(3);
		expect(lines).toContainEqual(
			expect.stringMatching(
				/^workflow "Orderflow — Order sync \(Shopify → ERP\) · north" published, but its trigger "Shopify Orders" is not live \(404 at https:\/\/hooks\.example\.com\/webhook\/[0-9a-f-]+\/webhook\)/,
			),
		);
		expect(lines).toContainEqual('workflow "Orderflow — Support desk · north" published');
	});

	it('describes a dry run and changes nothing', async () => {
		const api = new ApiInMemory();
		const lines = await run(api, ['--store', 'north', '--dry-run', '--publish']);
		expect(lines.filter((line) => line.startsWith('would create workflow'))).toHaveLength(
			availableTemplates().length,
		);
		expect(lines.filter((line) => line.endsWith('and publish it'))).toHaveLength(
			availableTemplates().length - 1,
		);
		expect(api.writes).toBe(0);
	});

	it('installs in shadow with --shadow (writes withheld, Shopify writes off, each named), and a re-run without it switches the same workflows live', async () => {
		const api = new ApiInMemory();
		const lines = await run(api, ['--store', 'north', '--templates', 'order-sync', '--shadow']);
		expect(lines).toContainEqual(
			'  shadow: writes recorded in the ledger, not sent: ERP Cancel Sales Order, ERP Upsert Sales Order',
		);
		expect(lines).toContainEqual('  shadow: Shopify writes switched off: Tag Order Synced');
		type StoredNode = {
			name: string;
			disabled?: boolean;
			parameters: { options?: { shadow?: boolean } };
		};
		const node = (name: string) =>
			(api.stored.workflows[0].nodes as StoredNode[]).find((candidate) => candidate.name === name)!;
		expect(node('ERP Upsert Sales Order').parameters.options).toMatchObject({ shadow: true });
		expect(node('Tag Order Synced').disabled).toBe(true);
		expect(node('ERP Booked Address').parameters.options?.shadow).toBeUndefined();
		const id = api.stored.workflows[0].id;

		await run(api, ['--store', 'north', '--templates', 'order-sync']);
		expect(api.stored.workflows.map((workflow) => workflow.id)).toEqual([id]);
		expect(node('ERP Upsert Sales Order').parameters.options?.shadow).toBeUndefined();
		expect(node('Tag Order Synced').disabled).toBeUndefined();
		expect(
			(
				await run(api, ['--store', 'north', '--templates', 'order-sync', '--shadow', '--dry-run'])
			).join('\n'),
		).toContain(
			`would update workflow ${id} "Orderflow — Order sync (Shopify → ERP) · north" in shadow`,
		);
	});
});
