/**
 * The request and response objects n8n's webhook layer hands to a node's `webhook()` method,
 * reduced to what nodes read: express-style fields on the request, and a response that records
 * what the node wrote so a test can assert on it.
 */

export interface HarnessRequestInit {
	method?: string;
	/** Header names are matched case-insensitively, as HTTP does. */
	headers?: Record<string, string>;
	query?: Record<string, string>;
	/** A JSON body; `rawBody` defaults to its serialisation. */
	body?: unknown;
	/** The exact bytes received (what HMAC signatures are computed over). */
	rawBody?: Buffer | string;
	ip?: string;
	/** Path and query as received, for nodes that sign or check URLs. */
	url?: string;
}

export interface HarnessRequest {
	method: string;
	headers: Record<string, string>;
	query: Record<string, string>;
	params: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
	contentType: string;
	ip: string;
	ips: string[];
	url: string;
	path: string;
	host: string;
	hostname: string;
	readRawBody(): Promise<void>;
	get(name: string): string | undefined;
	header(name: string): string | undefined;
}

export function createRequest(init: HarnessRequestInit = {}): HarnessRequest {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(init.headers ?? {}))
		headers[name.toLowerCase()] = value;
	const rawBody =
		init.rawBody === undefined
			? Buffer.from(init.body === undefined ? '' : JSON.stringify(init.body))
			: Buffer.from(init.rawBody);
	let body = init.body;
	const formPost = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
	// n8n's body parser turns a form post into an object of its fields, as express does.
	if (body === undefined && formPost)
		body = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
	if (body === undefined && rawBody.length > 0) {
		try {
			body = JSON.parse(rawBody.toString('utf8')) as unknown;
		} catch {
			body = rawBody.toString('utf8');
		}
	}
	if (rawBody.length > 0 && !headers['content-type']) headers['content-type'] = 'application/json';
	const contentType = (headers['content-type'] ?? '').split(';')[0].trim();
	const url = init.url ?? '/';
	const getHeader = (name: string) => headers[name.toLowerCase()];
	return {
		method: (init.method ?? 'POST').toUpperCase(),
		headers,
		query: init.query ?? {},
		params: {},
		body: body ?? {},
		rawBody,
		contentType,
		ip: init.ip ?? '127.0.0.1',
		ips: [],
		url,
		path: url.split('?')[0],
		host: headers.host ?? '127.0.0.1',
		hostname: (headers.host ?? '127.0.0.1').split(':')[0],
		readRawBody: async () => {},
		get: getHeader,
		header: getHeader,
	};
}

export interface RecordedResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: string;
	/** True once the node itself wrote and ended the response. */
	ended: boolean;
}

/** An express-like response that records status, headers and body. */
export class HarnessResponse {
	readonly recorded: RecordedResponse = { statusCode: 200, headers: {}, body: '', ended: false };

	get headersSent(): boolean {
		return this.recorded.ended;
	}

	status(code: number): this {
		this.recorded.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string | number): this {
		this.recorded.headers[name.toLowerCase()] = String(value);
		return this;
	}

	header(name: string, value: string | number): this {
		return this.setHeader(name, value);
	}

	set(name: string, value: string | number): this {
		return this.setHeader(name, value);
	}

	writeHead(code: number, headers: Record<string, string | number> = {}): this {
		this.recorded.statusCode = code;
		for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
		return this;
	}

	flushHeaders(): void {}

	write(chunk: string | Buffer): boolean {
		this.recorded.body += chunk.toString();
		return true;
	}

	end(chunk?: string | Buffer): this {
		if (chunk !== undefined) this.recorded.body += chunk.toString();
		this.recorded.ended = true;
		return this;
	}

	send(body: unknown): this {
		return this.end(
			typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
		);
	}

	json(body: unknown): this {
		this.setHeader('content-type', 'application/json');
		return this.end(JSON.stringify(body));
	}

	render(view: string, data?: unknown): this {
		this.setHeader('content-type', 'text/html');
		return this.end(`<!-- view:${view} -->${data === undefined ? '' : JSON.stringify(data)}`);
	}
}
