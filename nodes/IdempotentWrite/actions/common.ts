/** What every mode of the Idempotent Write node reads from its parameters. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { durationMs } from '../../../core/duration';
import type { WriteOutcome } from '../../../core/idempotency';
import type { RetryPolicy } from '../../../core/retry';
import { parsedBody } from '../../shared/json-body';
import { actor } from '../../shared/ledger';
import { itemParameter } from '../../shared/parameters';
import { shadowView } from '../../shared/shadow';

export interface WriteParameters {
	key: string;
	scope: string;
	entity: string;
	actor: ReturnType<typeof actor>;
	policy: RetryPolicy;
	timeoutMs: number;
	leaseMs: number;
	waitMs: number;
}

/** The retry, timeout and lease settings of the Options collection. */
function timings(
	fns: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): Pick<WriteParameters, 'policy' | 'timeoutMs' | 'leaseMs' | 'waitMs'> {
	const ms = (name: string, fallback: string, label: string) => {
		try {
			return durationMs(options[name] ?? fallback, label);
		} catch (error) {
			throw new NodeOperationError(fns.getNode(), (error as Error).message, {
				itemIndex,
				description: `Fix the ${label} option.`,
			});
		}
	};
	const timeoutMs = ms('timeout', 'PT30S', 'Timeout');
	const maxElapsedMs = ms('maxElapsed', 'PT2M', 'Max Retry Time');
	return {
		policy: {
			maxAttempts: Number(options.maxAttempts ?? 8),
			baseDelayMs: ms('baseDelay', 'PT0.5S', 'First Backoff'),
			maxDelayMs: 30_000,
			maxElapsedMs,
		},
		timeoutMs,
		// The lease outlasts every attempt and wait of one run.
		leaseMs: Math.max(ms('lease', 'PT10M', 'Lease'), maxElapsedMs + timeoutMs * 2),
		waitMs: ms('wait', 'PT1M', 'Wait for a Concurrent Run'),
	};
}

/**
 * Each item's write parameters, item by item as before; what is fixed (scope, options, the
 * actor) read once per execution, expressions per item.
 */
export function writeParameterReader(
	fns: IExecuteFunctions,
): (itemIndex: number) => WriteParameters {
	const keyOf = itemParameter(fns, 'idempotencyKey');
	const optionsOf = itemParameter(fns, 'options', {});
	const scopeOf = itemParameter(fns, 'scope', 'default');
	const entityOf = itemParameter(fns, 'entity', '');
	const who = actor(fns);
	let parsed: { options: unknown; timings: ReturnType<typeof timings> } | undefined;
	return (itemIndex) => {
		const key = String(keyOf(itemIndex) ?? '').trim();
		if (!key) {
			throw new NodeOperationError(
				fns.getNode(),
				`Item ${itemIndex} has an empty idempotency key`,
				{
					itemIndex,
					description:
						'Build the key from the entity, the operation and the version it writes, e.g. shopify:order:{{ $json.id }}:v{{ $json.updated_at }}.',
				},
			);
		}
		const options = optionsOf(itemIndex) as IDataObject;
		// Fixed options come back as the same object: their durations are parsed once.
		if (parsed?.options !== options)
			parsed = { options, timings: timings(fns, options, itemIndex) };
		return {
			key,
			scope: String(scopeOf(itemIndex) || 'default'),
			entity: String(entityOf(itemIndex) || key),
			actor: who,
			...parsed.timings,
		};
	};
}

/** A JSON parameter's value for each item, parsed (read once when fixed, like itemParameter). */
export function jsonParameter(
	fns: IExecuteFunctions,
	name: string,
): (itemIndex: number) => unknown {
	const valueOf = itemParameter(fns, name, '');
	return (itemIndex) => {
		const value = valueOf(itemIndex);
		if (typeof value !== 'string') return value;
		if (value.trim() === '') return undefined;
		try {
			return JSON.parse(value) as unknown;
		} catch {
			throw new NodeOperationError(
				fns.getNode(),
				`The ${name} parameter of item ${itemIndex} is not valid JSON`,
				{ itemIndex, description: 'Write a JSON object, or an expression that returns one.' },
			);
		}
	};
}

/** Routes an outcome to Done (0), Failed (1) or In Doubt (2); a conflict is an error that names the key. */
export function route(
	fns: IExecuteFunctions,
	outputs: INodeExecutionData[][],
	itemIndex: number,
	parameters: WriteParameters,
	outcome: WriteOutcome,
	extra: IDataObject = {},
): void {
	const item = fns.getInputData()[itemIndex];
	const base: IDataObject = {
		key: parameters.key,
		scope: parameters.scope,
		entity: parameters.entity,
		...extra,
	};
	if (outcome.outcome === 'conflict') {
		throw new NodeOperationError(fns.getNode(), outcome.reason, {
			itemIndex,
			description:
				'Use one idempotency key per intended write; a run that found the key busy can be retried later.',
		});
	}
	const push = (output: number, write: IDataObject) =>
		outputs[output].push({
			json: { ...item.json, write: { ...base, ...write } },
			pairedItem: { item: itemIndex },
		});
	if (outcome.outcome === 'shadow') {
		push(0, shadowView(outcome));
	} else if (outcome.outcome === 'done') {
		push(0, {
			outcome: 'done',
			replayed: outcome.replayed,
			status: outcome.status,
			response: parsedBody(outcome.body) as IDataObject,
			attempts: outcome.attempts,
		});
	} else if (outcome.outcome === 'failed') {
		push(1, {
			outcome: 'failed',
			replayed: outcome.replayed,
			status: outcome.status,
			response: parsedBody(outcome.body) as IDataObject,
			error: outcome.error,
			retryable: outcome.retryable,
			attempts: outcome.attempts,
		});
	} else {
		push(2, { outcome: 'in-doubt', reason: outcome.reason, attempts: outcome.attempts });
	}
}
