import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export interface LocalServer {
	url: string;
	requests: ReceivedRequest[];
	close(): Promise<void>;
}

type Handler = (request: ReceivedRequest, response: ServerResponse) => void;

/** A loopback HTTP server that records what it received; tests use it as a remote system. */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
	const requests: ReceivedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const received = {
				method: req.method ?? 'GET',
				url: req.url ?? '/',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(received);
			handler(received, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

/** A redirect as web servers send one: Location, and a short HTML body. */
export function redirect(res: ServerResponse, status: number, location: string): void {
	res.writeHead(status, { location, 'content-type': 'text/html; charset=utf-8' });
	res.end(`<p>Moved to <a href="${location}">${location}</a></p>`);
}
