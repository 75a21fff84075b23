/**
 * Attack: the X-Shopify-Hmac-Sha256 header was decoded leniently (Node's base64 skips what it
 * cannot read), so two digests in one header, a digest followed by junk, whitespace inside it,
 * an unpadded or base64url spelling all passed for the genuine digest; and the 401 told a
 * stranger whether the credential has a signing secret at all. The header must be exactly one
 * canonical base64 SHA-256 digest, and every refusal is the same answer.
 */
import { createConnection } from 'node:net';
import path from 'node:path';

import { Engine, type RecordedResponse } from '../../harness';
import { signWebhook } from '../../sandbox/shopify/webhooks';
import { startLocalServer, type LocalServer } from '../support/http-server';
import { fixture } from '../support/workflows';

const SECRET = 'hmac-app-secret';
const PATH = '3f0c8f0e-5b7a-4a53-9d3e-5d2f4c1a0b01/webhook';
const workflow = fixture(path.join(__dirname, '..', 'nodes', 'ShopifyTrigger'), 'webhook-trigger');
const unconfigured = structuredClone(workflow);
unconfigured.nodes[0].credentials = { shopifyAdminApi: { id: '2', name: 'Shop Without Secret' } };

/** A body whose digest holds a '+' or '/', so its base64url spelling differs from base64. */
function bodyWithUrlUnsafeDigest(): string {
	for (let n = 0; ; n++) {
		const body = JSON.stringify({ id: n, name: `#${n}` });
		if (/[+/]/.test(signWebhook(body, SECRET))) return body;
	}
}
const BODY = bodyWithUrlUnsafeDigest();
const DIGEST = signWebhook(BODY, SECRET);
const HEADERS = {
	'x-shopify-topic': 'orders/create',
	'x-shopify-event-id': 'e-1',
	'content-type': 'application/json',
};

/** The same 32 bytes with different padding bits in the last character: not the canonical spelling. */
function nonCanonical(digest: string): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
	return `${digest.slice(0, 42)}${alphabet[alphabet.indexOf(digest[42]) ^ 1]}=`;
}

let engine: Engine;
let bridge: LocalServer;

beforeAll(async () => {
	engine = await Engine.start({
		credentials: {
			Shop: {
				type: 'shopifyAdminApi',
				data: {
					shopDomain: 'hmac-test.myshopify.com',
					accessToken: 'shpat_hmac',
					webhookSecret: SECRET,
				},
			},
			'Shop Without Secret': {
				type: 'shopifyAdminApi',
				data: { shopDomain: 'hmac-test.myshopify.com', accessToken: 'shpat_hmac' },
			},
		},
	});
	// n8n's HTTP layer: headers arrive as Node's parser joins them.
	bridge = await startLocalServer((request, response) => {
		void engine
			.webhook(workflow, {
				path: request.url.replace(/^\/webhook\//, ''),
				method: request.method,
				headers: request.headers as Record<string, string>,
				rawBody: request.body,
			})
			.then((call) => {
				response.writeHead(call.response.statusCode, call.response.headers);
				response.end(call.response.body);
			});
	});
});
afterAll(async () => await bridge.close());

const deliver = async (hmac: unknown, target = workflow) =>
	await engine.webhook(target, {
		path: PATH,
		headers: {
			...HEADERS,
			...(hmac === undefined ? {} : { 'x-shopify-hmac-sha256': hmac as string }),
		},
		rawBody: BODY,
	});

/** A raw HTTP request, so one header can be sent twice. */
async function rawPost(headerLines: string[]): Promise<number> {
	const url = new URL(`${bridge.url}/webhook/${PATH}`);
	const request = [
		`POST ${url.pathname} HTTP/1.1`,
		`Host: ${url.host}`,
		'Connection: close',
		`Content-Length: ${Buffer.byteLength(BODY)}`,
		...Object.entries(HEADERS).map(([name, value]) => `${name}: ${value}`),
		...headerLines,
		'',
		BODY,
	].join('\r\n');
	const reply = await new Promise<string>((resolve, reject) => {
		const socket = createConnection({ host: url.hostname, port: Number(url.port) }, () =>
			socket.end(request),
		);
		const chunks: Buffer[] = [];
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		socket.on('error', reject);
	});
	return Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1]);
}

describe('Shopify Trigger: the HMAC header is exactly one canonical digest', () => {
	it('the genuine digest, once, is accepted (directly and over HTTP)', async () => {
		expect((await deliver(DIGEST)).response.statusCode).toBe(200);
		expect(await rawPost([`X-Shopify-Hmac-Sha256: ${DIGEST}`])).toBe(200);
	});

	it('the header sent twice is refused, even with the genuine digest both times', async () => {
		expect(
			await rawPost([`X-Shopify-Hmac-Sha256: ${DIGEST}`, `X-Shopify-Hmac-Sha256: ${DIGEST}`]),
		).toBe(401);
		expect(await rawPost([`X-Shopify-Hmac-Sha256: ${DIGEST}`, 'X-Shopify-Hmac-Sha256: AAAA'])).toBe(
			401,
		);
	});

	it.each([
		['a comma list of two digests', `${DIGEST}, ${DIGEST}`],
		['the digest followed by junk', `${DIGEST},junk`],
		['whitespace inside the digest', `${DIGEST.slice(0, 20)} ${DIGEST.slice(20)}`],
		['whitespace around the digest', ` ${DIGEST}\t`],
		['the digest without its padding', DIGEST.replace(/=$/, '')],
		['the base64url spelling', DIGEST.replace(/\+/g, '-').replace(/\//g, '_')],
		['a non-canonical spelling of the same bytes', nonCanonical(DIGEST)],
		['the digest as a list of header values', [DIGEST]],
	])('%s is answered 401 and starts nothing', async (_what, hmac) => {
		const call = await deliver(hmac);
		expect(call.response.statusCode).toBe(401);
		expect(call.execution).toBeUndefined();
	});
});

describe('Shopify Trigger: a refusal does not say why', () => {
	const answer = ({ statusCode, headers, body }: RecordedResponse) => ({
		statusCode,
		headers,
		body,
	});

	it('missing header, malformed header and wrong digest get one answer, whether or not the credential has a secret', async () => {
		const answers = [];
		for (const target of [workflow, unconfigured]) {
			for (const hmac of [undefined, 'AAAA', signWebhook(BODY, 'another-secret')])
				answers.push(answer((await deliver(hmac, target)).response));
		}
		// Without a secret even the genuine digest is refused, the same way.
		answers.push(answer((await deliver(DIGEST, unconfigured)).response));
		expect(answers[0].statusCode).toBe(401);
		expect(answers[0].body).not.toMatch(/secret/i);
		for (const other of answers) expect(other).toEqual(answers[0]);
	});
});

describe('Shopify Trigger: publishing without a signing secret', () => {
	it('is refused with what to set, instead of a trigger that answers every delivery 401', async () => {
		await expect(engine.activate(unconfigured)).rejects.toMatchObject({
			message: expect.stringMatching(/no webhook signing secret/),
			description: expect.stringMatching(/Webhook Signing Secret/),
		});
	});
});
