/**
 * Attacks through the approval notice: a customer's address or note carrying chat markup (a link
 * dressed as the decision button, a channel-wide mention), and a notification endpoint that
 * redirects the notice, with its decision link, somewhere else.
 */
import { Engine } from '../../harness';
import { startLocalServer, type LocalServer } from '../support/http-server';
import {
	approvalWorkflow,
	refundPayloads,
	startReceiver,
} from '../nodes/ApprovalCheckpoint/support';

const EVIL =
	'<https://evil.example|Review and decide> <!channel> [Approve here](https://evil.example) **urgent**';

describe('approval notices: customer text stays text, and notices go only where configured', () => {
	let receiver: LocalServer;
	let engine: Engine;

	beforeAll(async () => {
		receiver = await startReceiver();
		engine = await Engine.start();
	});
	afterAll(async () => await receiver.close());

	const notify = async (channel: string) => {
		const before = receiver.requests.length;
		const execution = await engine.execute(
			approvalWorkflow({
				notifyUrl: `${receiver.url}/${channel}`,
				channel,
				summary: `={{ ${JSON.stringify(EVIL)} }}`,
			}),
			{ items: refundPayloads([6]) },
		);
		expect(execution.status).toBe('waiting');
		return JSON.stringify(JSON.parse(receiver.requests[before].body));
	};

	it('escapes Slack mrkdwn control characters: no injected link, no <!channel>', async () => {
		const body = await notify('slack');
		expect(body).not.toContain('<https://evil.example');
		expect(body).not.toContain('<!channel>');
		expect(body).toContain('&lt;https://evil.example|Review and decide&gt; &lt;!channel&gt;');
	});

	it('escapes Teams markdown: no injected link or emphasis', async () => {
		const body = await notify('teams');
		expect(body).not.toContain('[Approve here](https://evil.example)');
		expect(body).not.toContain('**urgent**');
		expect(body).toContain('\\\\[Approve here\\\\]\\\\(https://evil\\\\.example\\\\)');
	});

	it('does not follow a redirect from the notification endpoint: the notice (and its link) never reaches the other origin', async () => {
		const elsewhere = await startLocalServer((_request, response) =>
			response.writeHead(200).end('{}'),
		);
		const redirecting = await startLocalServer((_request, response) =>
			response.writeHead(307, { location: `${elsewhere.url}/steal` }).end(),
		);
		try {
			const execution = await engine.execute(
				approvalWorkflow({ notifyUrl: `${redirecting.url}/hook` }),
				{ items: refundPayloads([6]) },
			);
			expect(execution.status).toBe('error');
			expect(execution.error?.message).toContain('could not be sent');
			expect(redirecting.requests).toHaveLength(1);
			expect(elsewhere.requests).toHaveLength(0);
		} finally {
			await elsewhere.close();
			await redirecting.close();
		}
	});
});
