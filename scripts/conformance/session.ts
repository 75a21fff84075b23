/** One system under test: its base URL, how it is signed in to, and which header carries idempotency keys. */
export interface Target {
	system: 'ERP' | '3PL';
	baseUrl: string;
	/** `Bearer <token>` or `Basic <base64>`: what the Orderflow credential would send. */
	authorization: string;
	idempotencyHeader: string;
}

export interface Answer {
	status: number;
	contentType: string;
	body: Record<string, unknown>;
}

export async function request(
	target: Target,
	method: string,
	path: string,
	options: { body?: unknown; idempotencyKey?: string; signedIn?: boolean } = {},
): Promise<Answer> {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		accept: 'application/json',
	};
	if (options.signedIn !== false) headers.authorization = target.authorization;
	if (options.idempotencyKey) headers[target.idempotencyHeader] = options.idempotencyKey;
	const response = await fetch(`${target.baseUrl.replace(/\/+$/, '')}${path}`, {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		redirect: 'manual',
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	let body: Record<string, unknown> = {};
	try {
		body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
	} catch {
		body = { notJson: text.slice(0, 200) };
	}
	return {
		status: response.status,
		contentType: (response.headers.get('content-type') ?? '').split(';')[0].trim(),
		body,
	};
}
