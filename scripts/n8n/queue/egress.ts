/**
 * Where n8n's outbound HTTP goes during the run: a proxy on loopback that forwards nothing. The
 * template posts exceptions to a Slack URL; with HTTP(S)_PROXY pointing here such a post fails
 * on this machine instead of leaving it, and the sink counts it (an exception the flow reported).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EgressSink {
	url: string;
	/** Targets n8n tried to reach ("host:port" for HTTPS, the URL for plain HTTP), with counts. */
	attempts: Map<string, number>;
	close(): Promise<void>;
}

export async function startEgressSink(): Promise<EgressSink> {
	const attempts = new Map<string, number>();
	const count = (target: string) => attempts.set(target, (attempts.get(target) ?? 0) + 1);
	const server: Server = createServer((req, res) => {
		count(req.url ?? '?');
		res
			.writeHead(502, { 'content-type': 'text/plain' })
			.end('outbound HTTP is blocked during the queue-mode run');
	});
	// HTTPS through a proxy starts with CONNECT host:443: refused before any byte goes out.
	server.on('connect', (req, socket) => {
		count(req.url ?? '?');
		socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		attempts,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
