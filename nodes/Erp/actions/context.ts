import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { IdempotentWrite, WriteOutcome } from '../../../core/idempotency';
import type { Ledger } from '../../../core/ledger';
import { DEFAULT_RETRY_POLICY } from '../../../core/retry';
import type { ContractClient } from '../../shared/contract-client';
import { actor } from '../../shared/ledger';

/** What an ERP operation works with. */
export interface ErpContext {
	fns: IExecuteFunctions;
	client: ContractClient;
	ledger: Ledger;
	/** The settings every idempotent write of this execution shares, for one entity. */
	write(entity: string): Omit<IdempotentWrite, 'key' | 'request' | 'send'>;
}

/** A write's outcome, or a read's items, for one input item. */
export interface ErpResult {
	itemIndex: number;
	outcome?: WriteOutcome;
	json?: IDataObject;
	items?: IDataObject[];
}

export function erpContext(fns: IExecuteFunctions, client: ContractClient, ledger: Ledger): ErpContext {
	return {
		fns,
		client,
		ledger,
		write: (entity) => ({
			ledger,
			scope: 'erp',
			entity,
			remoteHonoursIdempotency: client.idempotencyHeader !== '',
			policy: DEFAULT_RETRY_POLICY,
			leaseMs: 10 * 60_000,
			waitMs: 30_000,
			actor: actor(fns),
		}),
	};
}
