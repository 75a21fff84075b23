/**
 * What the support desk shows for a search: each entity the handle names, with what needs a
 * person (its unresolved exceptions, its in-doubt writes) and its story; without a search, the
 * unresolved exceptions across every flow, oldest first.
 */
import type { ExceptionRecord, Ledger, StoredAuditEvent, WriteRecord } from '../ledger/types';
import { findTrails } from '../trail/find';

export interface EntityCase {
	entity: string;
	/** What people call it (the order name #1025), when the trail or an exception says. */
	name: string | null;
	events: StoredAuditEvent[];
	exceptions: ExceptionRecord[];
	inDoubt: WriteRecord[];
}

export interface DeskFindings {
	query: string;
	cases: EntityCase[];
	/** Without a search: what is waiting for someone. */
	attention: ExceptionRecord[];
}

const ATTENTION_LIMIT = 50;

/** The order name the mapping recorded, or the one on an exception's item. */
function nameOf(events: StoredAuditEvent[], exceptions: ExceptionRecord[]): string | null {
	const mapped = events.find((event) => typeof event.details.orderNumber === 'string');
	if (mapped) return String(mapped.details.orderNumber);
	const named = exceptions
		.map((exception) => (exception.item.payload as { name?: unknown } | undefined)?.name)
		.find((name) => typeof name === 'string');
	return typeof named === 'string' ? named : null;
}

export async function deskFindings(ledger: Ledger, query: string): Promise<DeskFindings> {
	const text = query.trim();
	if (!text)
		return {
			query: '',
			cases: [],
			attention: await ledger.listExceptions({ state: 'unresolved', limit: ATTENTION_LIMIT }),
		};
	const trails = await findTrails(ledger, text);
	const cases = await Promise.all(
		trails.map(async (trail) => {
			const exceptions = await ledger.listExceptions({ entity: trail.entity, state: 'unresolved' });
			return {
				...trail,
				name: nameOf(trail.events, exceptions),
				exceptions,
				inDoubt: await ledger.inDoubtWrites({ entity: trail.entity }),
			};
		}),
	);
	return { query: text, cases, attention: [] };
}
