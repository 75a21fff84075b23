/**
 * The go-live scenario catalog, driven against the published templates in the sandbox. Each
 * scenario does what the merchant's systems would do (an order placed, a duplicate delivery,
 * an ERP outage, a refund…) and checks what must be true afterwards.
 */
import type { IDataObject } from 'n8n-workflow';

import { embeddedLedgerConfig, getLedger, type Ledger } from '../../core/ledger';
import {
	orderRefOf,
	SHIP_TO_BERLIN as ADDRESS,
	startTemplate,
	supportDesk,
	type ShipmentRequest,
	type TemplateRig,
} from '../../harness';
import { cancelOrder } from '../../sandbox/shopify/domain/fulfillment';
import { createRefund } from '../../sandbox/shopify/domain/refunds';
import { BERLIN, ROTTERDAM } from '../../sandbox/shopify/seed';
import { orderTotals, type OrderInput, type OrderRecord } from '../../sandbox/shopify/store';

export interface Check {
	what: string;
	pass: boolean;
	detail?: string;
}

export interface ScenarioContext {
	rig: TemplateRig;
	/** Places an order in Shopify and lets every webhook it causes run through the templates. */
	order(input: Partial<OrderInput>): Promise<OrderRecord>;
	salesOrder(order: OrderRecord): Promise<IDataObject | undefined>;
	creditMemosOf(order: OrderRecord): Promise<IDataObject[]>;
	/** Runs a template from its schedule trigger, as the schedule would. */
	runScheduled(trigger: string): Promise<void>;
}

export interface ScenarioOutcome {
	checks: Check[];
	/** Orders whose trails the report shows. */
	orders: OrderRecord[];
	/** Orders with a refund the ERP holds no credit memo for, on purpose: the nightly reconciliation must name them. */
	unbooked?: OrderRecord[];
}

export interface Scenario {
	name: string;
	/** Why it needs the ERP reference server (fault injection, its control API, its stock): skipped against a staging ERP. */
	needsReferenceErp?: string;
	run(context: ScenarioContext): Promise<ScenarioOutcome>;
}

const FAULTS =
	'it injects faults through the ERP reference server’s control API, which a staging ERP does not have';

export const check = (what: string, pass: boolean, detail?: unknown): Check => ({
	what,
	pass,
	...(detail === undefined
		? {}
		: { detail: typeof detail === 'string' ? detail : JSON.stringify(detail) }),
});
const DECIDED_IN_DEMO = 'decided in the go-live run';

/**
 * Support opens the desk, finds the order, resolves its in-doubt write as applied with the record
 * the ERP holds; then the order's delivery comes again (as a re-drive or Shopify's retry would).
 */
async function resolvedOnTheDesk(rig: TemplateRig, ledger: Ledger, order: OrderRecord) {
	const desk = supportDesk(rig.engine);
	const [write] = await ledger.inDoubtWrites({ entity: orderRefOf(order) });
	const [booked] = await rig.salesOrders();
	await desk.get({ q: order.name });
	const answer = await desk.post({
		action: 'applied',
		scope: write.scope,
		key: write.key,
		record: JSON.stringify(booked),
		by: 'Support (go-live run)',
		note: `${String(booked.id)} is in the ERP`,
		q: order.name,
	});
	const flash =
		/<p class="flash [^"]+" role="status">([^<]*)</.exec(answer.response.body)?.[1] ??
		`HTTP ${answer.response.statusCode}`;
	const next = await rig.redeliver('orders/create');
	const [exception] = await ledger.listExceptions({ entity: orderRefOf(order) });
	return {
		answered: answer.response.statusCode === 200 && /resolved as applied/.test(flash),
		flash,
		replayed:
			(next.output('ERP Upsert Sales Order', 0)[0]?.erp as IDataObject | undefined)?.replayed ===
			true,
		tagged: rig.shopify.store.order(order.id)!.tags.includes('erp-synced'),
		exception: exception?.state,
		salesOrders: (await rig.salesOrders()).length,
	};
}
const lineText = (request: ShipmentRequest) =>
	request.lines.map((line) => `${line.sku}=${line.quantity}`).join(', ');
const amount = (value: unknown) =>
	(value as { shop?: { amount?: number } } | undefined)?.shop?.amount;

const refundOf = (
	context: ScenarioContext,
	order: OrderRecord,
	quantity: number,
	restockType: 'NO_RESTOCK' | 'CANCEL' | 'RETURN' = 'NO_RESTOCK',
) =>
	createRefund(context.rig.shopify.store, {
		orderId: order.id,
		refundLineItems: [
			{
				lineItemId: order.lineItems[0].id,
				quantity,
				restockType,
				locationId: restockType === 'NO_RESTOCK' ? null : BERLIN,
			},
		],
	});

export const SCENARIOS: Scenario[] = [
	{
		name: 'Standard order',
		run: async (context) => {
			const order = await context.order({ lines: [{ sku: 'TSHIRT-RED-M', quantity: 2 }] });
			const booked = await context.salesOrder(order);
			const { tags } = context.rig.shopify.store.order(order.id)!;
			return {
				orders: [order],
				checks: [
					check('one sales order in the ERP', !!booked, booked?.id),
					check(
						'ERP total equals the Shopify total (minor units)',
						amount((booked?.totals as IDataObject)?.total) === orderTotals(order).total.shop,
						{
							erp: amount((booked?.totals as IDataObject)?.total),
							shopify: orderTotals(order).total.shop,
						},
					),
					check('the Shopify order is tagged erp-synced', tags.includes('erp-synced'), { tags }),
				],
			};
		},
	},
	{
		name: 'Duplicate webhook deliveries',
		run: async (context) => {
			context.rig.shopify.webhooks.faults = { duplicates: 3 };
			const order = await context.order({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }] });
			context.rig.shopify.webhooks.faults = {};
			const all = (await context.rig.salesOrders()).filter(
				(so) => so.externalRef === orderRefOf(order),
			);
			return {
				orders: [order],
				checks: [
					check(
						'Shopify delivered orders/create 4 times; exactly one sales order',
						all.length === 1,
						`${all.length} sales orders`,
					),
				],
			};
		},
	},
	{
		name: 'Out-of-order updates',
		run: async (context) => {
			const order = await context.order({
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
				note: 'first',
			});
			const store = context.rig.shopify.store;
			context.rig.shopify.webhooks.faults = { reorder: true };
			const base = Date.now();
			store.now = () => new Date(base + 2000);
			order.note = 'second';
			store.touch(order);
			store.now = () => new Date(base + 4000);
			order.note = 'third (latest)';
			store.touch(order);
			store.now = () => new Date();
			context.rig.shopify.webhooks.flush();
			context.rig.shopify.webhooks.faults = {};
			await context.rig.settle();
			const booked = await context.salesOrder(order);
			return {
				orders: [order],
				checks: [
					check(
						'updates delivered newest first; the ERP keeps the latest version',
						booked?.note === 'third (latest)',
						booked?.note,
					),
				],
			};
		},
	},
	{
		name: 'ERP 503 and 429 during a write',
		needsReferenceErp: FAULTS,
		run: async (context) => {
			await context.rig.erpCall('PUT', '/_control/faults', [
				{ method: 'POST', path: '/sales-orders', kind: 'status', status: 503, times: 1 },
				{
					method: 'POST',
					path: '/sales-orders',
					kind: 'status',
					status: 429,
					retryAfterSeconds: 1,
					times: 1,
				},
			]);
			const order = await context.order({ lines: [{ sku: 'TSHIRT-BLK-M', quantity: 1 }] });
			const faults = (await context.rig.erpCall('GET', '/_control/faults')).body as {
				hits: { status: number };
			};
			await context.rig.erpCall('DELETE', '/_control/faults');
			return {
				orders: [order],
				checks: [
					check('the ERP answered 503 and 429 first', faults.hits.status >= 2, faults.hits),
					check('one sales order after the retries', !!(await context.salesOrder(order))),
				],
			};
		},
	},
	{
		name: 'ERP commit-then-drop (in doubt, surfaced)',
		needsReferenceErp: FAULTS,
		run: async (context) => {
			await context.rig.erpCall('PUT', '/_control/faults', [
				{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 },
			]);
			const deduped = await context.order({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
			await context.rig.erpCall('DELETE', '/_control/faults');
			const withKeys = (await context.rig.salesOrders()).filter(
				(so) => so.externalRef === orderRefOf(deduped),
			).length;
			// An ERP without idempotency keys (its own sandbox, credential without the header).
			const blind = await startTemplate('order-sync.json', ['Report Exception'], {
				erpIdempotencyHeader: '',
			});
			try {
				await blind.erpCall('POST', '/_control/idempotency', { enabled: false });
				await blind.erpCall('PUT', '/_control/faults', [
					{ method: 'POST', path: '/sales-orders', kind: 'commit-then-drop', times: 1 },
				]);
				const doubtful = blind.shopify.store.createOrder({
					lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 3 }],
					shippingAddress: ADDRESS,
				});
				await blind.settle();
				const reports = blind.messages.map((message) => message.body);
				const booked = (await blind.salesOrders()).length;
				const blindLedger = await getLedger(
					embeddedLedgerConfig({ userFolder: blind.engine.userFolder }),
				);
				const doubts = await blindLedger.listExceptions({ kind: 'in_doubt' });
				const desk = await resolvedOnTheDesk(blind, blindLedger, doubtful);
				return {
					orders: [deduped],
					checks: [
						check(
							'with idempotency keys the ERP keeps one sales order although the answer was lost',
							withKeys === 1,
							`${withKeys}`,
						),
						check(
							'without them the write is reported in doubt, not assumed done',
							reports.some((report) => /may or may not/i.test(JSON.stringify(report))),
							reports.map((report) => report.text),
						),
						check(
							'…and not resent: the ERP holds exactly the one sales order it committed',
							booked === 1,
							`${booked}`,
						),
						check(
							'the in-doubt write is an open exception saying what to check',
							doubts.length === 1 &&
								doubts[0].state === 'open' &&
								doubts[0].action.startsWith('Check in the ERP'),
							doubts.map((record) => `${record.kind} ${record.state}`),
						),
						check(
							'support resolves it as applied on the support desk page',
							desk.answered,
							desk.flash,
						),
						check(
							'the next run replays it (nothing sent), tags the order, and the exception is resolved',
							desk.replayed &&
								desk.tagged &&
								desk.exception === 'resolved' &&
								desk.salesOrders === 1,
							desk,
						),
					],
				};
			} finally {
				await blind.close();
			}
		},
	},
	{
		name: 'Cancellation before fulfilment',
		run: async (context) => {
			const order = await context.order({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
			const requested = (await context.rig.shipmentRequests(context.rig.wms, orderRefOf(order)))
				.length;
			cancelOrder(context.rig.shopify.store, order.id, 'CUSTOMER', true);
			await context.rig.settle();
			const statuses = (await context.rig.shipmentRequests(context.rig.wms, orderRefOf(order))).map(
				(request) => request.status,
			);
			return {
				orders: [order],
				checks: [
					check(
						'the sales order is cancelled in the ERP',
						(await context.salesOrder(order))?.status === 'cancelled',
					),
					check(
						'the in-house WMS’s shipment request is cancelled: nothing leaves the warehouse',
						requested === 1 && statuses.join() === 'cancelled',
						statuses,
					),
				],
			};
		},
	},
	{
		name: 'Gift card purchase',
		run: async (context) => {
			const order = await context.order({
				lines: [
					{ sku: 'GIFT-50', quantity: 1 },
					{ sku: 'SOCKS-TRAIL-42', quantity: 1 },
				],
			});
			const lines = ((await context.salesOrder(order))?.lines ?? []) as Array<{
				sku: string;
				giftCard: boolean;
			}>;
			return {
				orders: [order],
				checks: [
					check(
						'the gift card is booked as a gift card line',
						lines.some((line) => line.sku === 'GIFT-50' && line.giftCard),
						lines,
					),
				],
			};
		},
	},
	{
		name: 'Multi-currency order',
		run: async (context) => {
			const order = await context.order({
				lines: [{ sku: 'TSHIRT-RED-L', quantity: 1 }],
				presentmentCurrency: 'USD',
				exchangeRate: 1.0753,
			});
			const booked = await context.salesOrder(order);
			const total = (
				booked?.totals as {
					total?: { shop: { currency: string }; presentment: { currency: string } };
				}
			)?.total;
			return {
				orders: [order],
				checks: [
					check(
						'booked in EUR with the USD the customer paid alongside',
						total?.shop.currency === 'EUR' && total?.presentment.currency === 'USD',
						total,
					),
				],
			};
		},
	},
	{
		name: 'Marketplace-sourced order',
		run: async (context) => {
			const order = await context.order({
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
				sourceName: 'amazon',
			});
			const booked = await context.salesOrder(order);
			return {
				orders: [order],
				checks: [
					check(
						'the sales channel is the marketplace',
						booked?.channel === 'amazon',
						booked?.channel,
					),
				],
			};
		},
	},
	{
		name: 'Multi-entity routing',
		run: async (context) => {
			const order = await context.order({
				lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 1 }],
				shippingAddress: {
					firstName: 'Sam',
					lastName: 'Doe',
					address1: '1 Main St',
					city: 'Boston',
					zip: '02110',
					countryCodeV2: 'US',
				},
			});
			const booked = await context.salesOrder(order);
			return {
				orders: [order],
				checks: [
					check('a US ship-to is booked in entity US01', booked?.entity === 'US01', booked?.entity),
				],
			};
		},
	},
	{
		name: 'SKU missing in the ERP (exception surfaced, nothing lost)',
		needsReferenceErp:
			'it adds the missing SKU to the ERP through the reference server’s control API, which a staging ERP does not have',
		run: async (context) => {
			const before = context.rig.sent('Report Exception').length;
			const order = await context.order({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
			const reported = context.rig
				.sent('Report Exception')
				.slice(before)
				.some((message) => String(message.text).includes('unknown SKU TOTE-NAT'));
			const bookedBefore = !!(await context.salesOrder(order));
			await context.rig.erpCall('POST', '/_control/skus', {
				sku: 'TOTE-NAT',
				description: 'Tote bag',
				barcode: '4006381333962',
			});
			const orderSync = context.rig.workflows.find((workflow) =>
				workflow.nodes.some((node) => node.name === 'ERP Upsert Sales Order'),
			)!;
			const ledger = await getLedger(
				embeddedLedgerConfig({ userFolder: context.rig.engine.userFolder }),
			);
			const opened = await ledger.listExceptions({ entity: orderRefOf(order) });
			await context.rig.engine.poll(orderSync, 'Poll Fallback');
			await context.rig.settle();
			const [exception] = await ledger.listExceptions({ entity: orderRefOf(order) });
			return {
				orders: [order],
				checks: [
					check('the exception is reported with the reason', reported),
					check(
						'one exception is open in the ledger, naming the SKU',
						opened.length === 1 &&
							opened[0].state === 'open' &&
							opened[0].reason.includes('TOTE-NAT'),
						opened.map((record) => `${record.state}: ${record.reason}`),
					),
					check('nothing is booked while the SKU is missing', !bookedBefore),
					check(
						'after the SKU is added, the poll fallback books the order',
						!!(await context.salesOrder(order)),
					),
					check(
						'…and the exception resolves by itself, saying so',
						exception?.state === 'resolved' && exception.resolution === 'automatic',
						exception && `${exception.state} (${exception.resolution}): ${exception.note}`,
					),
				],
			};
		},
	},
	{
		name: 'Full refund',
		run: async (context) => {
			const order = await context.order({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 2 }] });
			refundOf(context, order, 2);
			await context.rig.settle();
			const memos = await context.creditMemosOf(order);
			return {
				orders: [order],
				checks: [
					check(
						'one credit memo for the refunded amount (25.00 EUR)',
						memos.length === 1 && amount(memos[0].total) === 2500,
						memos.map((memo) => memo.total),
					),
				],
			};
		},
	},
	{
		name: 'Partial refund with restock',
		run: async (context) => {
			const order = await context.order({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 4 }] });
			const before = context.rig.sent('Report Warehouse Adjustment').length;
			refundOf(context, order, 1, 'CANCEL');
			await context.rig.settle();
			const [memo] = await context.creditMemosOf(order);
			const lines = (memo?.lines ?? []) as Array<{ quantity: number; restock: boolean }>;
			const told = context.rig
				.sent('Report Warehouse Adjustment')
				.slice(before)
				.map((message) => String(message.text));
			const [request] = await context.rig.shipmentRequests(context.rig.wms, orderRefOf(order));
			return {
				orders: [order],
				checks: [
					check(
						'a credit memo for 1 of 4, marked restocked',
						lines.length === 1 && lines[0].quantity === 1 && lines[0].restock,
						lines,
					),
					check(
						'the in-house WMS still holds the request for 4: someone is told to take 1 off it',
						told.length === 1 &&
							told[0].includes('SOCKS-TRAIL-42: 1 of 4 cancelled') &&
							request?.lines[0]?.quantity === 4,
						told,
					),
				],
			};
		},
	},
	{
		name: 'Refund above threshold, approved',
		run: async (context) => {
			const order = await context.order({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 60 }] });
			refundOf(context, order, 50);
			await context.rig.settle();
			const waiting = (await context.creditMemosOf(order)).length === 0;
			const status = await context.rig.decide(
				'Approval Checkpoint',
				'approve',
				'Finance Lead',
				DECIDED_IN_DEMO,
			);
			const memos = await context.creditMemosOf(order);
			return {
				orders: [order],
				checks: [
					check('the 625.00 EUR refund waits for a decision', waiting),
					check('the decision page accepted the approval', status === 200, status),
					check(
						'approved: one credit memo',
						memos.length === 1 && amount(memos[0].total) === 62500,
						memos.map((memo) => memo.total),
					),
				],
			};
		},
	},
	{
		name: 'Refund above threshold, rejected',
		run: async (context) => {
			const order = await context.order({ lines: [{ sku: 'SOCKS-TRAIL-42', quantity: 60 }] });
			refundOf(context, order, 45);
			await context.rig.settle();
			const before = context.rig.sent('Report Rejection').length;
			const status = await context.rig.decide(
				'Approval Checkpoint',
				'reject',
				'Finance Lead',
				DECIDED_IN_DEMO,
			);
			return {
				orders: [order],
				unbooked: [order],
				checks: [
					check('the decision page accepted the rejection', status === 200, status),
					check('rejected: no credit memo', (await context.creditMemosOf(order)).length === 0),
					check(
						'the rejection is reported',
						context.rig.sent('Report Rejection').length === before + 1,
					),
				],
			};
		},
	},
	{
		name: 'Multi-item order split across two locations',
		run: async (context) => {
			const order = await context.order({
				lines: [
					{ sku: 'TSHIRT-RED-L', quantity: 1 },
					{ sku: 'TOTE-NAT', quantity: 2 },
				],
			});
			const atWms = await context.rig.shipmentRequests(context.rig.wms, orderRefOf(order));
			const atThreePl = await context.rig.shipmentRequests(context.rig.threePl, orderRefOf(order));
			const [wms] = atWms;
			const [threePl] = atThreePl;
			return {
				orders: [order],
				checks: [
					check(
						'the Berlin lines go to the in-house WMS',
						wms?.warehouse === 'BER' && lineText(wms) === 'TSHIRT-RED-L=1',
						wms && lineText(wms),
					),
					check(
						'the Rotterdam lines go to the 3PL',
						threePl?.warehouse === 'RTM' && lineText(threePl) === 'TOTE-NAT=2',
						threePl && lineText(threePl),
					),
					check('one request per warehouse', atWms.length === 1 && atThreePl.length === 1, {
						wms: atWms.length,
						threePl: atThreePl.length,
					}),
				],
			};
		},
	},
	{
		name: 'Partial fulfillment',
		run: async (context) => {
			const order = await context.order({ lines: [{ sku: 'TOTE-NAT', quantity: 3 }] });
			const [request] = await context.rig.shipmentRequests(context.rig.threePl, orderRefOf(order));
			await context.rig.ship(context.rig.threePl, request, {
				lines: [{ lineRef: request.lines[0].lineRef, sku: 'TOTE-NAT', quantity: 2 }],
				tracking: { number: 'RTM-DEMO-1', company: 'DHL' },
			});
			await context.runScheduled('Every 10 Minutes');
			await context.runScheduled('Every 10 Minutes');
			const fulfillments = context.rig.shopify.store.fulfillments.filter(
				(fulfillment) => fulfillment.orderId === order.id,
			);
			const [fulfillmentOrder] = context.rig.shopify.store.fulfillmentOrders.filter(
				(fo) => fo.orderId === order.id,
			);
			return {
				orders: [order],
				checks: [
					check(
						'one Shopify fulfillment for the 2 shipped, however often the shipments are polled',
						fulfillments.length === 1 && fulfillments[0].lines[0]?.quantity === 2,
						fulfillments.map((fulfillment) => fulfillment.lines),
					),
					check(
						'with the 3PL’s tracking',
						fulfillments[0]?.tracking[0]?.number === 'RTM-DEMO-1',
						fulfillments[0]?.tracking,
					),
					check(
						'1 still to ship on the fulfillment order',
						fulfillmentOrder?.lines[0]?.remainingQuantity === 1,
						fulfillmentOrder?.lines.map((line) => line.remainingQuantity),
					),
				],
			};
		},
	},
	{
		name: 'Return',
		run: async (context) => {
			const order = await context.order({ lines: [{ sku: 'TOTE-NAT', quantity: 2 }] });
			const [request] = await context.rig.shipmentRequests(context.rig.threePl, orderRefOf(order));
			await context.rig.ship(context.rig.threePl, request, {
				tracking: { number: 'RTM-DEMO-2', company: 'DHL' },
			});
			await context.runScheduled('Every 10 Minutes');
			const fulfilled = context.rig.shopify.store.fulfillments.some(
				(fulfillment) => fulfillment.orderId === order.id,
			);
			// The customer sends one tote back; it is restocked where it was shipped from.
			createRefund(context.rig.shopify.store, {
				orderId: order.id,
				refundLineItems: [
					{
						lineItemId: order.lineItems[0].id,
						quantity: 1,
						restockType: 'RETURN',
						locationId: ROTTERDAM,
					},
				],
			});
			await context.rig.settle();
			const [memo] = await context.creditMemosOf(order);
			const lines = (memo?.lines ?? []) as Array<{
				sku: string;
				quantity: number;
				restock: boolean;
			}>;
			return {
				orders: [order],
				checks: [
					check('shipped by the 3PL and fulfilled in Shopify first', fulfilled),
					check(
						'the returned tote is credited once in the ERP, marked restocked',
						lines.length === 1 &&
							lines[0].sku === 'TOTE-NAT' &&
							lines[0].quantity === 1 &&
							lines[0].restock,
						lines,
					),
					check('credited for one tote (24.00 EUR)', amount(memo?.total) === 2400, memo?.total),
				],
			};
		},
	},
	{
		name: 'Inventory below safety stock',
		needsReferenceErp:
			'it needs the ERP’s stock to hold the demo’s quantities (3 black shirts in Berlin, safety stock 5)',
		run: async (context) => {
			const before = context.rig.sent('Alert Low Stock').length;
			await context.runScheduled('Every Hour');
			const alerts = context.rig
				.sent('Alert Low Stock')
				.slice(before)
				.map((message) => String(message.text));
			const variant = context.rig.shopify.store.variants.find(
				(candidate) => candidate.sku === 'TSHIRT-BLK-M',
			)!;
			const inShopify = context.rig.shopify.store.inventoryLevel(variant.inventoryItemId, BERLIN)
				?.quantities.available;
			return {
				orders: [],
				checks: [
					check(
						'the ERP’s 3 black shirts in Berlin (safety stock 5) are alerted',
						alerts.length === 1 && alerts[0].includes('TSHIRT-BLK-M @ BER 3 (safety stock 5)'),
						alerts,
					),
					check(
						'…and still pushed: Shopify sells what is there, no more',
						inShopify === 3,
						inShopify,
					),
				],
			};
		},
	},
	{
		name: 'Address change after dispatch (approval)',
		run: async (context) => {
			const { store } = context.rig.shopify;
			// Shopify's updated_at counts seconds: let a minute pass between the changes, as it would.
			// (The shop's clock stays ahead afterwards: Shopify's time never runs backwards.)
			const clock = store.now.bind(store);
			let minutes = 0;
			store.now = () => new Date(clock().getTime() + minutes * 60_000);
			const order = await context.order({ lines: [{ sku: 'TOTE-NAT', quantity: 1 }] });
			const [request] = await context.rig.shipmentRequests(context.rig.threePl, orderRefOf(order));
			minutes += 1;
			await context.rig.ship(context.rig.threePl, request, {
				tracking: { number: 'RTM-DEMO-3', company: 'DHL' },
			});
			await context.runScheduled('Every 10 Minutes');
			const asked = context.rig.sent('Address Change Approval').length;
			minutes += 1;
			const record = store.order(order.id)!;
			record.shippingAddress = { ...ADDRESS, address1: 'Kastanienallee 7', zip: '10435' };
			store.touch(record);
			await context.rig.settle();
			const held = ((await context.salesOrder(order))?.shipTo as { line1?: string } | undefined)
				?.line1;
			const notices = context.rig.sent('Address Change Approval').length - asked;
			const status =
				notices === 1
					? await context.rig.decide(
							'Address Change Approval',
							'approve',
							'Ops Lead',
							DECIDED_IN_DEMO,
						)
					: 0;
			const after = ((await context.salesOrder(order))?.shipTo as { line1?: string } | undefined)
				?.line1;
			return {
				orders: [order],
				checks: [
					check(
						'shipped and fulfilled before the change',
						store.fulfillments.some((fulfillment) => fulfillment.orderId === order.id),
					),
					check('the change after dispatch asks for a decision, once', notices === 1, notices),
					check(
						'until decided the ERP keeps the address the parcel went to',
						held === ADDRESS.address1,
						held,
					),
					check(
						'approved on the decision page: the ERP takes the new address',
						status === 200 && after === 'Kastanienallee 7',
						{ status, after },
					),
				],
			};
		},
	},
];
