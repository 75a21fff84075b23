/** Every kind of trail event reads as one plain sentence; an unknown kind still says what it was. */
import { summarize } from '../../../core/trail/summary';

describe('trail summaries in plain words', () => {
	it.each([
		[
			{
				event: 'inbox.accepted',
				decision: 'accepted',
				details: { topic: 'orders/create', eventId: 'ev-1', source: 'webhook' },
			},
			'Shopify sent orders/create (event ev-1) by webhook; recorded before answering Shopify.',
		],
		[
			{ event: 'dedupe.new', decision: 'claimed', details: {} },
			'Let through once and held until it is booked (claim held).',
		],
		[
			{ event: 'dedupe.duplicate', decision: 'seen-before', details: { firstExecutionId: '812' } },
			'Skipped as a duplicate: already processed by execution 812.',
		],
		[
			{ event: 'dedupe.duplicate', decision: 'stale', details: { version: '1796414284000' } },
			'Skipped as a duplicate: its version (1796414284000) is not newer than one already processed.',
		],
		[
			{ event: 'dedupe.release', decision: 'released', details: {} },
			'Given back: the next delivery or the poll tries again.',
		],
		[
			{
				event: 'write.done',
				decision: 'succeeded',
				details: { scope: 'erp', key: 'shopify:order:1025:create', status: 201, attempts: 1 },
			},
			'The ERP accepted shopify:order:1025:create (HTTP 201).',
		],
		[
			{
				event: 'write.done',
				decision: 'replayed',
				details: { scope: 'erp', key: 'shopify:order:1025:create' },
			},
			'Already done earlier: replayed the answer of the ERP for shopify:order:1025:create, nothing sent.',
		],
		[
			{
				event: 'write.failed',
				decision: 'rejected',
				details: { scope: '3pl', key: 'k', status: 422 },
			},
			'The 3PL refused k (HTTP 422).',
		],
		[
			{ event: 'write.in-doubt', decision: 'unknown-outcome', details: { scope: 'erp', key: 'k' } },
			'Sent k to the ERP but the answer was lost: in doubt until someone checks.',
		],
		[
			{
				event: 'write.resolved',
				decision: 'applied',
				details: { key: 'k', by: 'ada@example.com', note: 'SO-000042 is there' },
			},
			'ada@example.com resolved the in-doubt write k as applied: SO-000042 is there.',
		],
		[
			{
				event: 'exception.opened',
				decision: 'failed',
				details: { exception: 'E-12', kind: 'failed', reason: 'unknown SKU TOTE-NAT' },
			},
			'Reported as exception E-12 (failed): unknown SKU TOTE-NAT.',
		],
		[
			{
				event: 'exception.resolved',
				decision: 'automatic',
				details: {
					exception: 'E-12',
					note: 'Resolved automatically: execution 900 at ERP Upsert Sales Order succeeded for it',
				},
			},
			'Exception E-12 resolved by itself: execution 900 at ERP Upsert Sales Order succeeded for it.',
		],
		[
			{
				event: 'approval.requested',
				decision: 'pending',
				details: { approvers: ['Ada', 'Grace'], expiresAt: '2026-12-05T10:00:00.000Z' },
			},
			'Held for approval by Ada, Grace (until 2026-12-05T10:00:00.000Z).',
		],
		[
			{
				event: 'approval.decision',
				decision: 'reject',
				details: { approver: 'Ada', comment: 'Fraud suspected', settled: true, status: 'rejected' },
			},
			'Ada rejected: “Fraud suspected” — the request is rejected.',
		],
		[
			{
				event: 'erp.mapped',
				decision: 'sales-order',
				details: { orderNumber: '#1025', lines: 2, total: 'EUR 79.80', legalEntity: 'DE01' },
			},
			'Mapped to a sales order for #1025: 2 line(s), EUR 79.80, entity DE01.',
		],
		[
			{
				event: 'erp.mapping-refused',
				decision: 'refused',
				details: { reasons: ['unknown SKU TOTE-NAT', 'no shipping address'] },
			},
			'Not sent to the ERP: unknown SKU TOTE-NAT; no shipping address.',
		],
		[{ event: 'something.new', decision: 'odd', details: {} }, 'something.new: odd.'],
	])('%j', (event, sentence) => {
		expect(summarize(event)).toBe(sentence);
	});
});
