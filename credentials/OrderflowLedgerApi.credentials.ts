import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/** PostgreSQL for the Orderflow ledger: required in n8n queue mode, where workers share it. */
export class OrderflowLedgerApi implements ICredentialType {
	name = 'orderflowLedgerApi';

	displayName = 'Orderflow Ledger API';

	documentationUrl = 'https://github.com/orderflow-dev/n8n-nodes-orderflow#the-ledger';

	icon = {
		light: 'file:../nodes/DedupeGate/dedupeGate.svg',
		dark: 'file:../nodes/DedupeGate/dedupeGate.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: 'localhost', required: true },
		{ displayName: 'Port', name: 'port', type: 'number', default: 5432, required: true },
		{ displayName: 'Database', name: 'database', type: 'string', default: 'n8n', required: true },
		{ displayName: 'User', name: 'user', type: 'string', default: 'postgres', required: true },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			options: [
				{ name: 'Disable', value: 'disable' },
				{ name: 'Require (Verify Certificate)', value: 'require' },
				{ name: 'Require (Allow Self-Signed)', value: 'no-verify' },
			],
			default: 'disable',
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: 'orderflow',
			description:
				"The ledger's own schema, created if missing. Never n8n's: the ledger does not touch n8n's tables.",
		},
	];
}
