/**
 * Fault injection per route, set at run time: the hostile remote system the reliability nodes
 * must survive. A rule matches a method and a path (exact, or a prefix ending in `*`) and is
 * used up after `times` requests (default: until removed).
 */

export type FaultKind =
	/** Answer after `ms` extra milliseconds. */
	| 'latency'
	/** Never answer; the client's timeout decides. */
	| 'timeout'
	/** Answer `status` (429, 500, 503 …) without doing anything; 429/503 carry `Retry-After: retryAfterSeconds`. */
	| 'status'
	/** Do the write, then drop the connection: the change happened, the client sees a failure. */
	| 'commit-then-drop';

export interface FaultRule {
	method?: string;
	path: string;
	kind: FaultKind;
	ms?: number;
	status?: number;
	retryAfterSeconds?: number;
	times?: number;
}

export class FaultTable {
	private rules: FaultRule[] = [];
	/** How many requests each kind of fault has hit, for tests and the UAT report. */
	readonly hits: Record<FaultKind, number> = {
		latency: 0,
		timeout: 0,
		status: 0,
		'commit-then-drop': 0,
	};

	set(rules: FaultRule[]): void {
		for (const rule of rules) validateRule(rule);
		this.rules = rules.map((rule) => ({ ...rule }));
	}

	add(rule: FaultRule): void {
		validateRule(rule);
		this.rules.push({ ...rule });
	}

	clear(): void {
		this.rules = [];
	}

	list(): FaultRule[] {
		return this.rules.map((rule) => ({ ...rule }));
	}

	/**
	 * The faults that apply to this request, each counted as used: every matching latency rule,
	 * plus the first matching rule of another kind (rules queue up: 429 then 503 then success).
	 */
	take(method: string, path: string): FaultRule[] {
		const matching = this.rules.filter(
			(rule) =>
				(!rule.method || rule.method.toUpperCase() === method) &&
				(rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : rule.path === path),
		);
		const decisive = matching.find((rule) => rule.kind !== 'latency');
		const applied = matching.filter((rule) => rule.kind === 'latency' || rule === decisive);
		for (const rule of applied) {
			this.hits[rule.kind]++;
			if (rule.times !== undefined && --rule.times <= 0)
				this.rules.splice(this.rules.indexOf(rule), 1);
		}
		return applied;
	}
}

function validateRule(rule: FaultRule): void {
	if (!rule.path?.startsWith('/')) throw new Error('A fault rule needs a path starting with /');
	if (!['latency', 'timeout', 'status', 'commit-then-drop'].includes(rule.kind)) {
		throw new Error(
			`Unknown fault kind "${String(rule.kind)}": use latency, timeout, status or commit-then-drop`,
		);
	}
	if (rule.kind === 'status' && !(rule.status && rule.status >= 400 && rule.status <= 599)) {
		throw new Error('A status fault needs a status between 400 and 599');
	}
	if (rule.kind === 'latency' && !(rule.ms && rule.ms > 0))
		throw new Error('A latency fault needs ms > 0');
}
