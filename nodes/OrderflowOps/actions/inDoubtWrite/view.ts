/** An in-doubt write as Orderflow Ops outputs it. */
import type { IDataObject } from 'n8n-workflow';

import type { WriteRecord } from '../../../../core/ledger';

export function writeView(record: WriteRecord, now = Date.now()): IDataObject {
	return {
		scope: record.scope,
		key: record.key,
		entity: record.entity,
		state: record.state,
		reason: record.error,
		attempts: record.attempts,
		since: new Date(record.updatedAt).toISOString(),
		ageHours: Math.round((now - record.updatedAt) / 36_000) / 100,
		...(record.body ? { result: record.body } : {}),
	};
}
