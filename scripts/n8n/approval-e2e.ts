/**
 * Part of `npm run test:n8n`: an Approval Checkpoint waiting in a real n8n 2.41.1, decided by two
 * named approvers through their own links, the way a browser does (GET the link's page, post the
 * fragment's values to view, post the decision). Checks what n8n's waiting endpoint enforces: its
 * resume token in the query, nothing else of the link outside the fragment.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decisionRequest } from '../../harness';
import { launchChromium } from '../chromium';

export interface Receiver {
	url: string;
	requests: Array<{ url: string; body: string }>;
	close(): Promise<void>;
}

/** Where the node's notices and the Approved branch's report arrive. */
export async function startReceiver(): Promise<Receiver> {
	const requests: Receiver['requests'] = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			requests.push({ url: request.url ?? '/', body: Buffer.concat(chunks).toString('utf8') });
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		requests,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export const APPROVAL_WORKFLOW_ID = 'orderflowApprovalE2e';
const PATH = 'orderflow-approval-e2e';
const BROWSER = {
	'user-agent':
		'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
};

/** Webhook → Approval Checkpoint (two named approvers) → Approved posts to the receiver. */
export function approvalWorkflow(receiverUrl: string): Record<string, unknown> {
	const node = (
		id: string,
		name: string,
		type: string,
		position: [number, number],
		parameters: Record<string, unknown>,
		extra: Record<string, unknown> = {},
	) => ({
		id: `e2e00000-0000-4000-8000-00000000000${id}`,
		name,
		type,
		typeVersion:
			type === 'n8n-nodes-base.httpRequest' ? 4.2 : type === 'n8n-nodes-base.webhook' ? 2 : 1,
		position,
		parameters,
		...extra,
	});
	return {
		id: APPROVAL_WORKFLOW_ID,
		name: 'Orderflow approval end to end',
		nodes: [
			node(
				'1',
				'Refund In',
				'n8n-nodes-base.webhook',
				[0, 0],
				{ httpMethod: 'POST', path: PATH, responseMode: 'onReceived', options: {} },
				{ webhookId: 'e2e-approval-webhook' },
			),
			node('2', 'Approval Checkpoint', 'n8n-nodes-orderflow.approvalCheckpoint', [240, 0], {
				rules: ['custom'],
				customCondition: true,
				customReason: 'end-to-end check',
				approverMode: 'named',
				approvers: {
					approver: [
						{ name: 'Grace Hopper', contact: 'grace@example.com' },
						{ name: 'Ada Lovelace', contact: 'ada@example.com' },
					],
				},
				quorum: 2,
				timeout: '1 hour',
				channel: 'webhook',
				notifyUrl: `${receiverUrl}/notify`,
				title: 'Refund approval',
				summary: '={{ "Refund " + $json.body.refund }}',
			}),
			node('3', 'Report Approved', 'n8n-nodes-base.httpRequest', [480, -100], {
				method: 'POST',
				url: `${receiverUrl}/approved`,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json.approval) }}',
				options: {},
			}),
		],
		connections: {
			'Refund In': { main: [[{ node: 'Approval Checkpoint', type: 'main', index: 0 }]] },
			'Approval Checkpoint': {
				main: [[{ node: 'Report Approved', type: 'main', index: 0 }], [], []],
			},
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

interface Notice {
	url: string;
	to: { name: string } | null;
}

async function post(
	link: string,
	fields: Record<string, string>,
): Promise<{ status: number; body: string }> {
	const { target, body } = decisionRequest(link, fields);
	const response = await fetch(target, { method: 'POST', headers: BROWSER, body });
	return { status: response.status, body: await response.text() };
}

/** Opens the link in headless Chromium and waits for the decision form (view only; nothing is decided). */
async function opensInBrowser(link: string, text: string): Promise<[boolean, string]> {
	const browser = await launchChromium();
	const seen: string[] = [];
	try {
		const page = await browser.newPage();
		page.on('console', (message) => seen.push(`console: ${message.text()}`));
		page.on('response', (response) =>
			seen.push(
				`${response.status()} ${response.request().method()} ${response.url().split('?')[0]} csp=${response.headers()['content-security-policy'] ?? ''}`,
			),
		);
		await page.goto(link);
		await page
			.waitForSelector('button.approve', { timeout: 30_000 })
			.catch(async () => seen.push(`page: ${(await page.content()).slice(0, 400)}`));
		return [((await page.locator('body').textContent()) ?? '').includes(text), seen.join(' | ')];
	} catch (error) {
		return [false, `${String(error)} | ${seen.join(' | ')}`];
	} finally {
		await browser.close();
	}
}

export async function checkApprovals(
	n8nUrl: string,
	receiver: Receiver,
	until: (what: string, condition: () => Promise<boolean>) => Promise<void>,
): Promise<Array<[string, boolean, string?]>> {
	const results: Array<[string, boolean, string?]> = [];
	const started = await fetch(`${n8nUrl}/webhook/${PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ refund: 'R-1' }),
	});
	const notices = () =>
		receiver.requests
			.filter((request) => request.url === '/notify')
			.map((request) => JSON.parse(request.body) as Notice);
	await until('the approval notices', async () => notices().length >= 2);
	const linkOf = (name: string) => notices().find((notice) => notice.to?.name === name)!.url;
	const grace = linkOf('Grace Hopper');
	const ada = linkOf('Ada Lovelace');
	results.push([
		'a waiting approval sent each named approver their own link',
		started.status === 200 && grace !== ada,
		`HTTP ${started.status}`,
	]);
	results.push([
		"the link's query holds only n8n's resume token",
		[...new URL(grace).searchParams.keys()].join() === 'signature' &&
			new URL(grace).hash.includes('t='),
		new URL(grace).search,
	]);

	const shell = await fetch(grace.split('#')[0], { headers: BROWSER });
	const shellBody = await shell.text();
	results.push([
		'GET of the link is a neutral page (no request, no names)',
		shell.status === 200 && !shellBody.includes('Grace') && shellBody.includes('action'),
		`HTTP ${shell.status}`,
	]);
	const bare = new URL(grace);
	bare.search = '';
	results.push([
		'n8n refuses the waiting URL without its resume token',
		(await post(bare.toString(), { action: 'view' })).status === 401,
	]);
	results.push([
		"in Chromium, the link opens the request as Grace (the page's script runs under what n8n sends)",
		...(await opensInBrowser(grace, 'Deciding as Grace Hopper')),
	]);
	const viewed = await post(grace, { action: 'view' });
	results.push([
		'the page, opened with the link, names who decides',
		viewed.status === 200 && viewed.body.includes('Deciding as <strong>Grace Hopper</strong>'),
		`HTTP ${viewed.status}: ${viewed.body.slice(0, 200)}`,
	]);
	const first = await post(grace, {
		action: 'decide',
		decision: 'approve',
		approver: 'Ada Lovelace',
	});
	results.push([
		"Grace's approval is recorded and waits for a second approver",
		first.status === 200 && first.body.includes('1 more approver(s) needed'),
		`HTTP ${first.status}: ${first.body.slice(0, 300)}`,
	]);
	const twice = await post(grace, { action: 'decide', decision: 'approve' });
	results.push([
		"Grace's link cannot approve a second time",
		twice.status === 409,
		`HTTP ${twice.status}`,
	]);
	const second = await post(ada, { action: 'decide', decision: 'approve' });
	results.push([
		"Ada's approval settles the request",
		second.status === 200 && second.body.includes('the request is approved'),
		`HTTP ${second.status}: ${second.body.slice(0, 300)}`,
	]);
	const approved = () => receiver.requests.find((request) => request.url === '/approved');
	await until('the Approved branch', async () => approved() !== undefined).catch(() => undefined);
	const approval = approved()
		? (JSON.parse(approved()!.body) as { approvers?: string[] })
		: undefined;
	results.push([
		'the execution resumed on Approved, with both approvers',
		approval?.approvers?.join() === 'Grace Hopper,Ada Lovelace',
		JSON.stringify(approval),
	]);
	return results;
}
