import { longFunctionsIn } from '../../scripts/long-functions';

/** A function declaration whose body holds `statements` lines: it spans statements + 2 lines. */
function declaration(name: string, statements: number): string {
	const body = Array.from({ length: statements }, (_, index) => `\tconst v${index} = ${index};`);
	return [`function ${name}() {`, ...body, '}'].join('\n');
}

describe('the long-function check', () => {
	it('flags a function over the limit with its name, first line and line count', () => {
		const text = ['// a header line', declaration('short', 3), declaration('long', 9)].join('\n');
		expect(longFunctionsIn('example.ts', text, 10)).toEqual([
			{ file: 'example.ts', name: 'long', line: 7, lines: 11 },
		]);
	});

	it('does not flag a function of exactly the limit', () => {
		expect(longFunctionsIn('example.ts', declaration('fits', 8), 10)).toEqual([]);
	});

	it('counts each resolver of an object literal on its own, not the literal around them', () => {
		const resolver = (name: string, statements: number) =>
			[
				`\t${name}: () => {`,
				...Array.from({ length: statements }, (_, index) => `\t\tconst v${index} = ${index};`),
				'\t},',
			].join('\n');
		const text = [
			'export const resolvers = {',
			resolver('small', 4),
			resolver('alsoSmall', 4),
			resolver('big', 12),
			'};',
		].join('\n');
		expect(longFunctionsIn('resolvers.ts', text, 10)).toEqual([
			{ file: 'resolvers.ts', name: 'big', line: 14, lines: 14 },
		]);
	});

	it('flags a function that returns a long object literal of short resolvers', () => {
		const text = [
			'export function rootValue() {',
			'\treturn {',
			...Array.from({ length: 10 }, (_, index) => `\t\tfield${index}: () => ${index},`),
			'\t};',
			'}',
		].join('\n');
		expect(longFunctionsIn('root.ts', text, 10)).toEqual([
			{ file: 'root.ts', name: 'rootValue', line: 1, lines: 14 },
		]);
	});
});
