/**
 * A shadow install (`--shadow`): the flows run beside the integration they replace and change
 * nothing. Every ERP, 3PL and Idempotent Write node that writes gets its Shadow option (the write
 * is recorded in the ledger as it would be sent); every Shopify node that writes is switched off
 * (n8n passes its items through unchanged). Re-running the install without `--shadow` switches
 * the same workflows to live. The installer runs outside n8n, so the operations are listed here;
 * a unit test holds them to the nodes' own lists.
 */
/** A node of a template, as far as a shadow install reads it. */
interface TemplateNode {
	type: string;
	parameters: Record<string, unknown>;
	disabled?: boolean;
}

/** `resource:operation` of the contract nodes' writes (their routers' WRITES). */
export const CONTRACT_WRITES: Record<string, string[]> = {
	'n8n-nodes-orderflow.erp': ['salesOrder:upsert', 'salesOrder:cancel', 'creditMemo:create'],
	'n8n-nodes-orderflow.threePl': [
		'shipmentRequest:create',
		'shipmentRequest:cancel',
		'shipmentRequest:cancelUnshipped',
	],
};

/** The Shopify node's operations that change nothing at Shopify; every other one writes. */
export const SHOPIFY_READS = [
	'order:get',
	'order:getMany',
	'order:resync',
	'fulfillmentOrder:getManyForOrder',
	'refund:calculate',
	'refund:getManyForOrder',
	'return:get',
	'inventory:getLevels',
	'productVariant:getMany',
	'bulkOperation:run',
	'shop:get',
];

const operationOf = (node: TemplateNode) =>
	`${String(node.parameters.resource ?? '')}:${String(node.parameters.operation ?? '')}`;

/** What a shadow install does to a node: withhold its writes, switch it off, or leave it. */
export function shadowChange(node: TemplateNode): 'withheld' | 'switched off' | undefined {
	if (CONTRACT_WRITES[node.type]?.includes(operationOf(node))) return 'withheld';
	if (
		node.type === 'n8n-nodes-orderflow.idempotentWrite' &&
		(node.parameters.mode ?? 'request') === 'request'
	)
		return 'withheld';
	if (node.type === 'n8n-nodes-orderflow.shopify' && !SHOPIFY_READS.includes(operationOf(node)))
		return 'switched off';
	return undefined;
}

export function shadowNode<Node extends TemplateNode>(node: Node): Node {
	const change = shadowChange(node);
	if (change === 'withheld')
		return {
			...node,
			parameters: {
				...node.parameters,
				options: {
					...(node.parameters.options as Record<string, unknown> | undefined),
					shadow: true,
				},
			},
		};
	if (change === 'switched off') return { ...node, disabled: true };
	return node;
}
