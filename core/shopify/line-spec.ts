/**
 * Lines as people write them in a node field: `TSHIRT-RED-M=2, 1234567=1` — a SKU or a line
 * id, then the quantity (omitted: all that remain). Resolved against the lines of one fulfillment
 * order or order, so a typo is an error that names the line, never a silently skipped line.
 */
import { splitList } from '../lists';

export interface LineRef {
	ref: string;
	quantity?: number;
}

export interface CandidateLine {
	/** gid of the line (FulfillmentOrderLineItem or LineItem). */
	id: string;
	sku: string | null;
	/** What can still be acted on (remaining, refundable). */
	available: number;
}

export class LineSpecError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LineSpecError';
	}
}

export function parseLineSpec(spec: string): LineRef[] {
	return splitList(spec).map((part) => {
		const match = /^(.+?)\s*(?:[=:x×]\s*(\d+))?$/.exec(part);
		if (!match)
			throw new LineSpecError(`"${part}" is not a line: write SKU=quantity or line ID=quantity`);
		const quantity = match[2] === undefined ? undefined : Number(match[2]);
		if (quantity !== undefined && quantity <= 0)
			throw new LineSpecError(`"${part}": the quantity must be at least 1`);
		return { ref: match[1].trim(), quantity };
	});
}

function matches(ref: string, line: CandidateLine): boolean {
	if (/^\d+$/.test(ref)) return line.id.endsWith(`/${ref}`);
	if (ref.startsWith('gid://')) return line.id === ref;
	return line.sku !== null && line.sku.toLowerCase() === ref.toLowerCase();
}

/** Each reference as `{ id, quantity }`; quantity defaults to what is available. */
export function resolveLines(
	refs: LineRef[],
	lines: CandidateLine[],
	what: string,
): Array<{ id: string; quantity: number }> {
	return refs.map(({ ref, quantity }) => {
		const found = lines.filter((line) => matches(ref, line));
		if (found.length === 0) {
			const known = lines.map((line) => line.sku ?? line.id).join(', ');
			throw new LineSpecError(`${what} has no line "${ref}" (its lines: ${known || 'none'})`);
		}
		if (found.length > 1)
			throw new LineSpecError(
				`"${ref}" matches ${found.length} lines of ${what}: use the line ID instead`,
			);
		const [line] = found;
		const wanted = quantity ?? line.available;
		if (wanted === 0) throw new LineSpecError(`${what}: "${ref}" has nothing left`);
		if (wanted > line.available)
			throw new LineSpecError(
				`${what}: "${ref}" has ${line.available} left, ${wanted} were asked for`,
			);
		return { id: line.id, quantity: wanted };
	});
}
