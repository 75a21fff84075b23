/** The shop's locations, for the editor's location pickers. */
import type { ShopifyAdminClient } from './client';
import { LOCATIONS_QUERY, type LocationSummary } from './documents/locations';
import type { Page } from './pagination';

export type { LocationSummary };

const PAGE_SIZE = 100;

export interface LocationsPage {
	locations: LocationSummary[];
	/** Where the next page starts; undefined on the last page. */
	nextCursor?: string;
}

/**
 * One page of the shop's locations whose name contains `filter` (any case), or whose ID is it.
 * Filtered here: Shopify's search matches whole words, and a shop has few locations.
 */
export async function searchLocations(
	client: ShopifyAdminClient,
	filter = '',
	after?: string,
): Promise<LocationsPage> {
	const { locations } = await client.request<{ locations: Page<LocationSummary> }>(
		LOCATIONS_QUERY,
		{ first: PAGE_SIZE, after: after ?? null },
	);
	const wanted = filter.trim().toLowerCase();
	const matches = (location: LocationSummary) =>
		location.name.toLowerCase().includes(wanted) ||
		location.legacyResourceId === wanted ||
		location.id.toLowerCase() === wanted;
	return {
		locations: wanted ? locations.nodes.filter(matches) : locations.nodes,
		nextCursor: locations.pageInfo.hasNextPage
			? (locations.pageInfo.endCursor ?? undefined)
			: undefined,
	};
}

/** Every location of the shop, by name. */
export async function allLocations(client: ShopifyAdminClient): Promise<LocationSummary[]> {
	const all: LocationSummary[] = [];
	let cursor: string | undefined;
	do {
		const page = await searchLocations(client, '', cursor);
		all.push(...page.locations);
		cursor = page.nextCursor;
	} while (cursor);
	return all;
}

/** The location's page in the Shopify admin (what a "By URL" location field accepts). */
export function locationAdminUrl(client: ShopifyAdminClient, location: LocationSummary): string {
	return `${client.origin}/admin/settings/locations/${location.legacyResourceId}`;
}
