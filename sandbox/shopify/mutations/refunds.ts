/** refundCreate under @idempotent(key:). */
import type { GraphQLResolveInfo } from 'graphql';

import { createRefund, RefundError, type RefundInput } from '../domain/refunds';
import { refundView } from '../views-refund';
import { withUserErrors, type Payload, type ResolverContext } from './context';

export function refundMutations({
	store,
	views,
	idempotency,
	apiVersion,
}: ResolverContext): Record<string, unknown> {
	return {
		refundCreate: (args: { input: RefundInput }, _context: unknown, info: GraphQLResolveInfo) =>
			idempotency.run<Payload>(
				info,
				apiVersion,
				args,
				() =>
					withUserErrors(RefundError, { refund: null, order: null }, () => {
						const refund = createRefund(store, args.input);
						return {
							refund: refundView(store, views, refund),
							order: views.order(store.order(refund.orderId)!),
						};
					}),
				() => ({
					refund: null,
					order: null,
					userErrors: [
						{
							field: null,
							message: 'The idempotency key was already used with different parameters.',
						},
					],
				}),
			),
	};
}
