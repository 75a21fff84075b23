/** Runs the rules of each system given against it; one run id keeps this run's records apart from real ones (and from other runs). */
import { ContractAnswers } from './answers';
import { erpRules } from './erp-rules';
import { RuleBook, type RuleResult } from './rules';
import type { Target } from './session';
import { threePlRules } from './three-pl-rules';

export interface ConformanceRun {
	erp?: Target;
	threePl?: Target;
	/** A 3PL shipment request that shipped, to see its cancel refused (a vendor server cannot be told to ship). */
	shippedRequest?: string;
}

export async function runConformance(
	run: ConformanceRun,
	runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
): Promise<RuleResult[]> {
	const answers = new ContractAnswers();
	const results: RuleResult[] = [];
	const attempt = async (target: Target | undefined, rules: (book: RuleBook) => Promise<void>) => {
		if (!target) return;
		const book = new RuleBook(target, answers);
		try {
			await rules(book);
		} catch (error) {
			// A server that cannot be reached (or answers nonsense) fails the rule under way, not the kit.
			book.record('answers at all', false, `${target.baseUrl}: ${(error as Error).message}`);
		}
		results.push(...book.results);
	};
	await attempt(run.erp, async (book) => await erpRules(book, runId));
	await attempt(
		run.threePl,
		async (book) => await threePlRules(book, runId, { shippedRequest: run.shippedRequest }),
	);
	return results;
}
