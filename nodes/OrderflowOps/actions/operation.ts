/** What every Orderflow Ops operation works with, and the shape operations and resources take. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger';

export interface OpsContext {
	fns: IExecuteFunctions;
	ledger: Ledger;
	itemIndex: number;
}

/** One operation: runs for one input item, returns its output items. */
export type OpsExecute = (context: OpsContext) => Promise<IDataObject[]>;

/** An `<op>.operation.ts` module: its fields (shown for its resource and operation only) and its run. */
export interface OpsOperation {
	description: INodeProperties[];
	execute: OpsExecute;
}

/** A `<Resource>.resource.ts` module: the operation menu with the fields, and the operations by menu value. */
export interface OpsResource {
	description: INodeProperties[];
	operations: Record<string, OpsOperation>;
}

/** The fields of every operation of a resource, in the order of its map: each listed once, from the map. */
export function operationFields(operations: Record<string, OpsOperation>): INodeProperties[] {
	return Object.values(operations).flatMap((operation) => operation.description);
}

export function text(context: OpsContext, name: string): string {
	return String(context.fns.getNodeParameter(name, context.itemIndex, '') ?? '').trim();
}
