import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { LEDGER_CREDENTIAL_LABEL, ledgerCredentialTest } from '../shared/ledger';
import { router, threePlNode } from './actions/router';

export class ThreePl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow 3PL',
		name: 'threePl',
		icon: { light: 'file:threePl.svg', dark: 'file:threePl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter.operation + ": " + $parameter.resource }}',
		description:
			'Ask a 3PL on the Orderflow contract to ship, track and cancel, every write safe to retry',
		defaults: { name: '3PL' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: threePlNode.outputs,
		credentials: [
			{ name: 'orderflowThreePlApi', displayName: '3PL Connection', required: true },
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
		],
		properties: threePlNode.properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
