import { splitList } from '../../core/lists';

describe('splitList, the one list parser for typed lists', () => {
	it('splits on commas and newlines, trims, drops empty entries and keeps order', () => {
		expect(splitList(' US, CA ,,\nDE\n\n FR ')).toEqual(['US', 'CA', 'DE', 'FR']);
	});

	it('takes an array an expression produced, and nothing as no entries', () => {
		expect(splitList([' a', 2, ''])).toEqual(['a', '2']);
		expect(splitList(undefined)).toEqual([]);
		expect(splitList('')).toEqual([]);
	});
});
