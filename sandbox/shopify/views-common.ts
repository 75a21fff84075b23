/**
 * What every view module shares: the View shape, money and id helpers, and RecordViews — the
 * views of orders, lines, variants and transactions that the fulfillment, refund and return views
 * build on (implemented by Views), so those modules need not import views.ts back.
 */
import { formatDecimal } from '../../core/money';
import type {
	AddressRecord,
	LineItemRecord,
	LocationRecord,
	MetafieldRecord,
	MoneyPair,
	OrderRecord,
	TaxLineRecord,
	TransactionRecord,
	VariantRecord,
} from './records';

export type View = Record<string, unknown>;

export function legacyId(gid: string): string {
	return gid.slice(gid.lastIndexOf('/') + 1).split('?')[0];
}

function money(minor: number, currencyCode: string): View {
	return { amount: formatDecimal(minor, currencyCode), currencyCode };
}

export function moneyBag(pair: MoneyPair, order: OrderRecord): View {
	return {
		shopMoney: money(pair.shop, order.currencyCode),
		presentmentMoney: money(pair.presentment, order.presentmentCurrencyCode),
	};
}

/** A plain list field with Shopify's optional `first` argument. */
export function list<T>(records: T[]) {
	return ({ first }: { first?: number } = {}) =>
		first === undefined ? records : records.slice(0, first);
}

export function addressView(address: AddressRecord | null): View | null {
	if (!address) return null;
	const name = [address.firstName, address.lastName].filter(Boolean).join(' ');
	return { __typename: 'MailingAddress', name, ...address, countryCode: address.countryCodeV2 };
}

export function taxLineView(tax: TaxLineRecord, order: OrderRecord): View {
	return {
		__typename: 'TaxLine',
		title: tax.title,
		rate: tax.rate,
		ratePercentage: Math.round(tax.rate * 100_000) / 1000,
		priceSet: moneyBag(tax.price, order),
		channelLiable: false,
	};
}

export function locationView(location: LocationRecord): View {
	return { __typename: 'Location', legacyResourceId: legacyId(location.id), ...location };
}

export function metafieldView(metafield: MetafieldRecord, ownerType: string): View {
	return {
		__typename: 'Metafield',
		...metafield,
		ownerType,
		compareDigest: `${metafield.updatedAt}`,
	};
}

/** The record views other view modules build on. */
export interface RecordViews {
	variant(variant: VariantRecord): View;
	lineItem(line: LineItemRecord, order: OrderRecord): View;
	order(order: OrderRecord): View;
	transaction(transaction: TransactionRecord, order: OrderRecord): View;
}
