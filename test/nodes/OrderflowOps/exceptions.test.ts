/**
 * Orderflow Ops through n8n's engine: the exception queue and in-doubt writes worked without SQL,
 * on the embedded ledger the other nodes of the same n8n use.
 */
import type { INodeParameters } from 'n8n-workflow';

import { defaultSqliteFile, getLedger, type Ledger } from '../../../core/ledger';
import { Engine } from '../../../harness';
import { exception } from '../../support/exceptions';
import { fixture, withParameters } from '../../support/workflows';

const HOUR = 3_600_000;
/** An exception opened now, unless the test says when. */
const openedNow = (overrides: Parameters<typeof exception>[0] = {}) =>
	exception({ at: Date.now(), ...overrides });

describe('Orderflow Ops: the exception queue and in-doubt writes', () => {
	let engine: Engine;
	let ledger: Ledger;
	const ops = async (parameters: INodeParameters) =>
		await engine.execute(withParameters(fixture(__dirname, 'ops'), 'Orderflow Ops', parameters));

	beforeEach(async () => {
		engine = await Engine.start();
		ledger = await getLedger({
			backend: 'sqlite',
			file: defaultSqliteFile({ userFolder: engine.userFolder }),
		});
	});

	it('lists unresolved exceptions oldest first, named E-<n>, with their age, reason and what to do', async () => {
		const [old, recent] = await ledger.recordExceptions([
			openedNow({ at: Date.now() - 30 * HOUR }),
			openedNow({ entity: 'shopify:order:1026', kind: 'in_doubt', at: Date.now() - HOUR }),
		]);
		const listed = (await ops({ resource: 'exception', operation: 'getMany' })).output(
			'Orderflow Ops',
		);
		expect(listed.map((row) => row.exception)).toEqual([`E-${old.id}`, `E-${recent.id}`]);
		expect(listed[0]).toMatchObject({
			kind: 'failed',
			state: 'open',
			entity: 'shopify:order:1025',
			reason: expect.stringContaining('TOTE-NAT'),
			action: expect.stringMatching(/^Fix what/),
			timesSeen: 1,
			item: { payload: { name: '#1025' } },
		});
		expect(listed[0].ageHours).toBeGreaterThanOrEqual(29.9);
	});

	it('filters by kind, entity, workflow and age', async () => {
		await ledger.recordExceptions([
			openedNow({ at: Date.now() - 30 * HOUR }),
			openedNow({ entity: 'shopify:order:1026', kind: 'in_doubt' }),
			openedNow({
				entity: 'shopify:refund:7',
				kind: 'rejected',
				workflowId: 'wf-refunds',
				node: 'Refund Approval',
			}),
		]);
		const entities = async (parameters: INodeParameters) =>
			(await ops({ resource: 'exception', operation: 'getMany', ...parameters }))
				.output('Orderflow Ops')
				.map((row) => row.entity);
		expect(await entities({ kind: 'in_doubt' })).toEqual(['shopify:order:1026']);
		expect(await entities({ entity: 'shopify:refund:7' })).toEqual(['shopify:refund:7']);
		expect(await entities({ workflowId: 'wf-refunds' })).toEqual(['shopify:refund:7']);
		expect(await entities({ olderThanHours: 24 })).toEqual(['shopify:order:1025']);
	});

	it('acknowledges an open exception with who; a second acknowledgement says it already is', async () => {
		const [opened] = await ledger.recordExceptions([openedNow()]);
		const acknowledged = await ops({
			resource: 'exception',
			operation: 'acknowledge',
			exceptionId: `E-${opened.id}`,
			by: 'ada@example.com',
		});
		expect(acknowledged.output('Orderflow Ops')).toEqual([
			expect.objectContaining({
				exception: `E-${opened.id}`,
				state: 'acknowledged',
				acknowledgedBy: 'ada@example.com',
			}),
		]);
		const again = await ops({
			resource: 'exception',
			operation: 'acknowledge',
			exceptionId: String(opened.id),
			by: 'grace@example.com',
		});
		expect(again.nodeError('Orderflow Ops')?.message).toBe(
			`E-${opened.id} cannot be changed: it is acknowledged (by ada@example.com)`,
		);
	});

	it('resolves an exception with a note, on its trail; it leaves the unresolved list', async () => {
		const [opened] = await ledger.recordExceptions([openedNow()]);
		const resolved = await ops({
			resource: 'exception',
			operation: 'resolve',
			exceptionId: `E-${opened.id}`,
			by: 'ada@example.com',
			note: 'Booked by hand as SO-000099',
		});
		expect(resolved.output('Orderflow Ops')).toEqual([
			expect.objectContaining({
				state: 'resolved',
				resolution: 'manual',
				resolvedBy: 'ada@example.com',
				note: 'Booked by hand as SO-000099',
			}),
		]);
		expect(
			(await ops({ resource: 'exception', operation: 'getMany' })).output('Orderflow Ops'),
		).toEqual([]);
		expect(
			(await ledger.trail('shopify:order:1025')).map((event) => [event.event, event.decision]),
		).toEqual([
			['exception.opened', 'failed'],
			['exception.resolved', 'manual'],
		]);
	});

	it('says what is wrong with an exception that is not one, or does not exist, or a change without who', async () => {
		expect(
			(
				await ops({
					resource: 'exception',
					operation: 'resolve',
					exceptionId: 'order 1025',
					by: 'ada',
					note: 'x',
				})
			).nodeError('Orderflow Ops')?.message,
		).toBe('"order 1025" is not an exception');
		expect(
			(
				await ops({
					resource: 'exception',
					operation: 'resolve',
					exceptionId: 'E-999',
					by: 'ada',
					note: 'x',
				})
			).nodeError('Orderflow Ops')?.message,
		).toBe('E-999 cannot be changed: there is no such exception');
		const [opened] = await ledger.recordExceptions([openedNow()]);
		const anonymous = await ops({
			resource: 'exception',
			operation: 'acknowledge',
			exceptionId: `E-${opened.id}`,
			by: ' ',
		});
		expect(
			(anonymous.nodeError('Orderflow Ops') as Error & { description?: string }).description,
		).toMatch(/Fill in By/);
	});

	describe('in-doubt writes', () => {
		const inDoubt = async (key: string) => {
			await ledger.beginWrite({
				scope: 'erp',
				key,
				fingerprint: 'f',
				owner: 'o',
				leaseMs: 60_000,
				entity: 'shopify:order:1025',
				now: Date.now(),
			});
			await ledger.finishWrite({
				scope: 'erp',
				key,
				owner: 'o',
				state: 'in_doubt',
				status: null,
				body: null,
				error: 'An attempt timed out and the ERP does not dedupe',
				now: Date.now(),
			});
		};

		it('lists them with their reason and age; Resolve as Applied keeps the remote record as the result and resolves the exception', async () => {
			await inDoubt('shopify:order:1025:create');
			const [doubt] = await ledger.recordExceptions([openedNow({ kind: 'in_doubt' })]);
			expect(
				(await ops({ resource: 'inDoubtWrite', operation: 'getMany' })).output('Orderflow Ops'),
			).toEqual([
				expect.objectContaining({
					scope: 'erp',
					key: 'shopify:order:1025:create',
					entity: 'shopify:order:1025',
					state: 'in_doubt',
					reason: expect.stringMatching(/timed out/),
				}),
			]);
			const resolved = await ops({
				resource: 'inDoubtWrite',
				operation: 'resolveAsApplied',
				scope: 'erp',
				key: 'shopify:order:1025:create',
				remoteRecord: '{"id": "SO-000042"}',
				by: 'ada@example.com',
				note: 'SO-000042 is in the ERP',
			});
			expect(resolved.output('Orderflow Ops')).toEqual([
				expect.objectContaining({
					state: 'succeeded',
					resolution: 'applied',
					result: '{"id":"SO-000042"}',
				}),
			]);
			expect(await ledger.getWrite('erp', 'shopify:order:1025:create')).toMatchObject({
				state: 'succeeded',
				body: '{"id":"SO-000042"}',
			});
			expect(await ledger.getException(doubt.id)).toMatchObject({
				state: 'resolved',
				resolution: 'applied',
				resolvedBy: 'ada@example.com',
			});
		});

		it('Resolve as Not Applied forgets the write so the next run sends it; a write not in doubt is refused with why', async () => {
			await inDoubt('shopify:order:1025:create');
			await ops({
				resource: 'inDoubtWrite',
				operation: 'resolveAsNotApplied',
				scope: 'erp',
				key: 'shopify:order:1025:create',
				by: 'ada@example.com',
				note: 'Not in the ERP',
			});
			expect(await ledger.getWrite('erp', 'shopify:order:1025:create')).toBeUndefined();
			const refused = await ops({
				resource: 'inDoubtWrite',
				operation: 'resolveAsNotApplied',
				scope: 'erp',
				key: 'shopify:order:1025:create',
				by: 'ada@example.com',
				note: 'again',
			});
			expect(refused.nodeError('Orderflow Ops')?.message).toBe(
				'The write erp / shopify:order:1025:create is not in doubt (there is no such write)',
			);
			const badJson = await ops({
				resource: 'inDoubtWrite',
				operation: 'resolveAsApplied',
				scope: 'erp',
				key: 'k',
				remoteRecord: '{id: SO-1',
				by: 'ada',
				note: 'x',
			});
			expect(badJson.nodeError('Orderflow Ops')?.message).toMatch(
				/^Record in the Remote is not JSON/,
			);
		});
	});
});
