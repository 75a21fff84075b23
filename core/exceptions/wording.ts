/** Why a person's change to an exception or an in-doubt write did nothing, in the words the Ops node and the desk both use. */
import type { ExceptionRecord, WriteRecord } from '../ledger/types';

/** "it is resolved (by ada@example.com)" */
export function whyUnchanged(current: ExceptionRecord | undefined): string {
	if (!current) return 'there is no such exception';
	const by = current.resolvedBy ?? current.acknowledgedBy;
	return `it is ${current.state}${by ? ` (by ${by})` : ''}`;
}

/** "The write erp / shopify:order:1025:create is not in doubt (it is succeeded)" */
export function notInDoubt(scope: string, key: string, current: WriteRecord | undefined): string {
	return `The write ${scope} / ${key} is not in doubt${current ? ` (it is ${current.state.replace('_', ' ')})` : ' (there is no such write)'}`;
}
