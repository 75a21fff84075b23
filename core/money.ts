/**
 * Money in minor units with the ISO 4217 exponent of its currency (JPY 0, EUR 2, KWD 3).
 * Amounts are parsed from decimal strings digit by digit — never through floating point — so
 * "0.1" + "0.2" is exactly 30 minor units of EUR.
 */

/** Active ISO 4217 codes whose minor unit is not 2 decimals. */
const EXPONENT_EXCEPTIONS: Record<string, number> = {
	BHD: 3,
	BIF: 0,
	CLF: 4,
	CLP: 0,
	DJF: 0,
	GNF: 0,
	IQD: 3,
	ISK: 0,
	JOD: 3,
	JPY: 0,
	KMF: 0,
	KRW: 0,
	KWD: 3,
	LYD: 3,
	OMR: 3,
	PYG: 0,
	RWF: 0,
	TND: 3,
	UGX: 0,
	UYI: 0,
	UYW: 4,
	VND: 0,
	VUV: 0,
	XAF: 0,
	XOF: 0,
	XPF: 0,
};

/** Active ISO 4217 currency codes (2026). */
const ISO_4217 = new Set(
	(
		'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
		'BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
		'GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF ' +
		'KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR ' +
		'MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK ' +
		'SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU ' +
		'UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG'
	).split(' '),
);

export class MoneyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MoneyError';
	}
}

export function isCurrencyCode(code: string): boolean {
	return ISO_4217.has(code);
}

export function currencyExponent(currencyCode: string): number {
	if (!isCurrencyCode(currencyCode)) {
		throw new MoneyError(`"${currencyCode}" is not an ISO 4217 currency code`);
	}
	return EXPONENT_EXCEPTIONS[currencyCode] ?? 2;
}

/**
 * "404.95" EUR → 40495. More decimals than the currency has are refused (a rounding decision
 * belongs to the caller), except trailing zeros ("10.50" JPY is not accepted, "10.00" JPY is).
 */
export function toMinorUnits(amount: string | number, currencyCode: string): number {
	const exponent = currencyExponent(currencyCode);
	const text = typeof amount === 'number' ? numberToPlainString(amount) : amount.trim();
	const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text);
	if (!match) throw new MoneyError(`"${text}" is not a decimal amount`);
	const [, sign, whole, fraction = ''] = match;
	const significant = fraction.replace(/0+$/, '');
	if (significant.length > exponent) {
		throw new MoneyError(
			`${text} ${currencyCode} has more decimals than the currency's ${exponent}`,
		);
	}
	const minor = Number(whole) * 10 ** exponent + Number(significant.padEnd(exponent, '0') || '0');
	if (!Number.isSafeInteger(minor)) throw new MoneyError(`${text} ${currencyCode} is too large`);
	return sign === '-' ? -minor : minor;
}

/** 40495 EUR → "404.95"; 1000 EUR → "10.0"; 500 JPY → "500.0" (Shopify's GraphQL Decimal form). */
export function formatDecimal(minor: number, currencyCode: string): string {
	const [whole, fraction = ''] = formatFixedDecimal(minor, currencyCode).split('.');
	return `${whole}.${fraction.replace(/0+$/, '') || '0'}`;
}

/** Converts an amount between currencies at a rate, rounding half away from zero to the target's minor unit. */
export function convertMinorUnits(minor: number, from: string, to: string, rate: number): number {
	const scale = 10 ** (currencyExponent(to) - currencyExponent(from));
	const value = minor * rate * scale;
	return Math.sign(value) * Math.round(Math.abs(value) + Number.EPSILON * Math.abs(value));
}

function numberToPlainString(value: number): string {
	if (!Number.isFinite(value)) throw new MoneyError(`${value} is not an amount`);
	// Up to 12 decimals removes binary noise (0.1 + 0.2) without changing real cents.
	return value.toFixed(12).replace(/\.?0+$/, '');
}

/** 1000 EUR → "10.00", 500 JPY → "500", 1234 KWD → "1.234" (all the currency's decimals, as REST payloads carry them). */
export function formatFixedDecimal(minor: number, currencyCode: string): string {
	const exponent = currencyExponent(currencyCode);
	// NaN, a fraction or Infinity would come out as "N.aN", "12..5" or "Infini.ty".
	if (!Number.isSafeInteger(minor))
		throw new MoneyError(`${minor} is not an amount in minor units of ${currencyCode}`);
	const negative = minor < 0;
	const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
	const whole = digits.slice(0, digits.length - exponent);
	const fraction = digits.slice(digits.length - exponent);
	return `${negative ? '-' : ''}${whole}${exponent ? `.${fraction}` : ''}`;
}
