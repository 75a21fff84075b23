/** What every Orderflow Ops operation works with, and the shape it returns. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger';

export interface OpsContext {
	fns: IExecuteFunctions;
	ledger: Ledger;
	itemIndex: number;
}

/** One operation: runs for one input item, returns its output items. */
export type OpsExecute = (context: OpsContext) => Promise<IDataObject[]>;

export interface OpsOperation {
	execute: OpsExecute;
}

export function text(context: OpsContext, name: string): string {
	return String(context.fns.getNodeParameter(name, context.itemIndex, '') ?? '').trim();
}
