/**
 * A reference server for one side of the canonical contract (ERP or 3PL): routes from the
 * OpenAPI document, requests validated against it (400 problem details), bearer or basic auth
 * (401), an Idempotency-Key that can be switched off, fault injection, and SQLite state.
 * The ERP and 3PL servers differ only in their handlers.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ContractDatabase } from './database';
import { FaultTable, type FaultRule } from './faults';
import { describeErrors, loadContract, type ContractRoute, type ValidationIssue } from './openapi';

export class ProblemError extends Error {
	constructor(
		readonly status: number,
		readonly title: string,
		readonly detail?: string,
		readonly errors?: ValidationIssue[],
	) {
		super(detail ?? title);
	}
}

export interface HandlerContext {
	db: ContractDatabase;
	params: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
	now: string;
}

export interface HandlerResult {
	status: number;
	body: unknown;
}

export type Handler = (context: HandlerContext) => HandlerResult;

/** Extra routes outside the contract, for tests and the demo (e.g. "the 3PL ships this"). */
export type ControlHandler = (context: HandlerContext) => HandlerResult;

export interface ContractServerOptions {
	/** Which side of the contract this server implements: only its tagged operations are served. */
	tag: 'ERP' | '3PL';
	handlers: Record<string, Handler>;
	controls?: Record<string, ControlHandler>;
	host?: string;
	port?: number;
	bearerTokens?: string[];
	basicUsers?: Record<string, string>;
	/** Honour the Idempotency-Key header (default). Off imitates a system that creates again on every retry. */
	idempotency?: boolean;
	/** A SQLite file to keep state across restarts; memory when absent. */
	databaseFile?: string;
	seed?: (db: ContractDatabase) => void;
}

export class ContractServer {
	readonly faults = new FaultTable();
	readonly db: ContractDatabase;
	idempotency: boolean;
	url = '';
	private server?: Server;
	private readonly routes: ContractRoute[];

	constructor(private readonly options: ContractServerOptions) {
		this.db = new ContractDatabase(options.databaseFile);
		this.idempotency = options.idempotency ?? true;
		this.routes = loadContract().routes.filter((route) => route.tag === options.tag);
		const missing = this.routes.filter((route) => !options.handlers[route.operationId]);
		if (missing.length)
			throw new Error(`No handler for ${missing.map((route) => route.operationId).join(', ')}`);
		if (this.db.count('__seeded') === 0) {
			options.seed?.(this.db);
			this.db.insert('__seeded', 'seed', null, {}, new Date().toISOString());
		}
	}

	async listen(): Promise<void> {
		const server = createServer((req, res) => {
			this.handle(req, res).catch((error: unknown) => {
				if (!res.headersSent)
					sendProblem(res, new ProblemError(500, 'Internal error', (error as Error).message));
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
		const server = this.server;
		if (server) {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
		this.db.close();
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const method = req.method ?? 'GET';
		const raw = await readBody(req);
		try {
			if (url.pathname.startsWith('/_control/')) return send(res, this.control(method, url, raw));

			const { route, params } = this.match(method, url.pathname);
			this.authenticate(req);
			const body = parseBody(route, raw);
			const context: HandlerContext = {
				db: this.db,
				params,
				query: url.searchParams,
				body,
				now: new Date().toISOString(),
			};

			const faults = this.faults.take(method, url.pathname);
			for (const fault of faults) {
				if (fault.kind === 'latency') await sleep(fault.ms ?? 0);
				if (fault.kind === 'timeout') return; // the socket stays open until the client gives up
				if (fault.kind === 'status') {
					if (fault.retryAfterSeconds !== undefined)
						res.setHeader('Retry-After', String(fault.retryAfterSeconds));
					throw new ProblemError(
						fault.status!,
						fault.status === 429 ? 'Too many requests' : 'Service unavailable',
					);
				}
			}
			const result = this.execute(route, context, req.headers['idempotency-key'], raw, res);
			if (faults.some((fault) => fault.kind === 'commit-then-drop')) {
				res.socket?.destroy();
				return;
			}
			send(res, result);
		} catch (error) {
			if (error instanceof ProblemError) return sendProblem(res, error);
			throw error;
		}
	}

	/** Runs the handler, under the Idempotency-Key when the server honours it. */
	private execute(
		route: ContractRoute,
		context: HandlerContext,
		keyHeader: string | string[] | undefined,
		raw: string,
		res: ServerResponse,
	): HandlerResult {
		const handler = this.options.handlers[route.operationId];
		const key = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
		if (!this.idempotency || !key || route.method === 'GET') return handler(context);

		const scope = `${route.method} ${route.template}:${JSON.stringify(context.params)}`;
		const fingerprint = createHash('sha256').update(raw).digest('hex');
		const claim = this.db.claimKey(scope, key, fingerprint);
		if (claim === 'in-flight')
			throw new ProblemError(
				409,
				'Request in progress',
				`A request with Idempotency-Key ${key} is still being processed`,
			);
		if (claim !== 'claimed') {
			if (claim.fingerprint !== fingerprint) {
				throw new ProblemError(
					409,
					'Idempotency-Key reused',
					`Idempotency-Key ${key} was used with a different request body`,
				);
			}
			res.setHeader('Idempotent-Replayed', 'true');
			return { status: claim.status, body: JSON.parse(claim.body) as unknown };
		}
		try {
			const result = this.db.transaction(() => {
				const outcome = handler(context);
				this.db.saveAnswer(scope, key, outcome.status, JSON.stringify(outcome.body));
				return outcome;
			});
			return result;
		} catch (error) {
			this.db.releaseKey(scope, key);
			throw error;
		}
	}

	private match(
		method: string,
		pathname: string,
	): { route: ContractRoute; params: Record<string, string> } {
		const candidates = this.routes.filter((route) => route.pattern.test(pathname));
		if (!candidates.length)
			throw new ProblemError(
				404,
				'Not found',
				`${pathname} is not part of the ${this.options.tag} contract`,
			);
		const route = candidates.find((candidate) => candidate.method === method);
		if (!route)
			throw new ProblemError(
				405,
				'Method not allowed',
				`${method} ${pathname} is not part of the contract`,
			);
		const values = route.pattern.exec(pathname)!.slice(1).map(decodeURIComponent);
		return {
			route,
			params: Object.fromEntries(route.parameterNames.map((name, index) => [name, values[index]])),
		};
	}

	private authenticate(req: IncomingMessage): void {
		const header = String(req.headers.authorization ?? '');
		const [scheme, value = ''] = header.split(' ');
		if (scheme === 'Bearer' && (this.options.bearerTokens ?? []).includes(value)) return;
		if (scheme === 'Basic') {
			const [user, ...rest] = Buffer.from(value, 'base64').toString('utf8').split(':');
			if (
				this.options.basicUsers?.[user] !== undefined &&
				this.options.basicUsers[user] === rest.join(':')
			)
				return;
		}
		throw new ProblemError(401, 'Unauthorized', 'Send a valid bearer token or basic credentials');
	}

	private control(method: string, url: URL, raw: string): HandlerResult {
		const body = raw ? (JSON.parse(raw) as unknown) : undefined;
		const name = url.pathname.slice('/_control/'.length);
		if (name === 'faults') {
			if (method === 'GET')
				return { status: 200, body: { rules: this.faults.list(), hits: this.faults.hits } };
			if (method === 'DELETE') {
				this.faults.clear();
				return { status: 200, body: { rules: [] } };
			}
			try {
				if (method === 'PUT') this.faults.set((body as FaultRule[]) ?? []);
				else this.faults.add(body as FaultRule);
			} catch (error) {
				throw new ProblemError(400, 'Invalid fault rule', (error as Error).message);
			}
			return { status: 200, body: { rules: this.faults.list() } };
		}
		if (name === 'idempotency') {
			if (method !== 'GET')
				this.idempotency = Boolean((body as { enabled?: boolean } | undefined)?.enabled);
			return { status: 200, body: { enabled: this.idempotency } };
		}
		for (const [pattern, handler] of Object.entries(this.options.controls ?? {})) {
			const [controlMethod, template] = pattern.split(' ');
			const regex = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`);
			const match = regex.exec(name);
			if (match && controlMethod === method) {
				const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
				const params = Object.fromEntries(
					names.map((n, i) => [n, decodeURIComponent(match[i + 1])]),
				);
				return handler({
					db: this.db,
					params,
					query: url.searchParams,
					body,
					now: new Date().toISOString(),
				});
			}
		}
		throw new ProblemError(404, 'Not found', `No control route ${method} /_control/${name}`);
	}
}

function parseBody(route: ContractRoute, raw: string): unknown {
	if (!route.validateBody) return undefined;
	if (!raw.trim()) {
		if (route.bodyRequired)
			throw new ProblemError(400, 'Invalid request', 'The request needs a JSON body');
		return undefined;
	}
	let body: unknown;
	try {
		body = JSON.parse(raw);
	} catch {
		throw new ProblemError(400, 'Invalid request', 'The body is not valid JSON');
	}
	if (!route.validateBody(body)) {
		const errors = describeErrors(route.validateBody.errors);
		throw new ProblemError(
			400,
			'Invalid request',
			`The body does not match ${route.operationId}`,
			errors,
		);
	}
	return body;
}

/** Cursor pagination over documents of a kind: the cursor is the last sequence number seen. */
export function page<T>(
	db: ContractDatabase,
	kind: string,
	query: URLSearchParams,
	filter: { externalRef?: string; updatedSince?: string; where?: (body: T) => boolean } = {},
): { items: T[]; nextCursor: string | null } {
	const limit = Math.min(500, Math.max(1, Number(query.get('limit') ?? 100) || 100));
	const cursor = query.get('cursor');
	const afterSeq = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8')) : 0;
	if (!Number.isInteger(afterSeq))
		throw new ProblemError(400, 'Invalid request', 'The cursor is not one this server gave out');
	const documents = db.list<T>(kind, { afterSeq, limit, ...filter });
	const pageDocs = documents.slice(0, limit);
	const hasMore = documents.length > limit;
	return {
		items: pageDocs.map((doc) => doc.body),
		nextCursor: hasMore
			? Buffer.from(String(pageDocs[pageDocs.length - 1].seq)).toString('base64url')
			: null,
	};
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, result: HandlerResult): void {
	res.writeHead(result.status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(result.body));
}

function sendProblem(res: ServerResponse, problem: ProblemError): void {
	if (problem.status === 401)
		res.setHeader('WWW-Authenticate', 'Bearer, Basic realm="orderflow-sandbox"');
	res.writeHead(problem.status, { 'content-type': 'application/problem+json' });
	res.end(
		JSON.stringify({
			type: `https://orderflow.dev/problems/${problem.title.toLowerCase().replace(/\W+/g, '-')}`,
			title: problem.title,
			status: problem.status,
			...(problem.detail ? { detail: problem.detail } : {}),
			...(problem.errors ? { errors: problem.errors } : {}),
		}),
	);
}

async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}
