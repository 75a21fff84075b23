/**
 * Attack: keys that the ledger cannot store as given. A name cut mid-emoji (a lone surrogate)
 * came back from the ledger as U+FFFD and was "seen before" on first sight; an object-valued key
 * became "[object Object]" and every customer collided with the first. Both are refused,
 * naming the item.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Engine } from '../../harness';
import { fixture, withParameters } from '../support/workflows';

const gate = (parameters: Record<string, unknown>) =>
	withParameters(
		fixture(path.join(__dirname, '..', 'nodes', 'DedupeGate'), 'orders-gate'),
		'Dedupe Gate',
		{
			keySource: 'custom',
			mode: 'firstSeenWins',
			...parameters,
		},
	);

describe('Dedupe Gate refuses keys it cannot store losslessly', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await Engine.start({
			userFolder: mkdtempSync(path.join(tmpdir(), 'orderflow-keys-')),
		});
	});

	it('a key holding half an emoji is an error naming the item, not a duplicate on first sight', async () => {
		const cut = 'Zoë 😀'.slice(0, -1);
		const run = await engine.execute(gate({ key: '={{ $json.name }}' }), {
			items: [{ name: 'Ada' }, { name: cut }],
		});
		expect(run.status).toBe('error');
		const error = run.nodeError('Dedupe Gate') as Error & { description?: string };
		expect(error.message).toMatch(/item 1 is not valid text: it holds half of an emoji/);
		expect(error.description).toMatch(/Key Value/);
		expect(run.output('Duplicates')).toEqual([]);
	});

	it('an object-valued key is an error, not "[object Object]" shared by every customer', async () => {
		const run = await engine.execute(gate({ key: '={{ $json.customer }}' }), {
			items: [{ customer: { id: 1 } }, { customer: { id: 2 } }],
		});
		expect(run.status).toBe('error');
		expect(run.nodeError('Dedupe Gate')?.message).toMatch(
			/key of item 0 is an object, not a text or number/,
		);
		expect(run.output('New orders')).toEqual([]);
	});

	it('whole emoji and other scripts are keys like any other', async () => {
		const run = await engine.execute(gate({ key: '={{ $json.name }}' }), {
			items: [{ name: 'Zoë 😀' }, { name: '注文-1' }, { name: 'Zoë 😀' }],
		});
		expect(run.output('New orders').map((item) => item.name)).toEqual(['Zoë 😀', '注文-1']);
		expect(run.output('Duplicates').map((item) => item.name)).toEqual(['Zoë 😀']);
	});
});
