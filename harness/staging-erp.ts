/**
 * A team's own ERP (staging) in place of the reference server: how the rig signs in to it, and
 * how it finds what this run booked there — by this run's own references, never the ERP's whole
 * list (it holds other runs' orders and other people's).
 */
import type { IDataObject } from 'n8n-workflow';

import { externalRefOf } from '../core/contract/sales-order';
import type { ShopifyStore } from '../sandbox/shopify/store';

export interface StagingErp {
	url: string;
	/** The Authorization header: `Bearer <token>` or `Basic <base64 user:password>`. */
	authorization: string;
	/** The header the ERP dedupes writes on; empty when it dedupes nothing. */
	idempotencyHeader: string;
}

/** The Orderflow ERP credential that signs in the way `authorization` does. */
export function erpCredentialOf(erp: StagingErp): Record<string, string> {
	const [scheme, ...rest] = erp.authorization.trim().split(/\s+/);
	const value = rest.join(' ');
	const common = { baseUrl: erp.url, idempotencyHeader: erp.idempotencyHeader };
	if (/^bearer$/i.test(scheme) && value)
		return { ...common, authentication: 'bearer', token: value };
	if (/^basic$/i.test(scheme) && value) {
		const [user, ...password] = Buffer.from(value, 'base64').toString('utf8').split(':');
		if (user && password.length)
			return { ...common, authentication: 'basic', user, password: password.join(':') };
	}
	throw new Error('Give the ERP sign-in as "Bearer <token>" or "Basic <base64 of user:password>"');
}

type ErpCall = (method: string, apiPath: string) => Promise<{ status: number; body: IDataObject }>;

/** The sales orders of this run's Shopify orders, looked up one by one by external reference. */
export async function ownSalesOrders(call: ErpCall, store: ShopifyStore): Promise<IDataObject[]> {
	const found = await Promise.all(
		store.orders.map(
			async (order) =>
				(
					await call(
						'GET',
						`/sales-orders?externalRef=${encodeURIComponent(externalRefOf(order.id.split('/').pop()!))}`,
					)
				).body.items as IDataObject[] | undefined,
		),
	);
	return found.flatMap((items) => items ?? []);
}

/** The credit memos against this run's sales orders. */
export async function ownCreditMemos(call: ErpCall, store: ShopifyStore): Promise<IDataObject[]> {
	const salesOrders = await ownSalesOrders(call, store);
	const found = await Promise.all(
		salesOrders.map(
			async (salesOrder) =>
				(
					await call(
						'GET',
						`/credit-memos?salesOrderId=${encodeURIComponent(String(salesOrder.id))}`,
					)
				).body.items as IDataObject[] | undefined,
		),
	);
	return found.flatMap((items) => items ?? []);
}
