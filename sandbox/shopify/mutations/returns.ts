/** returnCreate and returnProcess. */
import { RefundError } from '../domain/refunds';
import {
	createReturn,
	processReturn,
	ReturnError,
	type ReturnProcessInput,
} from '../domain/returns';
import { returnView } from '../views-returns';
import { withUserErrors, type Payload, type ResolverContext } from './context';

export function returnMutations({ store, views }: ResolverContext): Record<string, unknown> {
	return {
		returnCreate: ({ returnInput }: { returnInput: Parameters<typeof createReturn>[1] }) =>
			withUserErrors(ReturnError, { return: null }, () => ({
				return: returnView(store, views, createReturn(store, returnInput)),
			})),
		returnProcess: ({ input }: { input: ReturnProcessInput }): Payload => {
			try {
				return withUserErrors(ReturnError, { return: null }, () => ({
					return: returnView(store, views, processReturn(store, input)),
				}));
			} catch (error) {
				// A refund the order cannot take is the return's error too.
				if (error instanceof RefundError)
					return {
						return: null,
						userErrors: [
							{ field: ['input', ...error.field], message: error.message, code: 'INVALID' },
						],
					};
				throw error;
			}
		},
	};
}
