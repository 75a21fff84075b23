/**
 * The refund request form as support fills it in, through the engine: signed in with the desk's
 * Basic Auth login, its fields posted the way n8n's form parser hands a multipart submission to
 * the Form Trigger (`field-<n>` in the form's order). For tests and the go-live run.
 */
import type { Engine, WebhookCall } from './engine';
import type { WorkflowJson } from './workflow-json';

export const REFUND_REQUEST_PATH = 'refund-request';

export interface RefundRequestFields {
	order: string;
	lines?: string;
	refundShipping?: 'Yes' | 'No';
	reason: string;
	requestedBy: string;
}

export interface RefundRequestForm {
	submit(fields: RefundRequestFields): Promise<WebhookCall>;
}

/** Adds the desk's login to the engine's credentials and returns a client of the template's form. */
export function refundRequestForm(
	engine: Engine,
	workflow: WorkflowJson,
	login = { user: 'support@example.com', password: 'desk-password' },
): RefundRequestForm {
	engine.credentials.set('Support Desk Login', { type: 'httpBasicAuth', data: login });
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.formTrigger');
	if (!trigger) throw new Error(`${workflow.name ?? 'The workflow'} has no Form Trigger`);
	const names = (
		(trigger.parameters.formFields as { values: Array<{ fieldName: string }> }).values ?? []
	).map((field) => field.fieldName);
	const authorization = `Basic ${Buffer.from(`${login.user}:${login.password}`).toString('base64')}`;
	return {
		submit: async (fields) => {
			const given: Record<string, string> = { refundShipping: 'No', lines: '', ...fields };
			const data = Object.fromEntries(
				names.map((name, index) => [`field-${index}`, given[name] ?? '']),
			);
			return await engine.webhook(workflow, {
				method: 'POST',
				path: REFUND_REQUEST_PATH,
				headers: { authorization, 'content-type': 'multipart/form-data; boundary=orderflow' },
				body: { data },
			});
		},
	};
}
