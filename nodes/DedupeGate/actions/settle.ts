/** Confirm, Release, Forget and Inspect: the keys of the items, in one round trip; done on output 0, not applicable on 1. */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { versionRank } from '../../../core/dedupe/gate';
import type { Ledger } from '../../../core/ledger';
import { actor } from '../../shared/ledger';
import { itemParameter } from '../../shared/parameters';
import { itemKeys, namespaceOf } from './keys';

export type SettleOperation = 'confirm' | 'release' | 'forget' | 'inspect';

/** What a key is after the operation applied to it (Inspect changes nothing). */
const STATE_AFTER: Partial<Record<SettleOperation, string>> = {
	confirm: 'confirmed',
	release: 'released',
	forget: 'forgotten',
};

/** Confirm's Own Write Version per key: empty records none; anything else must read as a version. */
function ownWriteRanks(fns: IExecuteFunctions, keys: string[]): Map<string, number> {
	const value = itemParameter(fns, 'ownWriteVersion', '');
	const ranks = new Map<string, number>();
	keys.forEach((key, itemIndex) => {
		const given = value(itemIndex);
		if (given === '' || given === null || given === undefined) return;
		try {
			ranks.set(key, versionRank(given, itemIndex));
		} catch (error) {
			throw new NodeOperationError(fns.getNode(), (error as Error).message, {
				itemIndex,
				description:
					'Own Write Version must be a number or a date (such as the updatedAt Add Tags returns), or empty.',
			});
		}
	});
	return ranks;
}

export async function execute(
	fns: IExecuteFunctions,
	ledger: Ledger,
	operation: SettleOperation,
): Promise<INodeExecutionData[][]> {
	const items = fns.getInputData();
	const namespace = namespaceOf(fns);
	const keyed = itemKeys(fns);
	const keys = keyed.map((item) => item.key);
	const ownWrites = operation === 'confirm' ? ownWriteRanks(fns, keys) : undefined;
	const now = Date.now();
	const stored = await ledger.inspect(namespace, keys);
	const { workflowId, executionId, node } = actor(fns);
	const audit = (done: string[]) => {
		const touched = new Set(done);
		return keyed
			.filter((item) => touched.has(item.key))
			.map((item) => ({
				entity: item.entity,
				event: `dedupe.${operation}`,
				decision: STATE_AFTER[operation],
				workflowId,
				executionId,
				node,
				at: now,
				details: {
					namespace,
					key: item.key,
					...(ownWrites?.has(item.key) ? { ownWriteVersion: ownWrites.get(item.key) } : {}),
				},
			}));
	};
	const affected = new Set(
		operation === 'confirm'
			? await ledger.confirm(namespace, keys, now, audit, executionId, ownWrites)
			: operation === 'release'
				? await ledger.release(namespace, keys, audit, executionId)
				: operation === 'forget'
					? await ledger.forget(namespace, keys, audit)
					: [...stored.keys()],
	);
	const done: INodeExecutionData[] = [];
	const notApplicable: INodeExecutionData[] = [];
	keyed.forEach((item, itemIndex) => {
		const row = stored.get(item.key);
		const dedupe: IDataObject = {
			key: item.key,
			namespace,
			entity: item.entity,
			operation,
			applied: affected.has(item.key),
		};
		if (row) {
			dedupe.state = affected.has(item.key) ? (STATE_AFTER[operation] ?? row.state) : row.state;
			dedupe.firstSeenAt = new Date(row.firstSeenAt).toISOString();
			dedupe.firstExecutionId = row.firstExecutionId;
			dedupe.timesSeen = row.timesSeen;
			dedupe.expiresAt = new Date(row.expiresAt).toISOString();
			if (row.leaseUntil !== null) dedupe.leaseUntil = new Date(row.leaseUntil).toISOString();
			if (row.version !== null) dedupe.version = row.version;
			if (affected.has(item.key) && ownWrites?.has(item.key))
				dedupe.ownWriteVersion = ownWrites.get(item.key);
		} else {
			dedupe.state = 'unknown';
		}
		(affected.has(item.key) ? done : notApplicable).push({
			json: { ...items[itemIndex].json, dedupe },
			pairedItem: { item: itemIndex },
		});
	});
	return [done, notApplicable];
}
