import type { NewException } from '../../core/ledger';

/** An ERP refusal of order #1025 as the exception queue records it; override what a test needs. */
export const exception = (overrides: Partial<NewException> = {}): NewException => ({
	kind: 'failed',
	entity: 'shopify:order:1025',
	workflowId: 'wf-sync',
	node: 'ERP Upsert Sales Order',
	executionId: '811',
	reason: 'The order cannot be booked: unknown SKU TOTE-NAT',
	action: 'Fix what the ERP refused (see the reason), then Retry.',
	item: { payload: { name: '#1025' } },
	at: 1_000,
	...overrides,
});
