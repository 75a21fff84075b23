import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { LEDGER_CREDENTIAL_LABEL, ledgerCredentialTest } from '../shared/ledger';
import { erpNode, router } from './actions/router';

export class Erp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Orderflow ERP',
		name: 'erp',
		icon: { light: 'file:erp.svg', dark: 'file:erp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter.operation + ": " + $parameter.resource }}',
		description:
			'Book Shopify orders in an ERP on the Orderflow contract, every write safe to retry',
		defaults: { name: 'ERP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: erpNode.outputs,
		credentials: [
			{ name: 'orderflowErpApi', displayName: 'ERP Connection', required: true },
			{
				name: 'orderflowLedgerApi',
				displayName: LEDGER_CREDENTIAL_LABEL,
				required: false,
				testedBy: 'orderflowLedgerConnectionTest',
			},
		],
		properties: erpNode.properties,
	};

	methods = { credentialTest: { orderflowLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
