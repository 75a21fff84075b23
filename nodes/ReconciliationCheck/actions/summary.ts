/** Compare's Summary output: the run's counts kept in the ledger, and the threshold that may fail the run. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger';
import { summarise, type Outcome, type Threshold } from '../../../core/reconcile';
import { actor } from '../../shared/ledger';

function readThreshold(fns: IExecuteFunctions): Threshold {
	const threshold = fns.getNodeParameter('threshold', 0, {}) as {
		maxExceptionRatePercent?: number;
		maxExceptions?: number;
	};
	return {
		maxExceptionRatePercent: threshold.maxExceptionRatePercent,
		maxExceptions: threshold.maxExceptions,
	};
}

/** The run's summary, kept in the ledger; over its threshold with "fail", the run stops here. */
export async function summaryOf(
	fns: IExecuteFunctions,
	ledger: Ledger,
	checkName: string,
	result: Outcome,
	flags: Record<string, number>,
	examples: string[],
) {
	const summary = summarise(checkName, result, readThreshold(fns), new Date(), flags, examples);
	await ledger.appendAudit([
		{
			entity: `reconciliation:${checkName}`,
			event: 'reconcile.run',
			decision: summary.threshold.verdict,
			...actor(fns),
			details: summary as unknown as Record<string, unknown>,
		},
	]);
	// Report: the run's outputs go on, and the Summary's threshold.verdict says "fail" for an alert branch.
	if (
		summary.threshold.exceeded &&
		fns.getNodeParameter('threshold.whenExceeded', 0, 'fail') === 'fail'
	) {
		const { counts } = summary;
		throw new NodeOperationError(
			fns.getNode(),
			`Reconciliation "${checkName}" failed: ${summary.threshold.reasons.join('; ')}`,
			{
				description: `${counts.matched} matched, ${counts.mismatched} mismatched, ${counts.onlyInA} only in A, ${counts.onlyInB} only in B, ${counts.unkeyedA + counts.unkeyedB} unkeyed, ${counts.duplicateKeys} duplicate keys. The summary is kept in the ledger (History operation); run the check without the threshold to see every exception.`,
			},
		);
	}
	return summary;
}
