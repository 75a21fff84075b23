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

/**
 * How long a query runs once admitted, holding its requested cost all the while (Shopify refunds
 * the difference to the actual cost only when it ends). Without it the emulator answers at once
 * and concurrent clients never compete for the bucket.
 */
export interface ServiceTime {
	/** Every query, whatever it costs. */
	fixedMs?: number;
	/** Per point of the query's actual cost (what it really resolved). */
	msPerPoint?: number;
}

export function serviceTimeMs(serviceTime: ServiceTime, actualCost: number): number {
	return Math.max(0, (serviceTime.fixedMs ?? 0) + (serviceTime.msPerPoint ?? 0) * actualCost);
}

export class LeakyBucket {
	private available: number;
	private updatedAt: number;
	/** The fewest points the bucket ever held (tests check it never goes negative). */
	lowestAvailable: number;

	constructor(
		private readonly plan: Plan = STANDARD_PLAN,
		private readonly now: () => number = Date.now,
	) {
		this.available = plan.maximumAvailable;
		this.lowestAvailable = this.available;
		this.updatedAt = now();
	}

	/** Charges the cost if the bucket holds enough; false means THROTTLED. */
	take(cost: number): boolean {
		this.refill();
		if (cost > this.available) return false;
		this.available -= cost;
		this.lowestAvailable = Math.min(this.lowestAvailable, this.available);
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

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
	return new Map(
		document.definitions.flatMap((definition) =>
			definition.kind === Kind.FRAGMENT_DEFINITION
				? [[definition.name.value, definition] as const]
				: [],
		),
	);
}

/**
 * Costs of selection sets, computed bottom-up: each field resolved against the schema by TypeInfo,
 * each selection set costed when the visit leaves it (its fields' costs are known by then).
 */
class SelectionCosts {
	private readonly costs = new Map<SelectionSetNode, number>();
	private readonly fieldTypes = new Map<FieldNode, string>();

	constructor(
		private readonly schema: GraphQLSchema,
		private readonly fragments: Map<string, FragmentDefinitionNode>,
		private readonly variables: Record<string, unknown>,
	) {}

	/** Costs every selection set of an operation or fragment (fragments it spreads must be measured first). */
	measure(node: OperationDefinitionNode | FragmentDefinitionNode): void {
		const typeInfo = new TypeInfo(this.schema);
		visit(
			node,
			visitWithTypeInfo(typeInfo, {
				SelectionSet: {
					leave: (selectionSet) => {
						this.costs.set(selectionSet, this.selectionCost(selectionSet));
					},
				},
				Field: {
					leave: (field) => {
						const type = typeInfo.getType();
						this.fieldTypes.set(field, type ? getNamedType(type).name : '');
					},
				},
			}),
		);
	}

	of(selectionSet: SelectionSetNode | undefined): number {
		return (selectionSet && this.costs.get(selectionSet)) ?? 0;
	}

	private selectionCost(selectionSet: SelectionSetNode): number {
		let total = 0;
		for (const selection of selectionSet.selections) {
			if (selection.kind === Kind.FIELD) total += this.fieldCost(selection);
			else if (selection.kind === Kind.INLINE_FRAGMENT) total += this.of(selection.selectionSet);
			else total += this.of(this.fragments.get(selection.name.value)?.selectionSet);
		}
		return total;
	}

	/** Scalars 0, objects 1 + their selection, connections 2 + page size × one node's cost. */
	private fieldCost(field: FieldNode): number {
		if (!field.selectionSet) return 0;
		const typeName = this.fieldTypes.get(field) ?? '';
		if (!isConnectionTypeName(typeName)) return 1 + this.of(field.selectionSet);
		const size = Number(
			argumentValue(field, 'first', this.variables) ??
				argumentValue(field, 'last', this.variables) ??
				0,
		);
		return 2 + size * Math.max(1, this.perNodeCost(field.selectionSet));
	}

	/** What one edge's node (or one entry of `nodes`) of a connection costs. */
	private perNodeCost(connection: SelectionSetNode): number {
		return connection.selections.reduce((sum, selection) => {
			if (selection.kind !== Kind.FIELD || !selection.selectionSet) return sum;
			if (selection.name.value === 'nodes') return sum + 1 + this.of(selection.selectionSet);
			if (selection.name.value === 'edges') {
				const node = selection.selectionSet.selections.find(
					(edgeField): edgeField is FieldNode =>
						edgeField.kind === Kind.FIELD && edgeField.name.value === 'node',
				);
				return sum + (node?.selectionSet ? 1 + this.of(node.selectionSet) : 0);
			}
			return sum;
		}, 0);
	}
}

/** The cost Shopify would charge up front for an operation. */
export function requestedQueryCost(
	schema: GraphQLSchema,
	document: DocumentNode,
	operation: OperationDefinitionNode,
	variables: Record<string, unknown>,
): number {
	if (operation.operation === 'mutation') {
		return operation.selectionSet.selections.length * MUTATION_COST;
	}
	const fragments = fragmentsOf(document);
	const costs = new SelectionCosts(schema, fragments, variables);
	// Fragments first (a few passes, as fragments may spread fragments), then the operation.
	for (let pass = 0; pass < 3; pass++)
		for (const fragment of fragments.values()) costs.measure(fragment);
	costs.measure(operation);
	return costs.of(operation.selectionSet);
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
