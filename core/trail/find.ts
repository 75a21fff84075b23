/**
 * Finding trails by what support has in hand: an entity (`shopify:order:1025`), a Shopify gid or
 * numeric order id, or anything remembered as a handle (an order name `#1025`, an ERP or 3PL
 * reference). Each entity's whole trail, oldest event first; entities without events are left out.
 */
import type { Ledger, StoredAuditEvent } from '../ledger/types';

const GID_KINDS: Record<string, string> = {
	Order: 'shopify:order',
	Refund: 'shopify:refund',
	FulfillmentOrder: 'shopify:fulfillment-order',
	Return: 'shopify:return',
};

/** The entities a handle names directly, before any remembered ones. */
export function directEntities(handle: string): string[] {
	const gid = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(handle);
	if (gid) return GID_KINDS[gid[1]] ? [`${GID_KINDS[gid[1]]}:${gid[2]}`] : [];
	if (/^\d+$/.test(handle)) return [`shopify:order:${handle}`];
	if (/^[a-z0-9-]+:[a-z-]+:\S+$/i.test(handle)) return [handle];
	return [];
}

export interface EntityTrail {
	entity: string;
	events: StoredAuditEvent[];
}

async function wholeTrail(ledger: Ledger, entity: string): Promise<StoredAuditEvent[]> {
	const events: StoredAuditEvent[] = [];
	for (
		let page = await ledger.trail(entity, { limit: 500 });
		page.length > 0;
		page = await ledger.trail(entity, { afterId: page[page.length - 1].id, limit: 500 })
	) {
		events.push(...page);
		if (page.length < 500) break;
	}
	return events;
}

export async function findTrails(ledger: Ledger, handle: string): Promise<EntityTrail[]> {
	const text = handle.trim();
	if (!text) return [];
	const entities = [...new Set([...directEntities(text), ...(await ledger.entitiesFor(text))])];
	const trails = await Promise.all(
		entities.map(async (entity) => ({ entity, events: await wholeTrail(ledger, entity) })),
	);
	return trails.filter((trail) => trail.events.length > 0);
}
