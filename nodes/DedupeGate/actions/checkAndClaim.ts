import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	checkAndClaim,
	DedupeInputError,
	type DedupeDecision,
	type DedupeMode,
} from '../../../core/dedupe/gate';
import { durationMs, DurationError } from '../../../core/duration';
import type { DeliveryNote, Ledger } from '../../../core/ledger';
import { shopifyHandles } from '../../../core/trail/handles';
import { actor, ledgerFailure, tidyLedger } from '../../shared/ledger';
import { itemParameter } from '../../shared/parameters';
import { itemKeys, namespaceOf } from './keys';

function duration(fns: IExecuteFunctions, name: string, label: string): number {
	try {
		return durationMs(fns.getNodeParameter(name, 0), label);
	} catch (error) {
		const description = error instanceof DurationError ? `Fix the ${label} parameter.` : undefined;
		throw new NodeOperationError(fns.getNode(), error as Error, { description });
	}
}

/**
 * What each decision means for a webhook delivery the Shopify Trigger recorded (`inboxId`): a
 * held claim links it (settled when the claim is confirmed or released), a key held by another
 * run links it behind that claim, and anything final settles it.
 */
function inboxNotes(
	items: INodeExecutionData[],
	decisions: DedupeDecision[],
	namespace: string,
	hold: boolean,
	executionId: string,
): DeliveryNote[] {
	return decisions.flatMap((decision, itemIndex): DeliveryNote[] => {
		const id = items[itemIndex].json.inboxId;
		if (typeof id !== 'string' || !id) return [];
		if (decision.outcome === 'new')
			return [hold ? { id, namespace, key: decision.key, executionId } : { id, outcome: 'passed' }];
		if (decision.reason === 'in-flight')
			return [{ id, namespace, key: decision.key, executionId: null }];
		return [{ id, outcome: `duplicate (${decision.reason})` }];
	});
}

/** Check & Claim: every item's key claimed in one round trip; New and Duplicate outputs. */
export async function execute(
	fns: IExecuteFunctions,
	ledger: Ledger,
): Promise<INodeExecutionData[][]> {
	const items = fns.getInputData();
	const mode = fns.getNodeParameter('mode', 0) as DedupeMode;
	const hold = fns.getNodeParameter('claimStyle', 0) === 'hold';
	const namespace = namespaceOf(fns);
	const version = mode === 'newerVersionWins' ? itemParameter(fns, 'version') : undefined;
	const keyed = itemKeys(fns, version);
	const decisions = await claim(fns, ledger, keyed, { namespace, mode, hold });
	await noteDecisions(fns, ledger, decisions, namespace, hold);
	await tidyLedger(fns, ledger);
	return route(items, decisions, namespace, hold);
}

type Decisions = Awaited<ReturnType<typeof checkAndClaim>>;

/** The gate's decisions, claimed in one transaction; bad keys or versions and a ledger failure stop the run. */
async function claim(
	fns: IExecuteFunctions,
	ledger: Ledger,
	keyed: Parameters<typeof checkAndClaim>[1],
	options: { namespace: string; mode: DedupeMode; hold: boolean },
): Promise<Decisions> {
	try {
		return await checkAndClaim(ledger, keyed, {
			...options,
			leaseMs: options.hold ? duration(fns, 'lease', 'Lease') : 0,
			retentionMs: duration(fns, 'retention', 'Retention'),
			...actor(fns),
		});
	} catch (error) {
		if (error instanceof DedupeInputError) {
			throw new NodeOperationError(fns.getNode(), error.message, {
				itemIndex: error.itemIndex,
				description: /version/i.test(error.message)
					? 'Point Version at a number or a date that grows with every change, such as updated_at.'
					: 'Point Key Value at a field that holds whole text, or at an id.',
			});
		}
		throw ledgerFailure(
			fns,
			error,
			'The ledger could not record the claims; nothing passed and every key can pass when the run is retried.',
		);
	}
}

/** What the inbox and the trail learn from the decisions; failing here never undoes a claim. */
async function noteDecisions(
	fns: IExecuteFunctions,
	ledger: Ledger,
	decisions: Decisions,
	namespace: string,
	hold: boolean,
): Promise<void> {
	const items = fns.getInputData();
	try {
		await ledger.noteDeliveries(
			inboxNotes(items, decisions, namespace, hold, actor(fns).executionId),
			Date.now(),
		);
		// Support finds the trail by the order's name or id: remember them for its entity.
		await ledger.addHandles(
			decisions.flatMap((decision, itemIndex) =>
				shopifyHandles(items[itemIndex].json, decision.entity),
			),
			Date.now(),
		);
	} catch (error) {
		// The claims stand; an unsettled delivery is only re-driven, and the gate decides again.
		fns.logger.warn(
			`Orderflow Dedupe Gate could not update the webhook inbox or the trail handles (its deliveries may be re-driven once): ${(error as Error).message}`,
		);
	}
}

/** New items to the first output, duplicates (with why and when first seen) to the second. */
function route(
	items: INodeExecutionData[],
	decisions: Decisions,
	namespace: string,
	hold: boolean,
): INodeExecutionData[][] {
	const fresh: INodeExecutionData[] = [];
	const duplicates: INodeExecutionData[] = [];
	decisions.forEach((decision, itemIndex) => {
		const dedupe: IDataObject = { key: decision.key, namespace, entity: decision.entity };
		if (decision.version !== null) dedupe.version = decision.version;
		const output = { json: { ...items[itemIndex].json, dedupe }, pairedItem: { item: itemIndex } };
		if (decision.outcome === 'new') {
			dedupe.status = hold ? 'claimed' : 'passed';
			fresh.push(output);
			return;
		}
		dedupe.reason = decision.reason;
		if (decision.stored) {
			dedupe.firstSeenAt = new Date(decision.stored.firstSeenAt).toISOString();
			dedupe.firstExecutionId = decision.stored.firstExecutionId;
			dedupe.timesSeen = decision.stored.timesSeen;
			if (decision.stored.version !== null) dedupe.storedVersion = decision.stored.version;
		}
		duplicates.push(output);
	});
	return [fresh, duplicates];
}
