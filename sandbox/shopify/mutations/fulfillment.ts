/** Fulfillment order split / move / hold / release / fulfillment request, fulfillmentCreate, orderCancel. */
import {
	cancelOrder,
	createFulfillment,
	FulfillmentError,
	type FulfillmentInput,
	holdFulfillmentOrder,
	moveFulfillmentOrder,
	releaseHold,
	splitFulfillmentOrder,
	submitFulfillmentRequest,
} from '../domain/fulfillment';
import type { FulfillmentOrderRecord, ShopifyStore } from '../store';
import { fulfillmentOrderView, fulfillmentView } from '../views-fulfillment';
import { withUserErrors, type ResolverContext } from './context';

type LineInput = Array<{ id: string; quantity: number }>;
type FulfillmentOrderView = (
	record: FulfillmentOrderRecord | null,
) => ReturnType<typeof fulfillmentOrderView> | null;

/** Where the work is: fulfillment orders split into two, or moved (in whole or part) to another location. */
function splitAndMoveMutations(store: ShopifyStore, view: FulfillmentOrderView) {
	return {
		fulfillmentOrderSplit: ({
			fulfillmentOrderSplits,
		}: {
			fulfillmentOrderSplits: Array<{
				fulfillmentOrderId: string;
				fulfillmentOrderLineItems: LineInput;
			}>;
		}) =>
			withUserErrors(FulfillmentError, { fulfillmentOrderSplits: null }, () => ({
				fulfillmentOrderSplits: fulfillmentOrderSplits.map((split) => {
					const { original, remaining } = splitFulfillmentOrder(
						store,
						split.fulfillmentOrderId,
						split.fulfillmentOrderLineItems,
					);
					return {
						fulfillmentOrder: view(original),
						remainingFulfillmentOrder: view(remaining),
						replacementFulfillmentOrder: null,
					};
				}),
			})),
		fulfillmentOrderMove: (args: {
			id: string;
			newLocationId: string;
			fulfillmentOrderLineItems?: LineInput;
		}) =>
			withUserErrors(
				FulfillmentError,
				{
					movedFulfillmentOrder: null,
					originalFulfillmentOrder: null,
					remainingFulfillmentOrder: null,
				},
				() => {
					const { moved, original, remaining } = moveFulfillmentOrder(
						store,
						args.id,
						args.newLocationId,
						args.fulfillmentOrderLineItems,
					);
					return {
						movedFulfillmentOrder: view(moved),
						originalFulfillmentOrder: view(original),
						remainingFulfillmentOrder: view(remaining),
					};
				},
			),
	};
}

/** Whether the work may go on: holds placed and released, a request sent to the fulfillment service. */
function holdAndRequestMutations(store: ShopifyStore, view: FulfillmentOrderView) {
	return {
		fulfillmentOrderHold: (args: {
			id: string;
			fulfillmentHold: { reason: string; reasonNotes?: string };
		}) =>
			withUserErrors(
				FulfillmentError,
				{ fulfillmentHold: null, fulfillmentOrder: null, remainingFulfillmentOrder: null },
				() => {
					const record = holdFulfillmentOrder(
						store,
						args.id,
						args.fulfillmentHold.reason,
						args.fulfillmentHold.reasonNotes ?? null,
					);
					const hold = (view(record)!.fulfillmentHolds as unknown[]).at(-1);
					return {
						fulfillmentHold: hold,
						fulfillmentOrder: view(record),
						remainingFulfillmentOrder: null,
					};
				},
			),
		fulfillmentOrderReleaseHold: (args: { id: string }) =>
			withUserErrors(FulfillmentError, { fulfillmentOrder: null }, () => ({
				fulfillmentOrder: view(releaseHold(store, args.id)),
			})),
		fulfillmentOrderSubmitFulfillmentRequest: (args: { id: string }) =>
			withUserErrors(
				FulfillmentError,
				{
					originalFulfillmentOrder: null,
					submittedFulfillmentOrder: null,
					unsubmittedFulfillmentOrder: null,
				},
				() => {
					const record = submitFulfillmentRequest(store, args.id);
					return {
						originalFulfillmentOrder: view(record),
						submittedFulfillmentOrder: view(record),
						unsubmittedFulfillmentOrder: null,
					};
				},
			),
	};
}

/** orderCancel answers its problems twice: as orderCancelUserErrors (with codes) and as userErrors. */
function orderCancelResolver(store: ShopifyStore) {
	return (args: { orderId: string; reason: string; restock: boolean; staffNote?: string }) => {
		const job = { __typename: 'Job', id: store.newGid('Job'), done: true };
		try {
			cancelOrder(store, args.orderId, args.reason, args.restock);
			return { job, jobResult: null, orderCancelUserErrors: [], userErrors: [] };
		} catch (error) {
			if (!(error instanceof FulfillmentError)) throw error;
			const userError = { field: error.field, message: error.message, code: error.code };
			return {
				job: null,
				jobResult: null,
				orderCancelUserErrors: [userError],
				userErrors: [{ field: error.field, message: error.message }],
			};
		}
	};
}

export function fulfillmentMutations({ store, views }: ResolverContext): Record<string, unknown> {
	const view: FulfillmentOrderView = (record) =>
		record ? fulfillmentOrderView(store, views, record) : null;
	return {
		...splitAndMoveMutations(store, view),
		...holdAndRequestMutations(store, view),
		fulfillmentCreate: (args: { fulfillment: FulfillmentInput }) =>
			withUserErrors(FulfillmentError, { fulfillment: null }, () => ({
				fulfillment: fulfillmentView(store, views, createFulfillment(store, args.fulfillment)),
			})),
		orderCancel: orderCancelResolver(store),
	};
}
