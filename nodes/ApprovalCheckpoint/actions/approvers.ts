/** Who may decide this request, from the node's approver settings, with a clear error when no one may. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	ApproverError,
	eligibleApprovers,
	parseApprovers,
	type Approver,
	type ApproverInput,
	type RequestScope,
} from '../../../core/approval/approvers';

export type ApproverMode = 'named' | 'anyone';

function fail(fns: IExecuteFunctions, message: string, description: string): never {
	throw new NodeOperationError(fns.getNode(), message, { description });
}

/** `anyone`: one link for one decision; refuses a quorum above 1, which anyone could meet alone. */
export function checkAnyoneMode(fns: IExecuteFunctions, quorum: number, secondBand: boolean): void {
	if (quorum > 1 || secondBand) {
		fail(
			fns,
			'"Anyone With the Link" cannot need more than one approver',
			'Whoever holds that link could approve twice under two names. Choose Named Approvers (each gets their own link), or set Approvers Needed to 1 and clear Two Approvers Above.',
		);
	}
}

export function namedApprovers(
	fns: IExecuteFunctions,
	scope: RequestScope,
	quorum: number,
): Approver[] {
	const inputs = ((fns.getNodeParameter('approvers', 0, {}) as { approver?: ApproverInput[] })
		.approver ?? []) as ApproverInput[];
	if (inputs.length === 0)
		fail(
			fns,
			'No approvers are named',
			'Add the people who may decide under Approvers (name, and email or chat ID), or choose "Anyone With the Link" for a single approver.',
		);
	try {
		return eligibleApprovers(parseApprovers(inputs), scope, quorum);
	} catch (error) {
		const known = error instanceof ApproverError;
		return fail(
			fns,
			(error as Error).message,
			known
				? 'Name enough approvers for this rule and amount under Approvers, or lower Approvers Needed / Two Approvers Above. Nothing was left waiting.'
				: 'Check the Approvers settings.',
		);
	}
}

/**
 * With two approvers needed, two links posted into one shared chat channel would let either
 * person open the other's link: each approver then needs their own destination.
 */
export function checkOwnDestinations(
	fns: IExecuteFunctions,
	approvers: Approver[],
	channelUrl: string,
	quorum: number,
	channel: string,
): void {
	if (quorum < 2 || channel === 'webhook') return;
	const byUrl = new Map<string, string[]>();
	for (const approver of approvers)
		byUrl.set(approver.webhookUrl ?? channelUrl, [
			...(byUrl.get(approver.webhookUrl ?? channelUrl) ?? []),
			approver.name,
		]);
	const shared = [...byUrl.values()].find((names) => names.length > 1);
	if (shared) {
		fail(
			fns,
			`${shared.join(' and ')} would get their links in the same channel`,
			"This request needs several different approvers, and anyone in a shared channel could open another approver's link. Give each approver their own Webhook URL (e.g. a Slack workflow that messages them directly), or notify through a JSON Webhook that emails each approver.",
		);
	}
}
