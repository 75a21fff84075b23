/** The filter both Shadow Write operations read: scopes and when the writes were recorded. */
import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ShadowQuery } from '../../../../core/ledger';
import { splitList } from '../../../../core/lists';
import { text, type OpsContext } from '../operation';

export const filterFields: INodeProperties[] = [
	{
		displayName: 'Scopes',
		name: 'scopes',
		type: 'string',
		default: 'erp',
		placeholder: 'erp, 3pl',
		description:
			'Comma-separated: erp (ERP node), 3pl (3PL node) or an Idempotent Write scope; empty: every scope',
	},
	{
		displayName: 'Recorded Since',
		name: 'since',
		type: 'dateTime',
		default: '',
		description: 'Only writes recorded at or after this moment; empty: from the first',
	},
	{
		displayName: 'Recorded Before',
		name: 'until',
		type: 'dateTime',
		default: '',
		description: 'Only writes recorded before this moment; empty: up to now',
	},
];

function moment(context: OpsContext, name: string, label: string): number | undefined {
	const value = text(context, name);
	if (!value) return undefined;
	const at = Date.parse(value);
	if (Number.isNaN(at)) {
		throw new NodeOperationError(context.fns.getNode(), `${label} "${value}" is not a date`, {
			itemIndex: context.itemIndex,
			description: `Give ${label} as an ISO date and time, e.g. 2026-12-01T00:00:00Z.`,
		});
	}
	return at;
}

export function shadowQuery(context: OpsContext): ShadowQuery {
	return {
		scopes: splitList(text(context, 'scopes')),
		since: moment(context, 'since', 'Recorded Since'),
		until: moment(context, 'until', 'Recorded Before'),
	};
}
