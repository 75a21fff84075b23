/**
 * The people who may decide. Each named approver has an identity (their email or chat ID, else
 * their name), may be limited to some rules and to refunds up to an amount, and gets their own
 * link. Quorum counts identities, never what someone types into a form.
 */
import { createHash } from 'node:crypto';

import { splitList } from '../lists';
import { money, type RefundAmount } from './refund-amount';
import { parseThresholds, type FiredRule, type RuleName } from './rules';

export interface ApproverInput {
	name?: string;
	contact?: string;
	webhookUrl?: string;
	rules?: RuleName[] | string;
	upTo?: string;
}

export interface Approver {
	/** Stable identity: the normalized contact (email or chat ID), or `name:<name>`. */
	id: string;
	/** Short handle the link carries (a hash of the identity, so the link does not spell it out). */
	key: string;
	name: string;
	contact: string | null;
	webhookUrl: string | null;
	rules: RuleName[];
	upTo: Map<string, number> | null;
}

/** Whoever opens the one link of an "anyone with the link" request. */
export const ANYONE = 'anyone-with-the-link';

export class ApproverError extends Error {}

function identityOf(name: string, contact: string): string {
	if (!contact) return `name:${name.toLowerCase().replace(/\s+/g, ' ')}`;
	return contact.includes('@') ? contact.toLowerCase() : contact;
}

export function approverKey(id: string): string {
	return createHash('sha256').update(id).digest('base64url').slice(0, 16);
}

export function parseApprovers(inputs: ApproverInput[]): Approver[] {
	const seen = new Map<string, string>();
	return inputs.map((input, index) => {
		const name = String(input.name ?? '').trim();
		const contact = String(input.contact ?? '').trim();
		if (!name) throw new ApproverError(`Approver ${index + 1} has no name`);
		const id = identityOf(name, contact);
		const twin = seen.get(id);
		if (twin)
			throw new ApproverError(
				`"${name}" and "${twin}" are the same person (${id}): each approver must be listed once`,
			);
		seen.set(id, name);
		let upTo: Map<string, number> | null = null;
		try {
			upTo = String(input.upTo ?? '').trim() ? parseThresholds(String(input.upTo)) : null;
		} catch (error) {
			throw new ApproverError(`Approves Up To of ${name}: ${(error as Error).message}`);
		}
		const rules = splitList(input.rules) as RuleName[];
		const webhookUrl = String(input.webhookUrl ?? '').trim() || null;
		if (webhookUrl && !/^https?:\/\//.test(webhookUrl))
			throw new ApproverError(`The Webhook URL of ${name} ("${webhookUrl}") is not an http(s) URL`);
		return { id, key: approverKey(id), name, contact: contact || null, webhookUrl, rules, upTo };
	});
}

/** Whether this approver may decide a request with these fired rules and refund amounts. */
export interface RequestScope {
	fired: FiredRule[];
	amounts: RefundAmount[];
	/** Some refund's amount could not be read: no one with a limit may approve it. */
	amountUnknown: boolean;
}

export function mayDecide(
	approver: Approver,
	{ fired, amounts, amountUnknown }: RequestScope,
): string | undefined {
	const outside = fired.find(
		(rule) => approver.rules.length > 0 && !approver.rules.includes(rule.rule),
	);
	if (outside) return `is not an approver for ${outside.rule}`;
	if (!approver.upTo) return undefined;
	if (amountUnknown) return 'has a limit, and a refund amount could not be read';
	for (const amount of amounts) {
		const limit = approver.upTo.get(amount.currency);
		if (limit === undefined) return `has no limit in ${amount.currency}`;
		if (amount.minor > limit) return `approves only up to ${money(limit, amount.currency).display}`;
	}
	return undefined;
}

/** The approvers who may decide, or an error saying why fewer than the quorum are left. */
export function eligibleApprovers(
	approvers: Approver[],
	scope: RequestScope,
	quorum: number,
): Approver[] {
	const reasons: string[] = [];
	const eligible = approvers.filter((approver) => {
		const reason = mayDecide(approver, scope);
		if (reason) reasons.push(`${approver.name} ${reason}`);
		return !reason;
	});
	if (eligible.length < quorum) {
		const found =
			eligible.length === 0
				? 'none of the named approvers may'
				: `only ${eligible.length} of the named approvers may`;
		throw new ApproverError(
			`This request needs ${quorum} approver(s), but ${found} decide it${reasons.length ? ` (${reasons.join('; ')})` : ''}`,
		);
	}
	return eligible;
}
