import type { INode, IWebhookData, IWorkflowExecuteAdditionalData, Workflow } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { HarnessNodeTypes } from './node-types';

/**
 * The webhooks a node registers, with path and method resolved from its parameters — what
 * n8n's WebhookService.getNodeWebhooks computes when a workflow is published.
 */
export function nodeWebhooks(
	workflow: Workflow,
	node: INode,
	additionalData: IWorkflowExecuteAdditionalData,
	nodeTypes: HarnessNodeTypes,
): IWebhookData[] {
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const descriptions = nodeType.description.webhooks ?? [];
	const resolve = <T>(value: unknown, fallback: T): T =>
		workflow.expression.getSimpleParameterValue(
			node,
			value as string,
			'internal',
			{},
			undefined,
			fallback as never,
		) as T;
	return descriptions.flatMap((description) => {
		const restartWebhook = Boolean(resolve(description.restartWebhook ?? false, false));
		const rawPath = String(resolve(description.path, ''));
		const isFullPath = Boolean(resolve(description.isFullPath ?? false, false));
		const path = restartWebhook
			? rawPath
			: NodeHelpers.getNodeWebhookPath(workflow.id, node, rawPath, isFullPath, restartWebhook);
		const methods = String(resolve(description.httpMethod, 'GET'));
		return methods.split(',').map((httpMethod) => ({
			httpMethod: httpMethod.trim().toUpperCase() as IWebhookData['httpMethod'],
			node: node.name,
			path: path.replace(/^\/+/, ''),
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		}));
	});
}
