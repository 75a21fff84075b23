/**
 * The contract conformance kit against the reference servers: every rule passes; with the ERP's
 * idempotency switched off, the replay rule fails naming what the server did; a server that
 * cannot be reached fails without the kit crashing.
 */
import type { ContractServer } from '../../sandbox/contract/server';
import { startErpServer } from '../../sandbox/erp/server';
import { startThreePlServer } from '../../sandbox/three-pl/server';
import { runConformance } from '../../scripts/conformance/run';
import type { Target } from '../../scripts/conformance/session';
import { call } from '../support/contract';

describe('contract conformance kit', () => {
	let erp: ContractServer;
	let threePl: ContractServer;
	const target = (system: Target['system'], server: ContractServer, token: string): Target => ({
		system,
		baseUrl: server.url,
		authorization: `Bearer ${token}`,
		idempotencyHeader: 'Idempotency-Key',
	});

	beforeEach(async () => {
		const skus = ['TSHIRT-RED-M', 'TOTE-NAT', 'SOCKS-TRAIL-42'].map((sku) => ({
			sku,
			description: sku,
		}));
		erp = await startErpServer({ seed: { skus, inventory: [] } });
		threePl = await startThreePlServer({
			seed: { stock: skus.map(({ sku }) => ({ sku, warehouse: 'RTM', onHand: 10 })) },
		});
	});
	afterEach(async () => {
		await erp.close();
		await threePl.close();
	});

	it('the reference ERP and 3PL pass every rule', async () => {
		const results = await runConformance({
			erp: target('ERP', erp, 'erp-sandbox-token'),
			threePl: target('3PL', threePl, '3pl-sandbox-token'),
		});
		expect(results.filter((result) => result.status !== 'pass')).toEqual([]);
		expect(results.filter((result) => result.system === 'ERP').length).toBeGreaterThanOrEqual(12);
		expect(results.map((result) => result.rule)).toEqual(
			expect.arrayContaining([
				'replays a retried create with the same Idempotency-Key: the same record, none added',
				'refuses to cancel what shipped (409, problem details)',
				'refuses to replace it with an older version (409, problem details)',
				'…and still holds the newer version',
			]),
		);
	});

	it('an ERP with its idempotency switched off fails the replay rule, saying it booked twice', async () => {
		await call(erp.url, 'POST', '/_control/idempotency', { body: { enabled: false } });
		const results = await runConformance({ erp: target('ERP', erp, 'erp-sandbox-token') });
		expect(results.filter((result) => result.status === 'fail')).toEqual([
			expect.objectContaining({
				rule: 'replays a retried create with the same Idempotency-Key: the same record, none added',
				detail: expect.stringMatching(
					/HTTP 201, id SO-000002 \(first SO-000001\), 2 record\(s\) for the reference/,
				),
			}),
			expect.objectContaining({
				rule: 'refuses the same Idempotency-Key with another body (409, problem details)',
				detail: expect.stringMatching(/^HTTP 201 \(expected 409\)/),
			}),
			expect.objectContaining({ rule: '…and books nothing for it' }),
		]);
	});

	it('a wrong token, and a server that is not there, fail with what happened', async () => {
		const denied = await runConformance({ erp: target('ERP', erp, 'wrong') });
		expect(denied.find((result) => result.rule === 'lists /skus as a page (schema)')).toMatchObject(
			{ status: 'fail', detail: expect.stringMatching(/^HTTP 401/) },
		);
		const nowhere = await runConformance({
			threePl: { ...target('3PL', threePl, '3pl-sandbox-token'), baseUrl: 'http://127.0.0.1:9' },
		});
		expect(nowhere).toEqual([
			expect.objectContaining({
				rule: 'answers at all',
				status: 'fail',
				detail: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9: fetch failed/),
			}),
		]);
	});
});
