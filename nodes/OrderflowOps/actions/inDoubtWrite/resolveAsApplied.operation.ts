import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { decidedBy, note, writeKey, writeScope } from '../common.descriptions';
import type { OpsContext } from '../operation';
import { resolveWrite } from './resolve';

const properties: INodeProperties[] = [
	writeScope,
	writeKey,
	{
		displayName: 'Record in the Remote (JSON)',
		name: 'remoteRecord',
		type: 'json',
		default: '{}',
		description:
			'What the remote holds (for the ERP: the sales order with its ID), kept as the write’s result and replayed to every later run',
		hint: 'e.g. {"id": "SO-000042"}: later runs with this key get it back as the write’s answer',
	},
	decidedBy,
	note,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['inDoubtWrite'], operation: ['resolveAsApplied'] } },
	properties,
);

/** The person found the write applied at the remote: it is kept as done, and nothing sends it again. */
export async function execute(context: OpsContext): Promise<IDataObject[]> {
	const raw = context.fns.getNodeParameter('remoteRecord', context.itemIndex, '{}');
	let body: string;
	try {
		body = JSON.stringify(typeof raw === 'string' ? (JSON.parse(raw || '{}') as unknown) : raw);
	} catch (error) {
		throw new NodeOperationError(
			context.fns.getNode(),
			`Record in the Remote is not JSON: ${(error as Error).message}`,
			{
				itemIndex: context.itemIndex,
				description: 'Paste the record as JSON, e.g. {"id": "SO-000042"}, or leave {}.',
			},
		);
	}
	return await resolveWrite(context, { applied: true, body });
}
