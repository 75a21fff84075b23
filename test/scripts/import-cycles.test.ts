import { findCycles } from '../../scripts/import-cycles';

describe('the import-cycle check', () => {
	it('finds each circle once, whatever its length, and nothing in a tree', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a', 'd']],
			['d', []],
			['e', ['e']],
			['f', ['d']],
		]);
		expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
		expect(
			findCycles(
				new Map([
					['a', ['b']],
					['b', []],
				]),
			),
		).toEqual([]);
	});
});
