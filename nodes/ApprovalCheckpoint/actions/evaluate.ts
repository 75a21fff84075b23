/** Runs the chosen rules over each item: what fired, and the refund amounts the approvers are held to. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRefundAmount, type RefundAmount } from '../../../core/approval/refund-amount';
import {
	addressChangedAfterDispatch,
	belowSafetyStock,
	isDispatched,
	moneyMoved,
	parseThresholds,
	refundAboveThreshold,
	type FiredRule,
	type RuleName,
} from '../../../core/approval/rules';

export function thresholds(fns: IExecuteFunctions, name: string): Map<string, number> {
	try {
		return parseThresholds(String(fns.getNodeParameter(name, 0, '')));
	} catch (error) {
		throw new NodeOperationError(fns.getNode(), (error as Error).message, {
			description: 'Write thresholds as currency and amount, comma-separated: EUR 500, USD 550.',
		});
	}
}

export interface Evaluation {
	fired: FiredRule[][];
	/** The refund amounts of the items that need a decision (approvers' limits apply to these). */
	amounts: RefundAmount[];
	/** True when some refund is above a "Two Approvers Above" amount, or its amount could not be read. */
	needsSecond: boolean;
	amountUnknown: boolean;
}

export function evaluate(fns: IExecuteFunctions, rules: RuleName[]): Evaluation {
	const refunds = rules.includes('refundAbove');
	const refundLimits = refunds ? thresholds(fns, 'refundThresholds') : new Map<string, number>();
	const secondLimits = refunds ? thresholds(fns, 'secondThresholds') : new Map<string, number>();
	const evaluation: Evaluation = {
		fired: [],
		amounts: [],
		needsSecond: false,
		amountUnknown: false,
	};
	fns.getInputData().forEach((item, index) => {
		const found: Array<FiredRule | undefined> = [];
		const read = refunds ? readRefundAmount(item.json) : undefined;
		if (read) found.push(refundAboveThreshold(read, refundLimits));
		if (rules.includes('addressChangedAfterDispatch')) {
			found.push(
				addressChangedAfterDispatch(
					isDispatched(item.json),
					fns.getNodeParameter('currentAddress', index, null),
					fns.getNodeParameter('dispatchedAddress', index, null),
				),
			);
		}
		if (rules.includes('belowSafetyStock'))
			found.push(
				belowSafetyStock(
					fns.getNodeParameter('available', index, ''),
					fns.getNodeParameter('safetyStock', index, ''),
				),
			);
		if (rules.includes('moneyMoved')) found.push(moneyMoved(item.json));
		if (
			rules.includes('custom') &&
			fns.getNodeParameter('customCondition', index, false) === true
		) {
			found.push({
				rule: 'custom',
				reason: String(fns.getNodeParameter('customReason', index, 'custom condition')),
			});
		}
		const fired = found.filter((rule): rule is FiredRule => rule !== undefined);
		evaluation.fired.push(fired);
		if (!read || fired.length === 0) return;
		if (read.ok) evaluation.amounts.push(read.amount);
		else evaluation.amountUnknown = true;
		// Fail closed: an amount that could not be read may be above the band too.
		if (
			secondLimits.size > 0 &&
			(!read.ok || (secondLimits.get(read.amount.currency) ?? -1) < read.amount.minor)
		)
			evaluation.needsSecond = true;
	});
	return evaluation;
}
