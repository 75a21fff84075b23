/** The audit trail an approval event belongs on: the item's Shopify order when it has one. */
import { presetKey } from '../dedupe/presets';

export function approvalEntity(json: Record<string, unknown>, requestId: string): string {
	try {
		return presetKey('shopifyOrderId', json).entity;
	} catch {
		return `approval:${requestId}`;
	}
}

/** The trails of the items that needed a decision, each once. */
export function approvalEntities(
	items: Array<Record<string, unknown>>,
	rules: unknown[][],
	requestId: string,
): string[] {
	return [
		...new Set(
			items.flatMap((json, index) =>
				rules[index]?.length ? [approvalEntity(json, requestId)] : [],
			),
		),
	];
}
