/** Sales Order → Get Many: the sales orders of the orders placed in a window. */
import { updateDisplayOptions } from 'n8n-workflow';

import { orderWindowFields } from '../common.descriptions';
import { orderWindowReader } from '../list-reads';

export const description = updateDisplayOptions(
	{ show: { resource: ['salesOrder'], operation: ['getMany'] } },
	orderWindowFields,
);

export const execute = orderWindowReader('/sales-orders');
