/** Credit Memo → Get Many: the credit memos against the orders placed in a window. */
import { updateDisplayOptions } from 'n8n-workflow';

import { orderWindowFields } from '../common.descriptions';
import { orderWindowReader } from '../list-reads';

export const description = updateDisplayOptions(
	{ show: { resource: ['creditMemo'], operation: ['getMany'] } },
	orderWindowFields,
);

export const execute = orderWindowReader('/credit-memos');
