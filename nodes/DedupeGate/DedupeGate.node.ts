import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { failClosed } from '../shared/fail-closed';
import { LEDGER_CREDENTIAL_LABEL, ledgerCredentialTest, ledgerFor } from '../shared/ledger';
import * as checkAndClaim from './actions/checkAndClaim';
import * as settle from './actions/settle';
import { properties } from './description';

// Output names follow the operation: New/Duplicate for Check & Claim, Done/Not Applicable otherwise.
const OUTPUTS = `={{ $parameter.operation === "checkAndClaim" || $parameter.operation === undefined
	? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "New" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Duplicate" }]
	: [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Done" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Not Applicable" }] }}` as `={{${string}}}`;

// What the canvas shows under the node: "Check & Claim · Shopify event", not the internal values.
const OPERATION_LABELS = JSON.stringify({
	checkAndClaim: 'Check & Claim',
	confirm: 'Confirm',
	forget: 'Forget',
	inspect: 'Inspect',
	release: 'Release',
});
const KEY_LABELS = JSON.stringify({
	shopifyEventId: 'Shopify event',
	shopifyOrderId: 'Shopify order',
	shopifyRefundId: 'Shopify refund',
	custom: 'custom key',
});
const SUBTITLE = `={{ ${OPERATION_LABELS}[$parameter.operation ?? "checkAndClaim"] + (($parameter.operation ?? "checkAndClaim") === "checkAndClaim" ? " · " + ${KEY_LABELS}[$parameter.keySource ?? "shopifyEventId"] : "") }}`;

// Not offered as an AI tool: it routes items to New and Duplicate and holds claims: nothing an agent calls.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class DedupeGate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dedupe Gate',
		name: 'dedupeGate',
		icon: { light: 'file:dedupeGate.svg', dark: 'file:dedupeGate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE,
		description:
			'Pass each Shopify event, order or refund once, atomically, across workflows and workers',
		defaults: { name: 'Dedupe Gate' },
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		credentials: [
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
		],
		properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as
			| 'checkAndClaim'
			| settle.SettleOperation;
		// Nothing the gate could not check passes as New: such items go to Duplicate (or the error output).
		return await failClosed(this, { output: 1, outputs: 2 }, async () => {
			const ledger = await ledgerFor(this);
			return operation === 'checkAndClaim'
				? await checkAndClaim.execute(this, ledger)
				: await settle.execute(this, ledger, operation);
		});
	}
}
