/** Which items wait for a decision: the rules, and what each rule reads from the item. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

/** The rules an item may fire: offered by Rules, and by each approver's Decides On. */
export const RULE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Address Changed After Dispatch', value: 'addressChangedAfterDispatch' },
	{ name: 'Custom Condition', value: 'custom' },
	{ name: 'Inventory Below Safety Stock', value: 'belowSafetyStock' },
	{ name: 'Money Moved (Any Refund, Capture or Transaction)', value: 'moneyMoved' },
	{ name: 'Refund Above Threshold', value: 'refundAbove' },
];

const rules: INodeProperties = {
	displayName: 'Rules',
	name: 'rules',
	type: 'multiOptions',
	options: RULE_OPTIONS,
	default: ['refundAbove'],
	description:
		'An item that fires any rule waits for a decision; items that fire none go straight to Approved',
};

const ruleFields = (rule: string, fields: INodeProperties[]) =>
	updateDisplayOptions({ show: { rules: [rule] } }, fields);

export const ruleProperties: INodeProperties[] = [
	rules,
	...ruleFields('refundAbove', [
		{
			displayName: 'Refund Thresholds',
			name: 'refundThresholds',
			type: 'string',
			default: 'EUR 500',
			placeholder: 'EUR 500, USD 550, JPY 80000',
			description:
				'Per currency, held against the money the refund moved (or its lines, tax and shipping, if more); a refund in a currency without a threshold, or whose amount cannot be read, always needs a decision',
			hint: 'Currency and amount, comma-separated: EUR 500, USD 550, or 499.99 EUR',
		},
		{
			displayName: 'Two Approvers Above',
			name: 'secondThresholds',
			type: 'string',
			default: '',
			placeholder: 'EUR 2000',
			description:
				'Refunds above these amounts (or whose amount cannot be read) need two different named approvers',
			hint: 'Same form as Refund Thresholds, e.g. EUR 2000; empty: Approvers Needed alone decides how many',
		},
	]),
	...ruleFields('addressChangedAfterDispatch', [
		{
			displayName: 'Current Address',
			name: 'currentAddress',
			description:
				'The order’s shipping address now, compared with the address it was dispatched to',
			type: 'json',
			default: '={{ $json.payload?.shipping_address ?? $json.shippingAddress }}',
		},
		{
			displayName: 'Dispatched To',
			name: 'dispatchedAddress',
			type: 'json',
			default: '={{ $json.dispatchedAddress }}',
			description:
				'The address the shipment went to (e.g. from the 3PL shipment request). The order counts as dispatched when Shopify reports it fulfilled or partially fulfilled, or the item has dispatched = true.',
		},
	]),
	...ruleFields('belowSafetyStock', [
		{
			displayName: 'Available',
			name: 'available',
			description: 'The quantity available now, compared with the safety stock',
			hint: 'A number; a missing or unreadable quantity needs a decision too',
			type: 'string',
			default: '={{ $json.available ?? $json.quantities?.available }}',
		},
		{
			displayName: 'Safety Stock',
			name: 'safetyStock',
			description: 'The quantity below which a decision is needed',
			type: 'string',
			default: '={{ $json.safetyStock ?? $json.quantities?.safety_stock }}',
		},
	]),
	...ruleFields('custom', [
		{
			displayName: 'Condition',
			name: 'customCondition',
			type: 'boolean',
			default: false,
			description:
				'Whether the item needs a decision; set it with an expression on the item, e.g. its total above 1000',
			hint: 'e.g. {{ Number($json.total_price) > 1000 }}',
		},
		{
			displayName: 'Condition Reason',
			name: 'customReason',
			type: 'string',
			default: 'custom condition',
			description: 'What the decision page says about items the condition selects',
			hint: 'e.g. order total above 1000',
		},
	]),
];
