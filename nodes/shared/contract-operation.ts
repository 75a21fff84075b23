import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputShapeError } from '../../core/contract/shape';
import { shopifyEntityOf } from '../../core/dedupe/presets';
import {
	performIdempotentWrite,
	type IdempotentWrite,
	type SendResult,
	type WriteOutcome,
} from '../../core/idempotency';
import { performShadowWrite } from '../../core/shadow';
import type { Ledger } from '../../core/ledger';
import { DEAD_AFTER_MS } from '../../core/ledger/liveness';
import { DEFAULT_RETRY_POLICY } from '../../core/retry';
import { contractClient, read, writeAttempt, type ContractClient } from './contract-client';
import { queueExceptions } from './exception-queue';
import { parsedBody } from './json-body';
import { actor, ledgerFor } from './ledger';
import { itemParameter } from './parameters';
import { shadowOn, shadowView } from './shadow';

/** What an operation on a contract system (ERP or 3PL) works with. */
export interface ContractContext {
	fns: IExecuteFunctions;
	client: ContractClient;
	ledger: Ledger;
	/** The settings every idempotent write of this execution shares, for one entity. */
	write(entity: string): Omit<IdempotentWrite, 'key' | 'request' | 'send'>;
	/** The base of an item's idempotency keys: the reference, unless the Idempotency Key option overrides it. */
	keyBase(itemIndex: number, reference: string): string;
	/** A shadow run (the node's Shadow option): writes are recorded as they would be sent, not sent. */
	shadow: boolean;
	/** Performs an idempotent write, or in a shadow run records it. */
	perform(write: IdempotentWrite): Promise<WriteOutcome>;
}

/** A write's outcome, or a read's items, for one input item. */
export interface OperationResult {
	itemIndex: number;
	outcome?: WriteOutcome;
	json?: IDataObject;
	items?: IDataObject[];
	/** Several writes (or none) for one item: the output it goes to, `json` as its outcome. */
	route?: 'done' | 'failed' | 'inDoubt';
	/** What the write is about (`shopify:order:1025`), for the exception queue; default: the item's Shopify order or refund. */
	entity?: string;
}

export function contractContext(
	fns: IExecuteFunctions,
	client: ContractClient,
	ledger: Ledger,
	scope: string,
): ContractContext {
	const shadow = client.shadow === true;
	// Read once per execution when fixed (see itemParameter); the same for every write.
	const optionsOf = itemParameter(fns, 'options', {});
	const who = actor(fns);
	return {
		fns,
		client,
		ledger,
		shadow,
		perform: async (write) =>
			shadow ? await performShadowWrite(write) : await performIdempotentWrite(write),
		keyBase: (itemIndex, reference) => {
			const override = String((optionsOf(itemIndex) as IDataObject).idempotencyKey ?? '').trim();
			return override || reference;
		},
		write: (entity) => ({
			ledger,
			scope,
			entity,
			remoteHonoursIdempotency: client.idempotencyHeader !== '',
			policy: DEFAULT_RETRY_POLICY,
			leaseMs: 10 * 60_000,
			// Longer than it takes to find a dead holder: a run waiting on a write its worker died
			// sending takes it over, rather than failing while the holder still counts as alive.
			waitMs: DEAD_AFTER_MS + 20_000,
			actor: who,
		}),
	};
}

/** Results to the outputs Done, Failed (with reasons) and In Doubt; each item keeps its data and gains `field`. */
export function routeResults(
	fns: IExecuteFunctions,
	results: OperationResult[],
	field: string,
): INodeExecutionData[][] {
	const items = fns.getInputData();
	const outputs: INodeExecutionData[][] = [[], [], []];
	for (const result of results) {
		const source = items[result.itemIndex]?.json ?? {};
		const pairedItem = { item: result.itemIndex };
		if (result.items) {
			outputs[0].push(...result.items.map((json) => ({ json: json as IDataObject, pairedItem })));
			continue;
		}
		if (result.route) {
			outputs[{ done: 0, failed: 1, inDoubt: 2 }[result.route]].push({
				json: { ...source, [field]: { outcome: result.route, ...result.json } },
				pairedItem,
			});
			continue;
		}
		const outcome = result.outcome!;
		if (outcome.outcome === 'conflict') {
			throw new NodeOperationError(fns.getNode(), outcome.reason, {
				itemIndex: result.itemIndex,
				description: 'Another run holds this write; retry this execution later.',
			});
		}
		const outcomeJson: IDataObject = { ...result.json, outcome: outcome.outcome };
		if (outcome.outcome === 'shadow') {
			outputs[0].push({
				json: { ...source, [field]: { ...result.json, ...shadowView(outcome) } },
				pairedItem,
			});
		} else if (outcome.outcome === 'done') {
			outputs[0].push({
				json: {
					...source,
					[field]: {
						...outcomeJson,
						replayed: outcome.replayed,
						response: parsedBody(outcome.body) as IDataObject,
					},
				},
				pairedItem,
			});
		} else if (outcome.outcome === 'failed') {
			outputs[1].push({
				json: {
					...source,
					[field]: {
						...outcomeJson,
						status: outcome.status,
						error: outcome.error,
						retryable: outcome.retryable,
						response: parsedBody(outcome.body) as IDataObject,
					},
				},
				pairedItem,
			});
		} else {
			outputs[2].push({
				json: { ...source, [field]: { ...outcomeJson, reason: outcome.reason } },
				pairedItem,
			});
		}
	}
	return outputs;
}

export type Operation = (context: ContractContext) => Promise<OperationResult[]>;

/**
 * An item whose Shopify data cannot be read (a list that is not a list, a quantity that is not a
 * number): an error naming the item and the field; with "On Error: Continue" only that item goes
 * to Failed and the others go on. Any other error is rethrown.
 */
export function unreadableItem(
	fns: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
): OperationResult {
	if (!(error instanceof InputShapeError)) throw error;
	const message = `Item ${itemIndex} cannot be read: ${error.message}`;
	if (!fns.continueOnFail())
		throw new NodeOperationError(fns.getNode(), message, { itemIndex, description: error.fix });
	return {
		itemIndex,
		route: 'failed',
		json: { error: message, description: error.fix, field: error.field },
	};
}

/** An item whose record the contract refuses before anything is sent: Failed, with the reasons. */
export function refusedItem(
	itemIndex: number,
	refusal: string,
	reasons: string[],
): OperationResult {
	return {
		itemIndex,
		outcome: {
			outcome: 'failed',
			replayed: false,
			status: null,
			body: null,
			error: `${refusal}: ${reasons.join('; ')}`,
			attempts: 0,
			retryable: false,
		},
		json: { reasons },
	};
}

/**
 * A read that failed (writes report their own outcomes): with "On Error: Continue" each item goes
 * to Failed with the reason, so a branch can report it; otherwise the run stops.
 */
function failedRead(fns: IExecuteFunctions, error: Error, scope: string): INodeExecutionData[][] {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(fns.getNode(), error);
	if (!fns.continueOnFail()) throw nodeError;
	const reason = {
		outcome: 'failed',
		error: nodeError.message,
		description: nodeError.description ?? null,
	};
	return [
		[],
		fns.getInputData().map((item, index) => ({
			json: { ...item.json, [scope]: reason },
			pairedItem: { item: index },
		})),
		[],
	];
}

/** Failed and In Doubt writes into the exception queue; a Done resolves what the same node left unresolved. */
async function queueWriteExceptions(
	fns: IExecuteFunctions,
	ledger: Ledger,
	outputs: INodeExecutionData[][],
	results: OperationResult[],
	scope: string,
): Promise<void> {
	const inputs = fns.getInputData();
	const declared = new Map(results.map((result) => [result.itemIndex, result.entity]));
	const entityOf = (item: INodeExecutionData) => {
		const index = (item.pairedItem as IPairedItemData).item;
		return (
			declared.get(index) ??
			shopifyEntityOf(inputs[index]?.json ?? {}) ??
			((item.json[scope] as IDataObject | undefined)?.externalRef as string | undefined)
		);
	};
	await queueExceptions(fns, ledger, {
		outputs,
		kinds: { 1: 'failed', 2: 'in_doubt' },
		success: 0,
		field: scope,
		remote: scope === 'erp' ? 'the ERP' : 'the 3PL',
		entityOf,
	});
	// Support finds the trail by the remote's reference too (SO-000042, SR-000007).
	const references = outputs[0].flatMap((item) => {
		const entity = entityOf(item);
		const response = ((item.json[scope] as IDataObject | undefined)?.response ?? {}) as IDataObject;
		return entity && typeof response.id === 'string' ? [{ handle: response.id, entity }] : [];
	});
	await ledger
		.addHandles(references, Date.now())
		.catch((error: Error) =>
			fns.logger.warn(
				`Orderflow could not remember ${references.length} reference(s) for the trail: ${error.message}`,
			),
		);
}

/**
 * A node's execute: dispatch on resource and operation, then route the results. Writes have the
 * outputs Done, Failed and In Doubt; reads Done and Failed (see contract-description.ts).
 */
export function contractRouter(
	credentialType: string,
	scope: string,
	operations: { writes: Record<string, Operation>; reads: Record<string, Operation> },
) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const name = `${resource}:${operation}`;
		const isWrite = name in operations.writes;
		const run = isWrite ? operations.writes[name] : operations.reads[name];
		if (!run)
			throw new NodeOperationError(
				this.getNode(),
				`The operation "${operation}" is not known for "${resource}"`,
			);
		// No credential, or one that cannot be read: Failed with the reason, never Done.
		let client: ContractClient;
		try {
			client = {
				...(await contractClient(this, credentialType)),
				shadow: isWrite && shadowOn(this),
			};
		} catch (error) {
			const outputs = failedRead(this, error as Error, scope);
			return isWrite ? outputs : outputs.slice(0, 2);
		}
		let results: OperationResult[] | Error;
		let ledger: Ledger | undefined;
		try {
			ledger = await ledgerFor(this);
			results = await run(contractContext(this, client, ledger, scope));
		} catch (error) {
			results = error as Error;
		}
		const outputs = Array.isArray(results)
			? routeResults(this, results, scope)
			: failedRead(this, results, scope);
		if (isWrite && ledger && Array.isArray(results))
			await queueWriteExceptions(this, ledger, outputs, results, scope);
		if (isWrite) return outputs;
		if (outputs[2].length > 0)
			throw new NodeOperationError(
				this.getNode(),
				`${name} is a read, yet ${outputs[2].length} item(s) ended in doubt`,
			);
		return outputs.slice(0, 2);
	};
}

/** In a shadow run, a record the run itself would have created has no id yet: `(new)` stands for it. */
async function createdInShadow(
	context: ContractContext,
	itemIndex: number,
	reference: string,
): Promise<string | undefined> {
	if (!context.shadow) return undefined;
	const created = await context.ledger.getShadowWrite(
		context.write(reference).scope,
		`${context.keyBase(itemIndex, reference)}:create`,
	);
	return created ? '(new)' : undefined;
}

/**
 * A write on a record found by its external reference (cancel a sales order or a shipment
 * request): once per reference under `<key base>:<action>`; 404 when the reference is unknown.
 */
export async function writeToReferencedRecord(
	context: ContractContext,
	itemIndex: number,
	target: {
		reference: string;
		entity: string;
		listPath: string;
		action: string;
		body: IDataObject;
		path: (id: string) => string;
	},
): Promise<WriteOutcome> {
	const { fns, client } = context;
	const key = `${context.keyBase(itemIndex, target.reference)}:${target.action}`;
	return await context.perform({
		...context.write(target.entity),
		key,
		request: { operation: `${target.listPath}:${target.action}`, externalRef: target.reference },
		send: async (): Promise<SendResult> => {
			let found;
			try {
				found = await read<{ items: Array<{ id: string }> }>(
					fns,
					client,
					`${target.listPath}?externalRef=${encodeURIComponent(target.reference)}`,
					itemIndex,
				);
			} catch (error) {
				return { kind: 'not-sent', error: (error as Error).message };
			}
			const id =
				found.items[0]?.id ?? (await createdInShadow(context, itemIndex, target.reference));
			if (!id)
				return {
					kind: 'response',
					status: 404,
					body: JSON.stringify({
						title: 'Not found',
						detail: `Nothing at ${target.listPath} for ${target.reference}`,
					}),
				};
			return await writeAttempt(fns, client, 'POST', target.path(id), target.body, key);
		},
	});
}
