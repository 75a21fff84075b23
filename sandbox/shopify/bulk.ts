/**
 * Bulk operations: a query runs over whole connections (no page size), and its result is a JSONL
 * file served over HTTP — one object per line, nested connection nodes as their own lines with
 * `__parentId`, as Shopify writes them.
 */
import { execute, parse, type GraphQLSchema } from 'graphql';

import { withUnboundedConnections } from './connection';
import { fieldResolver, typeResolver } from './record-resolvers';
import { validateDocument } from './schema';
import type { ShopifyStore } from './store';

export interface BulkOperationRecord {
	id: string;
	status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED';
	errorCode: string | null;
	query: string;
	createdAt: string;
	completedAt: string | null;
	objectCount: number;
	rootObjectCount: number;
	fileSize: number | null;
	url: string | null;
	type: 'QUERY';
}

export class BulkOperationError extends Error {
	constructor(
		readonly field: string[],
		message: string,
		readonly code = 'INVALID',
	) {
		super(message);
	}
}

const MAX_CONCURRENT = 5;

/**
 * A result too large to build from the store as objects (a benchmark's millions of inventory
 * levels): its JSONL lines are generated as the file is downloaded.
 */
export interface GeneratedBulkFile {
	lines: () => Iterable<string>;
	objectCount: number;
	rootObjectCount: number;
}

/** The generated file for a bulk query, or undefined to run the query on the store. */
export type BulkFileGenerator = (query: string) => GeneratedBulkFile | undefined;

/** Flattens a bulk result into JSONL rows: connection nodes become rows, children point at their parent. */
export function toJsonlRows(data: Record<string, unknown>): Array<Record<string, unknown>> {
	const rows: Array<Record<string, unknown>> = [];
	const nodesOf = (value: Record<string, unknown>): Array<Record<string, unknown>> | undefined => {
		if (Array.isArray(value.nodes)) return value.nodes as Array<Record<string, unknown>>;
		if (Array.isArray(value.edges))
			return (value.edges as Array<{ node: Record<string, unknown> }>).map((edge) => edge.node);
		return undefined;
	};
	const emit = (node: Record<string, unknown>, parentId?: string) => {
		const row: Record<string, unknown> = {};
		const children: Array<Record<string, unknown>> = [];
		for (const [key, value] of Object.entries(node)) {
			const nested =
				value && typeof value === 'object' && !Array.isArray(value)
					? nodesOf(value as Record<string, unknown>)
					: undefined;
			if (nested) children.push(...nested);
			else row[key] = value;
		}
		if (parentId) row.__parentId = parentId;
		rows.push(row);
		for (const child of children) emit(child, String(node.id));
	};
	for (const value of Object.values(data)) {
		const roots =
			value && typeof value === 'object' ? nodesOf(value as Record<string, unknown>) : undefined;
		for (const root of roots ?? []) emit(root);
	}
	return rows;
}

export class BulkOperations {
	readonly operations: BulkOperationRecord[] = [];
	readonly files = new Map<string, string | GeneratedBulkFile>();

	constructor(
		private readonly store: ShopifyStore,
		/** How long an operation stays RUNNING before it completes. */
		private readonly durationMs = 100,
		private readonly generate?: BulkFileGenerator,
	) {}

	run(
		schema: GraphQLSchema,
		query: string,
		rootValue: () => Record<string, unknown>,
		baseUrl: string,
		onFinish: (record: BulkOperationRecord) => void,
	): BulkOperationRecord {
		const running = this.operations.filter(
			(operation) => operation.status === 'CREATED' || operation.status === 'RUNNING',
		);
		if (running.length >= MAX_CONCURRENT) {
			throw new BulkOperationError(
				['query'],
				`A shop can run at most ${MAX_CONCURRENT} bulk queries at once.`,
				'LIMIT_REACHED',
			);
		}
		const { document, errors } = validateDocument(schema, query);
		if (!document)
			throw new BulkOperationError(
				['query'],
				`Invalid bulk query: ${errors.map((error) => error.message).join('; ')}`,
			);
		const definition = parse(query).definitions[0];
		if (definition.kind !== 'OperationDefinition' || definition.operation !== 'query') {
			throw new BulkOperationError(['query'], 'Bulk operations only run queries.');
		}
		const record: BulkOperationRecord = {
			id: this.store.newGid('BulkOperation'),
			status: 'RUNNING',
			errorCode: null,
			query,
			createdAt: this.store.timestamp(),
			completedAt: null,
			objectCount: 0,
			rootObjectCount: 0,
			fileSize: null,
			url: null,
			type: 'QUERY',
		};
		this.operations.push(record);
		const generated = this.generate?.(query);
		setTimeout(() => {
			if (generated) this.complete(record, generated, baseUrl);
			else
				this.execute(
					record,
					() => execute({ schema, document, rootValue: rootValue(), fieldResolver, typeResolver }),
					baseUrl,
				);
			record.completedAt = this.store.timestamp();
			onFinish(record);
		}, this.durationMs).unref();
		return record;
	}

	private execute(
		record: BulkOperationRecord,
		run: () => ReturnType<typeof execute>,
		baseUrl: string,
	): void {
		const result = withUnboundedConnections(run);
		if ('then' in result || result.errors?.length) {
			record.status = 'FAILED';
			record.errorCode = 'INTERNAL_SERVER_ERROR';
			return;
		}
		const rows = toJsonlRows(result.data as Record<string, unknown>);
		const body = rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length ? '\n' : '');
		this.complete(
			record,
			body,
			baseUrl,
			rows.length,
			rows.filter((row) => !('__parentId' in row)).length,
		);
	}

	private complete(
		record: BulkOperationRecord,
		file: string | GeneratedBulkFile,
		baseUrl: string,
		objectCount = typeof file === 'string' ? 0 : file.objectCount,
		rootObjectCount = typeof file === 'string' ? 0 : file.rootObjectCount,
	): void {
		this.files.set(record.id, file);
		record.objectCount = objectCount;
		record.rootObjectCount = rootObjectCount;
		record.fileSize = typeof file === 'string' ? Buffer.byteLength(file) : null;
		record.url = objectCount ? `${baseUrl}/_bulk/${encodeURIComponent(record.id)}.jsonl` : null;
		record.status = 'COMPLETED';
	}

	find(id: string): BulkOperationRecord | undefined {
		return this.operations.find((operation) => operation.id === id);
	}
}
