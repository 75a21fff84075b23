import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { answerDesk } from '../../../../core/support/desk-request';
import type { OpsContext } from '../operation';

const properties: INodeProperties[] = [
	{
		displayName:
			'Put this behind an n8n Webhook node (HTTP Methods GET and POST, Authentication: Basic Auth or Header Auth, Respond: Using ‘Respond to Webhook’ Node) and answer with a Respond to Webhook node: Respond With Text, Response Body {{ $json.html }}, Response Code {{ $json.status }}, header Content-Type text/html. The support-desk template is wired this way.',
		name: 'deskNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['supportDesk'], operation: ['servePage'] } },
	properties,
);

/**
 * The page for the request the Webhook node received (its headers, query and body): `status`
 * and `html` to answer with, and `action` when a person did something (who, what, the outcome).
 */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const request = context.fns.getInputData()[context.itemIndex].json;
	const answer = await answerDesk(context.ledger, {
		headers: request.headers as IDataObject,
		query: request.query as IDataObject,
		body: request.body,
		webhookUrl: request.webhookUrl,
		executionMode: request.executionMode,
	});
	return [
		{
			status: answer.status,
			html: answer.html,
			...(answer.outcome ? { action: answer.outcome as unknown as IDataObject } : {}),
		},
	];
}
