import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { failClosed } from '../shared/fail-closed';
import { ledgerCredentialTest, ledgerFor } from '../shared/ledger';
import * as checkAndClaim from './actions/checkAndClaim';
import * as settle from './actions/settle';
import { properties } from './description';

// Output names follow the operation: New/Duplicate for Check & Claim, Done/Not Applicable otherwise.
const OUTPUTS = `={{ $parameter.operation === "checkAndClaim" || $parameter.operation === undefined
	? [{ "type": "${NodeConnectionTypes.Main}", "displayName": "New" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Duplicate" }]
	: [{ "type": "${NodeConnectionTypes.Main}", "displayName": "Done" }, { "type": "${NodeConnectionTypes.Main}", "displayName": "Not Applicable" }] }}` as `={{${string}}}`;

export class DedupeGate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dedupe Gate',
		name: 'dedupeGate',
		icon: { light: 'file:dedupeGate.svg', dark: 'file:dedupeGate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter.operation + ": " + $parameter.keySource }}',
		description: 'Pass each Shopify event, order or refund once, atomically, across workflows and workers',
		defaults: { name: 'Dedupe Gate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUTS,
		credentials: [{ name: 'orderflowLedgerApi', required: false, testedBy: 'orderflowLedgerConnectionTest' }],
		properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as 'checkAndClaim' | settle.SettleOperation;
		// Nothing the gate could not check passes as New: such items go to Duplicate (or the error output).
		return await failClosed(this, { output: 1, outputs: 2 }, async () => {
			const ledger = await ledgerFor(this);
			return operation === 'checkAndClaim' ? await checkAndClaim.execute(this, ledger) : await settle.execute(this, ledger, operation);
		});
	}
}
