/** How much a refund is, for the refund rule: a refund made, and one Shopify only suggests (a request not carried out yet). */
import { readRefundAmount } from '../../core/approval/refund-amount';

const bag = (amount: string, currencyCode = 'EUR') => ({
	shopMoney: { amount, currencyCode },
	presentmentMoney: { amount, currencyCode },
});

describe('the refund amount a rule holds against its thresholds', () => {
	it('reads a suggested refund (Refund → Calculate) as the total it would move, shipping and tax included', () => {
		const suggested = {
			orderId: 'gid://shopify/Order/1',
			refundLineItems: [{ quantity: 2, subtotalSet: bag('500.0'), totalTaxSet: bag('95.0') }],
			shipping: { amountSet: bag('30.0') },
			amountSet: bag('625.0'),
			suggestedTransactions: [{ kind: 'SUGGESTED_REFUND', amountSet: bag('625.0') }],
		};
		expect(readRefundAmount(suggested)).toMatchObject({
			ok: true,
			amount: { minor: 62500, currency: 'EUR', display: '625.00 EUR' },
			moved: null,
			discrepancy: null,
		});
	});

	it('says so, rather than passing, when a suggestion carries no amount', () => {
		expect(readRefundAmount({ refundLineItems: [], suggestedTransactions: [] })).toEqual({
			ok: false,
			reason: 'the suggested refund has no amount',
		});
	});
});
