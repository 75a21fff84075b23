/**
 * Sizing the pages of a long order read so that what each page asks of the bucket is close to
 * what it spends. Shopify charges a query's requested cost up front and holds it while the query
 * runs; a page that asks for 10 lines per order where the shop's orders have 2 requests four
 * times what it is charged, and a read must keep that much in the bucket it never spends — the
 * points still held after the last page are the read's loss. So the lines asked per order are
 * learned from the orders read so far (the most seen, with a quarter more as headroom; an order
 * with more is completed by its own line queries), and pages are sized to a requested cost: up
 * to the single-query limit while the bucket has room, about two seconds of restore once the
 * bucket is what limits the read (the pacer waits anyway; a small last page leaves little).
 */
import { MAX_PAGE_SIZE, MAX_SINGLE_QUERY_COST } from './pagination';
import type { ThrottleStatus } from './throttle';

/**
 * What Shopify requests up front for a page of ORDERS_QUERY, by its cost rules (object 1,
 * connection 2 + `first` × one node): the page connection, then per order its node with the
 * OrderflowOrder fields (shipping lines sized 5; a connection's pageInfo is in its 2) and its
 * lineItems connection, and per line the OrderflowLineItem node. Shipping lines beyond five are
 * read by their own query, outside the page. A test checks it against the rules for a grid of
 * sizes: change it with the document.
 */
export const ORDERS_PAGE_COST = { connection: 2, order: 52, line: 12 } as const;

export function ordersPageCost(first: number, lineItemsFirst: number): number {
	const { connection, order, line } = ORDERS_PAGE_COST;
	return connection + first * (order + lineItemsFirst * line);
}

/** Lines asked per order before any order was seen, and the most ever asked on a list page. */
export const INITIAL_LINES_PER_ORDER = 10;
export const MAX_LINES_PER_ORDER = 50;
/** A page's requested cost stays this far under the single-query limit. */
const COST_CEILING = Math.floor(MAX_SINGLE_QUERY_COST * 0.95);
/** Once the bucket limits the read, a page asks for about this many seconds of restore. */
const BOUND_PAGE_SECONDS = 2;

export interface OrderPageAnswer {
	/** The sizes the page was asked with. */
	first: number;
	lineItemsFirst: number;
	/** Lines of each order it returned, all of them (after completing an order cut short). */
	lineCounts: number[];
	requestedCost?: number;
	throttleStatus?: ThrottleStatus;
}

export class OrderPageSizer {
	private mostLines = 0;
	/** Shopify's requested cost over our model's (≥ 1), in case its rules charge more. */
	private scale = 1;
	private targetCost = COST_CEILING;

	/**
	 * `fixedLines`: the caller's lines per order (up to MAX_LINES_PER_ORDER, so one order always
	 * fits a query), asked on every page instead of learning them.
	 */
	constructor(private readonly fixedLines?: number) {}

	/** Lines to ask per order on the next page. */
	lineItemsFirst(): number {
		if (this.fixedLines !== undefined) return Math.min(MAX_LINES_PER_ORDER, this.fixedLines);
		if (this.mostLines === 0) return INITIAL_LINES_PER_ORDER;
		return Math.min(MAX_LINES_PER_ORDER, Math.ceil(this.mostLines * 1.25));
	}

	/** The page's expected requested cost, for the pacer. */
	expectedCost(first: number, lineItemsFirst: number): number {
		return Math.ceil(ordersPageCost(first, lineItemsFirst) * this.scale);
	}

	/** Orders on the next page: as many as fit the target cost at the lines asked, 1..250. */
	pageSize(): number {
		const perOrder = ordersPageCost(1, this.lineItemsFirst()) - ORDERS_PAGE_COST.connection;
		const fits = Math.floor(
			(this.targetCost / this.scale - ORDERS_PAGE_COST.connection) / perOrder,
		);
		return Math.max(1, Math.min(MAX_PAGE_SIZE, fits));
	}

	observe(answer: OrderPageAnswer): void {
		this.mostLines = Math.max(this.mostLines, ...answer.lineCounts);
		if (answer.requestedCost)
			this.scale = Math.max(
				1,
				answer.requestedCost / ordersPageCost(answer.first, answer.lineItemsFirst),
			);
		const status = answer.throttleStatus;
		if (status) {
			const bound = status.restoreRate * BOUND_PAGE_SECONDS;
			this.targetCost = Math.min(COST_CEILING, Math.max(bound, status.currentlyAvailable / 2));
		}
	}
}
