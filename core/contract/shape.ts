/**
 * Reading the lists and counts of a Shopify payload strictly: a list that is not a list, a line
 * that is not an object or a quantity that is not a whole number is an InputShapeError naming
 * the field (`line_items[2].quantity`), never a TypeError or a NaN further on. The nodes turn it
 * into an error naming the item.
 */

import { MoneyError, toMinorUnits } from '../money';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Shopify payloads are read field by field and checked

export class InputShapeError extends Error {
	constructor(
		readonly field: string,
		message: string,
		/** What to fix, for the node error's description. */
		readonly fix: string,
	) {
		super(message);
		this.name = 'InputShapeError';
	}
}

/** A value in words for an error: `a text ("two")`, `null`, `an object`, `the number 1.5`. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string')
		return `a text (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
	if (typeof value === 'number') return `the number ${String(value)}`;
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${String(value)}`;
}

const SHOPIFY_FIX =
	'Pass the item as Shopify sends it — from the Orderflow trigger, a Webhook node or the Shopify node — not rebuilt by an expression or a Set node.';

function objectAt(value: unknown, field: string): Json {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new InputShapeError(
			field,
			`${field} is ${describeValue(value)}, not an object`,
			`${field} must be an object. ${SHOPIFY_FIX}`,
		);
	}
	return value as Json;
}

const entries = (list: unknown[], field: string): Json[] =>
	list.map((entry, index) => objectAt(entry, `${field}[${index}]`));

/** A list of objects; absent (undefined or null) is an empty list. */
export function listOf(value: unknown, field: string): Json[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value))
		throw new InputShapeError(
			field,
			`${field} is ${describeValue(value)}, not a list`,
			`${field} must be a list of objects. ${SHOPIFY_FIX}`,
		);
	return entries(value, field);
}

/** An entry of a connection and where it sits (`lineItems.nodes[0]`, `lineItems.edges[0].node`), for errors about its fields. */
export interface ConnectionEntry {
	node: Json;
	at: string;
}

/** The nodes of a GraphQL connection (`{nodes}` or `{edges: [{node}]}`), or a plain list; absent is empty. */
export function connectionOf(value: unknown, field: string): ConnectionEntry[] {
	const at = (path: string) => (node: Json, index: number) => ({ node, at: `${path}[${index}]` });
	if (value === undefined || value === null || Array.isArray(value))
		return listOf(value, field).map(at(field));
	const connection = value as Json;
	if (typeof value === 'object' && Array.isArray(connection.nodes))
		return entries(connection.nodes as unknown[], `${field}.nodes`).map(at(`${field}.nodes`));
	if (typeof value === 'object' && Array.isArray(connection.edges)) {
		return entries(connection.edges as unknown[], `${field}.edges`).map((edge, index) => ({
			node: objectAt(edge.node, `${field}.edges[${index}].node`),
			at: `${field}.edges[${index}].node`,
		}));
	}
	throw new InputShapeError(
		field,
		`${field} is ${describeValue(value)}, not a list`,
		`${field} must be a list of objects, or a GraphQL connection with nodes or edges. ${SHOPIFY_FIX}`,
	);
}

/** Minor units of a decimal amount; an amount or currency that is not one is an error naming the field. */
export function minorUnitsAt(amount: unknown, currency: string, field: string): number {
	try {
		return toMinorUnits(typeof amount === 'number' ? amount : String(amount), currency);
	} catch (error) {
		if (!(error instanceof MoneyError)) throw error;
		throw new InputShapeError(
			field,
			`${field}: ${error.message}`,
			`${field} must be a decimal amount in an ISO 4217 currency, as Shopify sends it (e.g. "12.50" EUR). ${SHOPIFY_FIX}`,
		);
	}
}

/** A count of units: a whole number, or its digits as text. */
export function quantityOf(value: unknown, field: string): number {
	const quantity = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity)) {
		const problem =
			value === undefined ? 'is missing' : `is ${describeValue(value)}, not a whole number`;
		throw new InputShapeError(
			field,
			`${field} ${problem}`,
			`${field} must be a number of units. ${SHOPIFY_FIX}`,
		);
	}
	return quantity;
}
