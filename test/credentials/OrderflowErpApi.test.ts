import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Engine } from '../../harness';
import { startErpServer } from '../../sandbox/erp/server';
import { sendJson, startLocalServer } from '../support/http-server';
import { fixture } from '../support/workflows';

describe('Orderflow ERP API credential', () => {
	it('OAuth2 client credentials: fetches a token, and a new one when the ERP answers 401', async () => {
		const tokens: string[] = [];
		const accepted = ['token-1'];
		const authServer = await startLocalServer((request, res) => {
			const form = new URLSearchParams(request.body);
			if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== 's3cret')
				return sendJson(res, 401, { error: 'invalid_client' });
			const token = `token-${tokens.length + 1}`;
			tokens.push(token);
			sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
		});
		const erp = await startErpServer({
			bearerTokens: accepted,
			seed: { skus: [{ sku: 'A', description: 'A' }], inventory: [] },
		});
		try {
			const engine = await Engine.start({
				userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-oauth-')),
				credentials: {
					ERP: {
						type: 'orderflowErpApi',
						data: {
							baseUrl: erp.url,
							authentication: 'oauth2',
							tokenUrl: `${authServer.url}/oauth/token`,
							clientId: 'orderflow',
							clientSecret: 's3cret',
							idempotencyHeader: 'Idempotency-Key',
						},
					},
				},
			});
			const workflow = fixture(path.join(__dirname, '..', 'nodes', 'Erp'), 'skus');
			const first = await engine.execute(workflow, { items: [{}] });
			expect(first.output('Done').map((row) => row.sku)).toEqual(['A']);
			expect(tokens).toEqual(['token-1']);

			// The ERP revokes the token; the next call is answered 401 and the credential renews it.
			accepted.splice(0, 1, 'token-2');
			const second = await engine.execute(workflow, { items: [{}] });
			expect(second.status).toBe('success');
			expect(tokens).toEqual(['token-1', 'token-2']);
			expect(engine.credentials.get('ERP')?.data.accessToken).toBe('token-2');
		} finally {
			await erp.close();
			await authServer.close();
		}
	});
});
