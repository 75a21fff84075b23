/**
 * The install itself: everything is checked before anything is written (every credential value
 * the chosen templates need, no two workflows under one name), then credentials are created or
 * updated, workflows created or updated by name, and, when asked, published. Re-running it
 * finds what the last run made and updates it in place.
 */
import type { CredentialSummary, N8nPublicApi, WorkflowSummary } from './n8n-api';
import { InstallError, type InstallSettings } from './settings';
import { shadowChange } from './shadow';
import { CREDENTIAL_SLOTS, slotByTemplateId, type CredentialSlot } from './slots';
import {
	ALERT_PLACEHOLDER,
	credentialIdsOf,
	ERROR_WORKFLOW,
	prepareTemplate,
	selectTemplates,
	storeWorkflowName,
	webhookUrls,
	type Template,
	type TemplateNode,
} from './templates';
import { deadTriggers, type DeadTrigger } from './trigger-probe';

interface CredentialPlan {
	slot: CredentialSlot;
	name: string;
	existing?: CredentialSummary;
	/** The values to write; absent when an existing credential is kept as it is. */
	data?: Record<string, string>;
}

interface WorkflowPlan {
	template: Template;
	name: string;
	existing?: WorkflowSummary;
}

export interface InstallOutcome {
	workflows: Array<{
		template: string;
		id: string;
		name: string;
		published: boolean;
		nodes: TemplateNode[];
	}>;
	failures: number;
}

function slotsNeeded(templates: Template[]): CredentialSlot[] {
	const ids = new Set(templates.flatMap(credentialIdsOf));
	const unknown = [...ids].filter((id) => !slotByTemplateId(id));
	if (unknown.length)
		throw new InstallError(
			`The templates link credentials this installer does not know: ${unknown.join(', ')}`,
		);
	return CREDENTIAL_SLOTS.filter((slot) => ids.has(slot.templateId));
}

function howToGive(slot: CredentialSlot): string {
	return `${slot.fields.map((field) => `${field.flag} / ${field.env}`).join(', ')}, or "${slot.key}" in the credentials file`;
}

async function planCredentials(
	settings: InstallSettings,
	api: N8nPublicApi,
	slots: CredentialSlot[],
): Promise<CredentialPlan[]> {
	const existing = await api.credentials();
	const problems: string[] = [];
	const plans = slots.map((slot): CredentialPlan => {
		const name = storeWorkflowName(slot.name, settings.store);
		const found = existing.find(
			(credential) => credential.name === name && credential.type === slot.type,
		);
		const given = settings.credentials[slot.key];
		if (!Object.keys(given).length) {
			if (!found)
				problems.push(
					`"${name}" does not exist in n8n yet and no values were given for it: ${howToGive(slot)}`,
				);
			return { slot, name, existing: found };
		}
		const data = { ...slot.defaults, ...given };
		const gaps = slot.missing(data);
		if (gaps.length) problems.push(`"${name}" is missing ${gaps.join(', ')}: ${howToGive(slot)}`);
		return { slot, name, existing: found, data };
	});
	if (problems.length)
		throw new InstallError(
			`Nothing was installed. Credentials the templates need:\n  - ${problems.join('\n  - ')}`,
		);
	return plans;
}

async function planWorkflows(
	settings: InstallSettings,
	api: N8nPublicApi,
	templates: Template[],
): Promise<WorkflowPlan[]> {
	const plans: WorkflowPlan[] = [];
	for (const template of templates) {
		const name = storeWorkflowName(template.name, settings.store);
		const found = await api.workflowsNamed(name);
		if (found.length > 1)
			throw new InstallError(
				`Nothing was installed: ${found.length} workflows are named "${name}" (ids ${found.map((workflow) => workflow.id).join(', ')}); archive or rename all but one, and run the install again`,
			);
		plans.push({ template, name, existing: found[0] });
	}
	// The error workflow first: the others name it in their settings.
	return plans.sort(
		(a, b) => Number(b.template.id === ERROR_WORKFLOW) - Number(a.template.id === ERROR_WORKFLOW),
	);
}

async function writeCredentials(
	api: N8nPublicApi,
	plans: CredentialPlan[],
	say: (line: string) => void,
): Promise<Map<string, { id: string; name: string }>> {
	const installed = new Map<string, { id: string; name: string }>();
	for (const plan of plans) {
		let credential = plan.existing;
		if (plan.data) {
			const body = { name: plan.name, type: plan.slot.type, data: plan.data };
			credential = plan.existing
				? await api.updateCredential(plan.existing.id, body)
				: await api.createCredential(body);
			say(
				`credential "${plan.name}" (${plan.slot.type}) ${plan.existing ? 'updated' : 'created'}: ${credential.id}`,
			);
		} else {
			say(`credential "${plan.name}" (${plan.slot.type}) kept as it is: ${plan.existing!.id}`);
		}
		installed.set(plan.slot.templateId, { id: credential!.id, name: plan.name });
	}
	return installed;
}

async function errorWorkflowOf(
	settings: InstallSettings,
	api: N8nPublicApi,
): Promise<string | undefined> {
	const [existing] = await api.workflowsNamed(
		storeWorkflowName(selectTemplates([ERROR_WORKFLOW])[0].name, settings.store),
	);
	return existing?.id;
}

function describePlan(
	settings: InstallSettings,
	credentials: CredentialPlan[],
	workflows: WorkflowPlan[],
	say: (line: string) => void,
): void {
	for (const plan of credentials)
		say(
			`would ${plan.data ? (plan.existing ? 'update' : 'create') : 'keep'} credential "${plan.name}" (${plan.slot.type})`,
		);
	for (const plan of workflows) {
		say(
			`would ${plan.existing ? `update workflow ${plan.existing.id}` : 'create workflow'} "${plan.name}"${settings.shadow ? ' in shadow' : ''}${settings.publish && plan.template.id !== ERROR_WORKFLOW ? ' and publish it' : ''}`,
		);
		if (settings.shadow) sayShadow(plan.template.nodes, say);
	}
}

/** Which nodes of a workflow a shadow install changes, and how. */
function sayShadow(nodes: TemplateNode[], say: (line: string) => void): void {
	const named = (change: string) =>
		nodes.filter((node) => shadowChange(node) === change).map((node) => node.name);
	const withheld = named('withheld');
	const off = named('switched off');
	if (withheld.length)
		say(`  shadow: writes recorded in the ledger, not sent: ${withheld.join(', ')}`);
	if (off.length) say(`  shadow: Shopify writes switched off: ${off.join(', ')}`);
}

/** How the install asks whether a published workflow's triggers took (replaced in unit tests, which run no n8n). */
export type TriggerProbe = (webhookUrl: string, nodes: TemplateNode[]) => Promise<DeadTrigger[]>;

export async function install(
	settings: InstallSettings,
	api: N8nPublicApi,
	say: (line: string) => void,
	probe: TriggerProbe = deadTriggers,
): Promise<InstallOutcome> {
	const templates = selectTemplates(settings.templates);
	const credentialPlans = await planCredentials(settings, api, slotsNeeded(templates));
	const workflowPlans = await planWorkflows(settings, api, templates);
	const outcome: InstallOutcome = { workflows: [], failures: 0 };
	if (settings.dryRun) {
		describePlan(settings, credentialPlans, workflowPlans, say);
		return outcome;
	}
	const credentials = await writeCredentials(api, credentialPlans, say);
	let errorWorkflowId = templates.some((template) => template.id === ERROR_WORKFLOW)
		? undefined
		: await errorWorkflowOf(settings, api);
	for (const plan of workflowPlans) {
		const body = prepareTemplate(plan.template, {
			store: settings.store,
			credentials,
			alertUrl: settings.alertUrl,
			errorWorkflowId,
			shadow: settings.shadow,
		});
		const workflow = plan.existing
			? await api.updateWorkflow(plan.existing.id, body)
			: await api.createWorkflow(body);
		if (plan.template.id === ERROR_WORKFLOW) errorWorkflowId = workflow.id;
		say(`workflow "${plan.name}" ${plan.existing ? 'updated' : 'created'}: ${workflow.id}`);
		for (const hook of webhookUrls(settings.webhookUrl, body.nodes))
			say(`  ${hook.node}: ${hook.url}`);
		if (settings.shadow) sayShadow(plan.template.nodes, say);
		outcome.workflows.push({
			template: plan.template.id,
			id: workflow.id,
			name: plan.name,
			published: false,
			nodes: body.nodes,
		});
	}
	if (settings.publish)
		outcome.failures += await publishAll(api, outcome, say, settings.webhookUrl, probe);
	if (
		!settings.alertUrl &&
		workflowPlans.some((plan) => JSON.stringify(plan.template.nodes).includes(ALERT_PLACEHOLDER))
	) {
		say(
			`note: alerts still point at the placeholder ${ALERT_PLACEHOLDER}; give --alert-url (a Slack incoming webhook or any JSON endpoint) or set them in each workflow`,
		);
	}
	return outcome;
}

/** Publishes every installed workflow but the error workflow (an Error Trigger runs unpublished). */
async function publishAll(
	api: N8nPublicApi,
	outcome: InstallOutcome,
	say: (line: string) => void,
	webhookUrl: string,
	probe: TriggerProbe,
): Promise<number> {
	let failures = 0;
	for (const workflow of outcome.workflows) {
		if (workflow.template === ERROR_WORKFLOW) continue;
		try {
			await api.publishWorkflow(workflow.id);
			workflow.published = true;
		} catch (error) {
			failures++;
			say(`workflow "${workflow.name}" NOT published: ${(error as Error).message}`);
		}
	}
	// n8n activates triggers in the background and calls a workflow published even when one failed.
	const published = outcome.workflows.filter((candidate) => candidate.published);
	const dead = await probe(
		webhookUrl,
		published.flatMap((workflow) => workflow.nodes),
	);
	for (const workflow of published) {
		const urls = new Set(webhookUrls(webhookUrl, workflow.nodes).map((hook) => hook.url));
		const its = dead.filter((trigger) => urls.has(trigger.url));
		if (!its.length) {
			say(`workflow "${workflow.name}" published`);
			continue;
		}
		failures++;
		workflow.published = false;
		for (const trigger of its) {
			say(
				`workflow "${workflow.name}" published, but its trigger "${trigger.node}" is not live (${trigger.answer} at ${trigger.url}): n8n could not activate it. Open the workflow in n8n: the trigger shows why (for a Shopify Trigger usually the shop domain, the access token or its scopes, or a shop n8n cannot reach). If n8n serves webhooks elsewhere, give --webhook-url.`,
			);
		}
	}
	return failures;
}
