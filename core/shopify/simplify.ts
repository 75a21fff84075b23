/**
 * The "Simplify" output: one stable, flat shape for every resource, so workflows do not depend
 * on GraphQL nesting. Global ids become `id` (numeric) plus `gid`; `{ nodes: [...] }`
 * connections become arrays (page info dropped); a MoneyBag (`totalPriceSet`) becomes
 * `totalPrice: { shop, presentment }`; every money amount gains `minorUnits` (an integer in the
 * currency's ISO 4217 exponent, so sums never meet float rounding).
 */
import { toMinorUnits } from '../money';
import { numericId } from './ids';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMoney(value: Json): boolean {
	return typeof value.amount === 'string' && typeof value.currencyCode === 'string';
}

function simplifyMoney(value: Json): Json {
	return {
		amount: value.amount,
		currencyCode: value.currencyCode,
		minorUnits: toMinorUnits(String(value.amount), String(value.currencyCode)),
	};
}

function isMoneyBag(value: Json): boolean {
	return isObject(value.shopMoney) || isObject(value.presentmentMoney);
}

function isConnection(value: Json): boolean {
	return (
		Array.isArray(value.nodes) &&
		Object.keys(value).every((key) => key === 'nodes' || key === 'pageInfo')
	);
}

export function simplify(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(simplify);
	if (!isObject(value)) return value;
	if (isMoney(value)) return simplifyMoney(value);
	if (isMoneyBag(value)) {
		const bag: Json = {};
		if (isObject(value.shopMoney)) bag.shop = simplifyMoney(value.shopMoney);
		if (isObject(value.presentmentMoney)) bag.presentment = simplifyMoney(value.presentmentMoney);
		return bag;
	}
	if (isConnection(value)) return (value.nodes as unknown[]).map(simplify);
	const result: Json = {};
	for (const [key, field] of Object.entries(value)) {
		if (key === 'id' && typeof field === 'string' && field.startsWith('gid://')) {
			result.id = numericId(field);
			result.gid = field;
			continue;
		}
		if (key === 'legacyResourceId') continue;
		const simplified = simplify(field);
		const moneyBagKey = /^(.+)Set$/.exec(key);
		result[moneyBagKey && isObject(field) && isMoneyBag(field) ? moneyBagKey[1] : key] = simplified;
	}
	return result;
}

export function simplifyObject(value: Json): Json {
	return simplify(value) as Json;
}
