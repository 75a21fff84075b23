import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OperationContext } from '../operation';
import { changeTags, tagsFields } from './tags';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['addTags'] } },
	tagsFields,
);

export async function execute(context: OperationContext): Promise<IDataObject> {
	return await changeTags(context, 'tagsAdd');
}
