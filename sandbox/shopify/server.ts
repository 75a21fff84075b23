/**
 * The Shopify Admin GraphQL emulator: `POST /admin/api/{version}/graphql.json` with
 * `X-Shopify-Access-Token`. Every document is validated against Shopify's official schema for
 * the requested version, charged against a leaky bucket with Shopify's cost rules, and executed
 * against the emulator's store.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { execute, getOperationAST, type ExecutionResult, type GraphQLSchema } from 'graphql';

import { BulkOperations, type BulkFileGenerator, type GeneratedBulkFile } from './bulk';
import { handleControl } from './control';
import {
	actualQueryCost,
	LeakyBucket,
	MAX_QUERY_COST,
	requestedQueryCost,
	serviceTimeMs,
	STANDARD_PLAN,
	type Plan,
	type ServiceTime,
	type ThrottleStatus,
} from './cost';
import { toShopifyError } from './errors';
import { IdempotencyStore } from './idempotency';
import { fieldResolver, typeResolver } from './record-resolvers';
import {
	executionReply,
	maxCostExceeded,
	MISSING_QUERY,
	OPERATION_NAME_REQUIRED,
	throttled,
} from './replies';
import { createRootValue } from './resolvers';
import { restPayload } from './rest';
import { availableSchemaVersions, loadAdminSchema, validateDocument } from './schema';
import { ShopifyStore } from './store';
import { Views } from './views';
import { WebhookDispatcher } from './webhooks';

export interface ShopifyEmulatorOptions {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	/** Admin API access tokens the shop accepts. */
	accessTokens?: string[];
	plan?: Plan;
	store?: ShopifyStore;
	/** The app's client secret: webhooks are signed with it. */
	appSecret?: string;
	/** Base of the webhook retry backoff (Shopify: minutes; tests: milliseconds). */
	webhookRetryBaseMs?: number;
	/** How long a bulk operation runs before it completes. */
	bulkDurationMs?: number;
	/** Results written line by line instead of from the store (a benchmark's millions of rows). */
	generatedBulkFiles?: BulkFileGenerator;
	/** An app that may use the client credentials grant (`POST /admin/oauth/access_token`). */
	clientCredentials?: { clientId: string; clientSecret: string; tokenLifetimeSeconds?: number };
	/** How long each query holds its requested cost (none by default: answers come at once). */
	serviceTime?: ServiceTime;
}

/** One query's dealings with the bucket, as the emulator saw them. */
export interface CostRecord {
	admittedAt: number;
	answeredAt: number;
	/** What the bucket held just before the query asked for its requested cost. */
	availableBefore: number;
	requested: number;
	/** Absent when the query was THROTTLED. */
	actual?: number;
	status: ThrottleStatus;
}

const INVALID_TOKEN =
	'[API] Invalid API key or access token (unrecognized login or wrong password)';

export class ShopifyEmulator {
	readonly store: ShopifyStore;
	readonly accessTokens: Set<string>;
	/** One bucket per access token (Shopify's is per app and store). */
	private readonly buckets = new Map<string, LeakyBucket>();
	private server?: Server;
	url = '';
	/** Called with each GraphQL request's path and raw body (for tests that check what was sent). */
	onRequest?: (url: string, body: string) => void;
	/** Called with each query's cost once it is answered (benchmarks measure the bucket with it). */
	onCost?: (record: CostRecord) => void;
	/** How long queries hold their requested cost; the control API changes it. */
	serviceTime: ServiceTime;

	readonly webhooks: WebhookDispatcher;
	/** Results of @idempotent mutations by key, for the life of the emulator. */
	readonly idempotency = new IdempotencyStore();
	readonly bulk: BulkOperations;
	/** Tokens issued by the client credentials grant, with their expiry (epoch ms). */
	readonly issuedTokens = new Map<string, number>();

	constructor(private readonly options: ShopifyEmulatorOptions = {}) {
		this.store = options.store ?? new ShopifyStore();
		this.accessTokens = new Set(options.accessTokens ?? ['shpat_sandbox']);
		this.serviceTime = options.serviceTime ?? {};
		this.webhooks = new WebhookDispatcher({
			shopDomain: this.store.shop.myshopifyDomain,
			secret: options.appSecret ?? 'sandbox-app-secret',
			retryBaseMs: options.webhookRetryBaseMs,
		});
		this.bulk = new BulkOperations(this.store, options.bulkDurationMs, options.generatedBulkFiles);
		this.store.subscribe((event) => {
			const payload = restPayload(this.store, event);
			if (payload) this.webhooks.emit(event.topic, payload);
		});
	}

	static async start(options: ShopifyEmulatorOptions = {}): Promise<ShopifyEmulator> {
		const emulator = new ShopifyEmulator(options);
		await emulator.listen();
		return emulator;
	}

	async listen(): Promise<void> {
		const server = createServer((req, res) => {
			this.handle(req, res).catch((error: unknown) => {
				send(res, 500, { errors: [{ message: `Internal error: ${(error as Error).message}` }] });
			});
		});
		await new Promise<void>((resolve) =>
			server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve),
		);
		const { address, port } = server.address() as AddressInfo;
		this.server = server;
		this.url = `http://${address}:${port}`;
	}

	async close(): Promise<void> {
		this.webhooks.stop();
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	bucket(accessToken: string): LeakyBucket {
		let bucket = this.buckets.get(accessToken);
		if (!bucket) {
			bucket = new LeakyBucket(this.options.plan ?? STANDARD_PLAN);
			this.buckets.set(accessToken, bucket);
		}
		return bucket;
	}

	private acceptsToken(token: string): boolean {
		const expiresAt = this.issuedTokens.get(token);
		return this.accessTokens.has(token) || (expiresAt !== undefined && Date.now() < expiresAt);
	}

	/** Shopify's client credentials grant: a JSON body with client id and secret → a token that expires. */
	private async grantToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const app = this.options.clientCredentials;
		if (req.method !== 'POST') return send(res, 405, { errors: 'Method Not Allowed' });
		let body: { client_id?: unknown; client_secret?: unknown; grant_type?: unknown } = {};
		try {
			body = JSON.parse(await readBody(req)) as typeof body;
		} catch {
			return send(res, 400, {
				error: 'invalid_request',
				error_description: 'The body must be JSON',
			});
		}
		if (body.grant_type !== 'client_credentials') {
			return send(res, 400, {
				error: 'unsupported_grant_type',
				error_description: 'grant_type must be client_credentials',
			});
		}
		if (!app || body.client_id !== app.clientId || body.client_secret !== app.clientSecret) {
			return send(res, 401, {
				error: 'invalid_client',
				error_description: 'Client authentication failed',
			});
		}
		const lifetime = app.tokenLifetimeSeconds ?? 86_399;
		const accessToken = `shpat_${randomUUID().replace(/-/g, '')}`;
		this.issuedTokens.set(accessToken, Date.now() + lifetime * 1000);
		send(res, 200, {
			access_token: accessToken,
			scope: 'read_orders,write_orders,write_inventory,write_fulfillments',
			expires_in: lifetime,
		});
	}

	private rootValue(schema: GraphQLSchema, apiVersion: string): Record<string, unknown> {
		const root = (): Record<string, unknown> =>
			createRootValue({
				store: this.store,
				views: new Views(this.store),
				webhooks: this.webhooks,
				idempotency: this.idempotency,
				apiVersion,
				bulk: this.bulk,
				runBulkQuery: (query) =>
					this.bulk.run(schema, query, root, this.url, (record) =>
						this.webhooks.emit('BULK_OPERATIONS_FINISH', {
							admin_graphql_api_id: record.id,
							completed_at: record.completedAt,
							created_at: record.createdAt,
							error_code: record.errorCode?.toLowerCase() ?? null,
							status: record.status.toLowerCase(),
							type: 'query',
						}),
					),
			});
		return root();
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		res.setHeader('X-Request-Id', randomUUID());
		const path = (req.url ?? '').split('?')[0];
		const bulkFile = /^\/_bulk\/(.+)\.jsonl$/.exec(path);
		if (bulkFile && req.method === 'GET') return this.serveBulkFile(res, bulkFile[1]);
		if (path.startsWith('/_control/')) return await this.control(req, res, path);
		if (path === '/admin/oauth/access_token') return await this.grantToken(req, res);
		const match = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
		if (!match) return send(res, 404, { errors: 'Not Found' });
		return await this.graphql(req, res, match[1]);
	}

	/** A bulk operation's JSONL result, at the URL the operation reported. */
	private serveBulkFile(res: ServerResponse, name: string): void {
		const file = this.bulk.files.get(decodeURIComponent(name));
		if (file === undefined) return send(res, 404, { errors: 'Not Found' });
		res.writeHead(200, { 'content-type': 'application/jsonl' });
		if (typeof file === 'string') return void res.end(file);
		void writeGenerated(res, file);
	}

	/** The `/_control/` API tests and the demo use to seed and steer the shop. */
	private async control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
		const raw = await readBody(req);
		let body: unknown;
		try {
			body = raw ? (JSON.parse(raw) as unknown) : undefined;
		} catch {
			return send(res, 400, { error: 'The body is not valid JSON' });
		}
		const reply = handleControl(this, req.method ?? 'GET', path, body);
		send(res, reply.status, reply.body);
	}

	/** One GraphQL request: token and version checked, document validated, cost charged, executed. */
	private async graphql(req: IncomingMessage, res: ServerResponse, version: string): Promise<void> {
		if (req.method !== 'POST') return send(res, 405, { errors: 'Method Not Allowed' });
		const token = String(req.headers['x-shopify-access-token'] ?? '');
		if (!this.acceptsToken(token)) return send(res, 401, { errors: INVALID_TOKEN });
		if (!availableSchemaVersions().includes(version)) {
			return send(res, 404, { errors: `API version ${version} is not available here` });
		}
		res.setHeader('X-Shopify-API-Version', version);
		const raw = await readBody(req);
		this.onRequest?.(req.url ?? '', raw);
		const request = parseGraphqlRequest(raw);
		if (!request) return send(res, 400, MISSING_QUERY);

		const schema = loadAdminSchema(version);
		const { document, errors } = validateDocument(schema, request.query);
		if (!document) return send(res, 200, { errors: errors.map(toShopifyError) });
		const operation = getOperationAST(document, request.operationName);
		if (!operation) return send(res, 200, OPERATION_NAME_REQUIRED);

		const bucket = this.bucketOfToken(token);
		const requested = requestedQueryCost(schema, document, operation, request.variables);
		if (requested > MAX_QUERY_COST) return send(res, 200, maxCostExceeded(requested));
		const admittedAt = Date.now();
		const availableBefore = bucket.status().currentlyAvailable;
		if (!bucket.take(requested)) {
			const status = bucket.status();
			this.onCost?.({ admittedAt, answeredAt: admittedAt, availableBefore, requested, status });
			return send(res, 200, throttled(requested, status));
		}

		const result: ExecutionResult = await execute({
			schema,
			document,
			operationName: request.operationName,
			variableValues: request.variables,
			rootValue: this.rootValue(schema, version),
			fieldResolver,
			typeResolver,
		});
		const actual = actualQueryCost(result.data, operation.operation === 'mutation', requested);
		// The requested cost stays held while the query "runs"; the refund comes at its end.
		const holdMs = serviceTimeMs(this.serviceTime, actual);
		if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
		bucket.refund(requested - actual);
		const status = bucket.status();
		this.onCost?.({
			admittedAt,
			answeredAt: Date.now(),
			availableBefore,
			requested,
			actual,
			status,
		});
		send(res, 200, executionReply(result, { requested, actual, status }));
	}

	/** Shopify's bucket belongs to the app on the store, whichever of its tokens is used. */
	private bucketOfToken(token: string): LeakyBucket {
		return this.bucket(
			this.issuedTokens.has(token) ? `app:${this.options.clientCredentials?.clientId}` : token,
		);
	}
}

interface GraphqlRequest {
	query: string;
	variables: Record<string, unknown>;
	operationName?: string;
}

/** The JSON body of a GraphQL request; undefined when it is not JSON or has no query. */
function parseGraphqlRequest(raw: string): GraphqlRequest | undefined {
	let body: { query?: unknown; variables?: unknown; operationName?: unknown };
	try {
		body = JSON.parse(raw) as typeof body;
	} catch {
		return undefined;
	}
	if (typeof body.query !== 'string' || body.query.trim() === '') return undefined;
	return {
		query: body.query,
		variables: (body.variables ?? {}) as Record<string, unknown>,
		operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
	};
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

/** A generated file written in 64 kB pieces, waiting whenever the reader is behind. */
async function writeGenerated(res: ServerResponse, file: GeneratedBulkFile): Promise<void> {
	let piece = '';
	for (const line of file.lines()) {
		piece += line + '\n';
		if (piece.length < 65_536) continue;
		if (!res.write(piece))
			await new Promise<void>((resolve) => {
				const done = () => {
					res.off('drain', done);
					res.off('close', done);
					resolve();
				};
				res.on('drain', done);
				res.on('close', done);
			});
		if (res.destroyed) return;
		piece = '';
	}
	res.end(piece);
}
