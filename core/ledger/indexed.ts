/**
 * Keys and entities as the ledger indexes them. PostgreSQL's btree refuses index entries above
 * ~2.7 KB, so a longer text is indexed by its SHA-256 and the original is kept in a column
 * beside it (both backends, so a ledger's content does not depend on where it lives).
 */
import { createHash } from 'node:crypto';

export const MAX_INDEXED_BYTES = 512;

/** The text itself when short enough, else `sha256:<hex>` of it. */
export function indexedForm(text: string): string {
	if (Buffer.byteLength(text, 'utf8') <= MAX_INDEXED_BYTES) return text;
	return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** The original, stored beside its indexed form only when they differ. */
export function originalIfHashed(text: string): string | null {
	return indexedForm(text) === text ? null : text;
}

/** Indexed forms of a list, with the way back to each original. */
export function indexedKeys(keys: string[]): { indexed: string[]; original: Map<string, string> } {
	const original = new Map<string, string>();
	for (const key of keys) original.set(indexedForm(key), key);
	return { indexed: [...original.keys()], original };
}
