/**
 * Shopify's calculated query cost and the leaky bucket it is charged against.
 * Costs: scalar/enum 0, object 1, connection 2 + (first|last) × the cost of one node,
 * mutation field 10. Requested cost is charged up front; the difference to the actual cost
 * (from what was really returned) is refunded after execution.
 */
import {
	getNamedType,
	Kind,
	TypeInfo,
	visit,
	visitWithTypeInfo,
	type DocumentNode,
	type FieldNode,
	type FragmentDefinitionNode,
	type GraphQLSchema,
	type OperationDefinitionNode,
	type SelectionSetNode,
	type ValueNode,
} from 'graphql';

export const MAX_QUERY_COST = 1000;
const MUTATION_COST = 10;

export interface ThrottleStatus {
	maximumAvailable: number;
	currentlyAvailable: number;
	restoreRate: number;
}

export interface Plan {
	maximumAvailable: number;
	restoreRate: number;
}

/** Standard plans: a 2,000-point bucket restored at 100 points a second. */
export const STANDARD_PLAN: Plan = { maximumAvailable: 2000, restoreRate: 100 };

export class LeakyBucket {
	private available: number;
	private updatedAt: number;

	constructor(
		private readonly plan: Plan = STANDARD_PLAN,
		private readonly now: () => number = Date.now,
	) {
		this.available = plan.maximumAvailable;
		this.updatedAt = now();
	}

	/** Charges the cost if the bucket holds enough; false means THROTTLED. */
	take(cost: number): boolean {
		this.refill();
		if (cost > this.available) return false;
		this.available -= cost;
		return true;
	}

	refund(points: number): void {
		this.refill();
		this.available = Math.min(this.plan.maximumAvailable, this.available + Math.max(0, points));
	}

	status(): ThrottleStatus {
		this.refill();
		return {
			maximumAvailable: this.plan.maximumAvailable,
			currentlyAvailable: Math.floor(this.available),
			restoreRate: this.plan.restoreRate,
		};
	}

	private refill(): void {
		const now = this.now();
		const restored = ((now - this.updatedAt) / 1000) * this.plan.restoreRate;
		this.available = Math.min(this.plan.maximumAvailable, this.available + restored);
		this.updatedAt = now;
	}
}

function argumentValue(
	field: FieldNode,
	name: string,
	variables: Record<string, unknown>,
): unknown {
	const argument = field.arguments?.find((candidate) => candidate.name.value === name);
	if (!argument) return undefined;
	const value: ValueNode = argument.value;
	if (value.kind === Kind.VARIABLE) return variables[value.name.value];
	if (value.kind === Kind.INT) return Number(value.value);
	return undefined;
}

function isConnectionTypeName(name: string): boolean {
	return name.endsWith('Connection');
}

/** The cost Shopify would charge up front for an operation. */
export function requestedQueryCost(
	schema: GraphQLSchema,
	document: DocumentNode,
	operation: OperationDefinitionNode,
	variables: Record<string, unknown>,
): number {
	const fragments = new Map(
		document.definitions.flatMap((definition) =>
			definition.kind === Kind.FRAGMENT_DEFINITION
				? [[definition.name.value, definition] as const]
				: [],
		),
	);
	const fieldTypes = new Map<FieldNode, string>();
	// Cost of a selection set, computed bottom-up: fields resolved against the schema by TypeInfo.
	const costs = new Map<SelectionSetNode, number>();
	const costOf = (node: OperationDefinitionNode | FragmentDefinitionNode) => {
		const typeInfo = new TypeInfo(schema);
		visit(
			node,
			visitWithTypeInfo(typeInfo, {
				SelectionSet: {
					leave(selectionSet) {
						costs.set(selectionSet, selectionCost(selectionSet));
					},
				},
				Field: {
					leave(field) {
						const type = typeInfo.getType();
						fieldTypes.set(field, type ? getNamedType(type).name : '');
					},
				},
			}),
		);
	};
	// Fragments first (a few passes, as fragments may spread fragments), then the operation.
	for (let pass = 0; pass < 3; pass++) for (const fragment of fragments.values()) costOf(fragment);
	costOf(operation);

	function selectionCost(selectionSet: SelectionSetNode): number {
		let total = 0;
		for (const selection of selectionSet.selections) {
			if (selection.kind === Kind.FIELD) total += fieldCost(selection);
			else if (selection.kind === Kind.INLINE_FRAGMENT)
				total += costs.get(selection.selectionSet) ?? 0;
			else
				total +=
					costs.get(fragments.get(selection.name.value)?.selectionSet as SelectionSetNode) ?? 0;
		}
		return total;
	}

	function fieldCost(field: FieldNode): number {
		if (!field.selectionSet) return 0;
		const typeName = fieldTypes.get(field) ?? '';
		const children = costs.get(field.selectionSet) ?? 0;
		if (!isConnectionTypeName(typeName)) return 1 + children;
		const size = Number(
			argumentValue(field, 'first', variables) ?? argumentValue(field, 'last', variables) ?? 0,
		);
		// Per-node cost: what one edge's node (or one entry of `nodes`) costs.
		const perNode = field.selectionSet.selections.reduce((sum, selection) => {
			if (selection.kind !== Kind.FIELD || !selection.selectionSet) return sum;
			if (selection.name.value === 'nodes')
				return sum + 1 + (costs.get(selection.selectionSet) ?? 0);
			if (selection.name.value === 'edges') {
				const node = selection.selectionSet.selections.find(
					(edgeField): edgeField is FieldNode =>
						edgeField.kind === Kind.FIELD && edgeField.name.value === 'node',
				);
				return sum + (node?.selectionSet ? 1 + (costs.get(node.selectionSet) ?? 0) : 0);
			}
			return sum;
		}, 0);
		return 2 + size * Math.max(1, perNode);
	}

	if (operation.operation === 'mutation') {
		return operation.selectionSet.selections.length * MUTATION_COST;
	}
	return costs.get(operation.selectionSet) ?? 0;
}

/** The cost of what was actually returned: objects 1, connections 2 + their returned nodes. */
export function actualQueryCost(data: unknown, isMutation: boolean, requested: number): number {
	if (isMutation) return requested;
	const walk = (value: unknown): number => {
		if (Array.isArray(value)) return value.reduce((sum: number, entry) => sum + walk(entry), 0);
		if (value === null || typeof value !== 'object') return 0;
		const record = value as Record<string, unknown>;
		const isConnection =
			'pageInfo' in record ||
			'edges' in record ||
			('nodes' in record && Array.isArray(record.nodes));
		let total = isConnection ? 2 : 1;
		for (const child of Object.values(record)) total += walk(child);
		return total;
	};
	// The root `data` object itself is not charged.
	return Math.max(0, walk(data) - 1);
}
