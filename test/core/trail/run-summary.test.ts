import type { StoredAuditEvent } from '../../../core/ledger/types';
import { summarizeRun } from '../../../core/trail/run-summary';

let id = 0;
const event = (entity: string, kind: string, decision = ''): StoredAuditEvent => ({
	id: ++id,
	entity,
	event: kind,
	decision,
	details: {},
	summary: '',
	workflowId: 'wf',
	executionId: '7',
	node: 'n',
	at: id,
});

describe('summarizeRun: a run’s counters from its events', () => {
	it('counts each order once, by the worst that happened to it, and only orders that passed a Dedupe Gate', () => {
		const run = summarizeRun([
			event('shopify:order:1', 'dedupe.new'),
			event('shopify:order:1', 'write.done', 'succeeded'),
			event('shopify:order:2', 'dedupe.duplicate', 'stale'),
			event('shopify:order:3', 'dedupe.new'),
			event('shopify:order:3', 'write.done', 'replayed'),
			event('shopify:order:4', 'dedupe.new'),
			event('shopify:order:4', 'write.done', 'succeeded'),
			event('shopify:order:4', 'exception.opened'),
			event('shopify:order:5', 'dedupe.new'),
			event('shopify:order:5', 'write.in-doubt', 'unknown-outcome'),
			event('shopify:order:6', 'dedupe.new'),
			event('shopify:order:6', 'write.shadow', 'withheld'),
			event('shopify:order:7', 'dedupe.new'),
			// Not processed by this run: no dedupe decision.
			event('flow:wf', 'flow.paused'),
			event('shopify:order:8', 'write.failed', 'replayed'),
		]);
		expect(run.counts).toEqual({
			booked: 1,
			alreadyThere: 2,
			failed: 1,
			inDoubt: 1,
			shadow: 1,
			nothingWritten: 1,
		});
		expect(run.processed).toBe(7);
		expect(run.entities.failed).toEqual(['shopify:order:4']);
		expect(run.summary).toBe(
			'7 orders: 1 booked, 2 already there, 1 failed, 1 in doubt, 1 recorded in shadow, 1 nothing to write',
		);
	});

	it('says so when the run processed nothing', () => {
		expect(summarizeRun([]).summary).toBe('0 orders');
	});
});
