/**
 * The contract's behaviour, rule by rule, checked against a running server: what each answer must
 * be (status, schema, problem details) and what a retried write must do (replay under its
 * Idempotency-Key, refuse the key with another body). Every rule passes, fails naming what the
 * server did, or is skipped saying why it could not be checked here.
 */
import type { ContractAnswers } from './answers';
import { request, type Answer, type Target } from './session';

export interface RuleResult {
	system: Target['system'];
	rule: string;
	status: 'pass' | 'fail' | 'skipped';
	detail: string;
}

export class RuleBook {
	readonly results: RuleResult[] = [];

	constructor(
		readonly target: Target,
		private readonly answers: ContractAnswers,
	) {}

	record(rule: string, pass: boolean, detail: string): boolean {
		this.results.push({ system: this.target.system, rule, status: pass ? 'pass' : 'fail', detail });
		return pass;
	}

	skip(rule: string, why: string): void {
		this.results.push({ system: this.target.system, rule, status: 'skipped', detail: why });
	}

	/** The answer has one of the statuses and matches the contract's schema for it. */
	answer(rule: string, answer: Answer, operationId: string, statuses: number[]): boolean {
		if (!statuses.includes(answer.status))
			return this.record(
				rule,
				false,
				`HTTP ${answer.status} (expected ${statuses.join(' or ')}): ${JSON.stringify(answer.body).slice(0, 300)}`,
			);
		const problems = this.answers.problems(operationId, answer.status, answer.body);
		return this.record(
			rule,
			problems.length === 0,
			problems.length
				? `the answer does not match the contract: ${problems.slice(0, 5).join('; ')}`
				: `HTTP ${answer.status}`,
		);
	}

	/** A refusal in RFC 9457 problem details (application/problem+json with type, title and the status). */
	problem(rule: string, answer: Answer, statuses: number[]): boolean {
		const body = answer.body;
		const issues = [
			!statuses.includes(answer.status) &&
				`HTTP ${answer.status} (expected ${statuses.join(' or ')})`,
			answer.contentType !== 'application/problem+json' &&
				`content type ${answer.contentType || 'none'}, not application/problem+json`,
			(typeof body.title !== 'string' || typeof body.type !== 'string') && 'no type and title',
			body.status !== answer.status &&
				`status ${String(body.status)} in the body, ${answer.status} on the wire`,
		].filter((issue): issue is string => !!issue);
		return this.record(
			rule,
			issues.length === 0,
			issues.length ? issues.join('; ') : `HTTP ${answer.status}: ${String(body.title)}`,
		);
	}

	async call(
		method: string,
		path: string,
		options: Parameters<typeof request>[3] = {},
	): Promise<Answer> {
		return await request(this.target, method, path, options);
	}
}

/** Rules every system shares: credentials required, and a list read as a page with a cursor. */
export async function commonRules(
	book: RuleBook,
	list: { path: string; operationId: string },
): Promise<void> {
	book.problem(
		'refuses a request without credentials (401, problem details)',
		await book.call('GET', `${list.path}?limit=1`, { signedIn: false }),
		[401],
	);
	const first = await book.call('GET', `${list.path}?limit=2`);
	if (!book.answer(`lists ${list.path} as a page (schema)`, first, list.operationId, [200])) return;
	const cursor = first.body.nextCursor;
	if (typeof cursor !== 'string' || !cursor) {
		book.skip(
			`pages ${list.path} with its cursor, no row twice`,
			`${list.path} has 2 rows or fewer here`,
		);
		return;
	}
	const next = await book.call('GET', `${list.path}?limit=2&cursor=${encodeURIComponent(cursor)}`);
	const seen = new Set(
		(first.body.items as Array<Record<string, unknown>>).map((row) => JSON.stringify(row)),
	);
	const repeated = ((next.body.items ?? []) as Array<Record<string, unknown>>).filter((row) =>
		seen.has(JSON.stringify(row)),
	);
	if (book.answer(`pages ${list.path} with its cursor (schema)`, next, list.operationId, [200])) {
		book.record(
			`pages ${list.path} with its cursor, no row twice`,
			repeated.length === 0,
			repeated.length
				? `${repeated.length} row(s) of the first page again`
				: 'the second page holds other rows',
		);
	}
}

/** Create under an Idempotency-Key, retry it, reuse the key with another body: one record, the same answer, then 409. */
export async function idempotencyRules(
	book: RuleBook,
	write: {
		path: string;
		operationId: string;
		body: Record<string, unknown>;
		changed: Record<string, unknown>;
		key: string;
		count: () => Promise<number>;
	},
): Promise<string | undefined> {
	const created = await book.call('POST', write.path, {
		body: write.body,
		idempotencyKey: write.key,
	});
	if (
		!book.answer(`creates under an Idempotency-Key (201, schema)`, created, write.operationId, [
			201,
		])
	)
		return undefined;
	const id = String(created.body.id);
	const retried = await book.call('POST', write.path, {
		body: write.body,
		idempotencyKey: write.key,
	});
	const afterRetry = await write.count();
	book.record(
		'replays a retried create with the same Idempotency-Key: the same record, none added',
		retried.status === created.status && retried.body.id === id && afterRetry === 1,
		`HTTP ${retried.status}, id ${String(retried.body.id)} (first ${id}), ${afterRetry} record(s) for the reference`,
	);
	const reused = await book.call('POST', write.path, {
		body: write.changed,
		idempotencyKey: write.key,
	});
	book.problem(
		'refuses the same Idempotency-Key with another body (409, problem details)',
		reused,
		[409],
	);
	book.record(
		'…and books nothing for it',
		(await write.count()) === 1,
		`${await write.count()} record(s) for the reference`,
	);
	return id;
}
