/**
 * The shop's locations, by name, for picking one in the editor. Fulfillment services' legacy
 * locations are included: a 3PL's stock and fulfillment orders live there.
 */
export const LOCATIONS_QUERY = /* GraphQL */ `
	query OrderflowLocations($first: Int!, $after: String) {
		locations(
			first: $first
			after: $after
			sortKey: NAME
			includeLegacy: true
			includeInactive: false
		) {
			nodes {
				id
				legacyResourceId
				name
				isActive
			}
			pageInfo {
				hasNextPage
				endCursor
			}
		}
	}
`;

export interface LocationSummary {
	id: string;
	legacyResourceId: string;
	name: string;
	isActive: boolean;
}
