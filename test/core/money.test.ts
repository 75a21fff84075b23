import {
	convertMinorUnits,
	currencyExponent,
	formatDecimal,
	formatFixedDecimal,
	MoneyError,
	toMinorUnits,
} from '../../core/money';

describe('money in minor units with the ISO 4217 exponent', () => {
	it.each([
		['JPY', 0],
		['USD', 2],
		['EUR', 2],
		['KWD', 3],
		['CLF', 4],
	])('%s has %i decimals', (currency, exponent) => {
		expect(currencyExponent(currency)).toBe(exponent);
	});

	it.each([
		['404.95', 'EUR', 40495],
		['10', 'EUR', 1000],
		['10.5', 'USD', 1050],
		['-3.10', 'USD', -310],
		['500', 'JPY', 500],
		['500.00', 'JPY', 500],
		['1.234', 'KWD', 1234],
		['0.001', 'KWD', 1],
	])('%s %s is %i minor units', (amount, currency, minor) => {
		expect(toMinorUnits(amount, currency)).toBe(minor);
	});

	it('parses numbers without floating-point drift', () => {
		expect(toMinorUnits(0.1 + 0.2, 'EUR')).toBe(30);
		expect(toMinorUnits(19.99 * 3, 'USD')).toBe(5997);
	});

	it.each([
		['10.005', 'EUR', /more decimals/],
		['10.5', 'JPY', /more decimals/],
		['ten', 'EUR', /not a decimal amount/],
		['1.00', 'EURO', /not an ISO 4217 currency code/],
		['1.00', 'XXX1', /not an ISO 4217/],
	])('refuses %s %s', (amount, currency, message) => {
		expect(() => toMinorUnits(amount, currency)).toThrow(MoneyError);
		expect(() => toMinorUnits(amount, currency)).toThrow(message);
	});

	it.each([
		[40495, 'EUR', '404.95'],
		[1000, 'EUR', '10.0'],
		[1050, 'USD', '10.5'],
		[5, 'USD', '0.05'],
		[-310, 'USD', '-3.1'],
		[500, 'JPY', '500.0'],
		[1234, 'KWD', '1.234'],
	])('%i minor %s is "%s" in Shopify\'s decimal form', (minor, currency, text) => {
		expect(formatDecimal(minor, currency)).toBe(text);
	});

	it('converts between currencies of different exponents, rounding to the target minor unit', () => {
		expect(convertMinorUnits(1000, 'EUR', 'USD', 1.0753)).toBe(1075); // 10.00 EUR → 10.75 USD
		expect(convertMinorUnits(1000, 'EUR', 'JPY', 161.235)).toBe(1612); // 10.00 EUR → 1612 JPY
		expect(convertMinorUnits(1000, 'EUR', 'KWD', 0.3301)).toBe(3301); // 10.00 EUR → 3.301 KWD
		expect(convertMinorUnits(-1000, 'EUR', 'USD', 1.0755)).toBe(-1076);
	});
});

describe('formatFixedDecimal: all of the currency decimals, as REST payloads carry them', () => {
	it.each([
		[1000, 'EUR', '10.00'],
		[5, 'USD', '0.05'],
		[-310, 'USD', '-3.10'],
		[500, 'JPY', '500'],
		[1234, 'KWD', '1.234'],
		[0, 'EUR', '0.00'],
	])('%i minor %s is "%s"', (minor, currency, text) => {
		expect(formatFixedDecimal(minor, currency)).toBe(text);
	});

	it.each([Number.NaN, 12.5, Number.POSITIVE_INFINITY])(
		'refuses %s instead of formatting it as "N.aN", "12..5" or "Infini.ty"',
		(minor) => {
			expect(() => formatFixedDecimal(minor, 'EUR')).toThrow(
				new MoneyError(`${minor} is not an amount in minor units of EUR`),
			);
			expect(() => formatDecimal(minor, 'EUR')).toThrow(MoneyError);
		},
	);
});
