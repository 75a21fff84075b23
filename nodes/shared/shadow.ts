/** The Shadow option of the writing nodes (ERP, 3PL, Idempotent Write) and how a withheld write shows. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WriteOutcome } from '../../core/idempotency';
import { parsedBody } from './json-body';

export const SHADOW_DESCRIPTION =
	'Whether to run beside the integration this flow replaces: each write is mapped and recorded in the ledger as it would be sent, and not sent (reads still happen). Orderflow Ops → Shadow Write lists them; the Reconciliation Check compares them with what the old integration booked.';

export function shadowOption(displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Shadow (Record, Do Not Send)',
		name: 'shadow',
		type: 'boolean',
		default: false,
		description: SHADOW_DESCRIPTION,
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** Shadow is a switch of the node, not of an item: the first item's setting holds for all. */
export function shadowOn(fns: IExecuteFunctions): boolean {
	return ((fns.getNodeParameter('options', 0, {}) as IDataObject).shadow ?? false) === true;
}

/** A withheld write on the Done output: what would have been sent, and when the ledger first recorded it. */
export function shadowView(outcome: Extract<WriteOutcome, { outcome: 'shadow' }>): IDataObject {
	return {
		outcome: 'shadow',
		shadow: true,
		replayed: outcome.replayed,
		recordedAt: new Date(outcome.recordedAt).toISOString(),
		request: {
			method: outcome.request.method,
			url: outcome.request.url,
			body: parsedBody(outcome.request.body) as IDataObject,
		},
	};
}
