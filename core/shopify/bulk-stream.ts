/**
 * A bulk operation's JSONL read as it downloads, one object per line, never the whole file in
 * memory: a year of inventory levels or orders is gigabytes. Lines of nested connections carry
 * `__parentId`; callers that need parent fields ask for them inside the child node instead
 * (e.g. `item { sku }` under an inventory level), since Shopify writes children after their
 * parent but not necessarily right after it, and holding every parent would hold the file.
 */
import {
	BulkOperationError,
	startBulkQuery,
	waitForBulkOperation,
	type BulkRunOptions,
} from './bulk';
import type { ShopifyAdminClient } from './client';

type Json = Record<string, unknown>;

/**
 * Text lines of a byte stream (UTF-8), without their line ends (a last line without one too),
 * the whole lines of each chunk at a time.
 */
export async function* textLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string[]> {
	const decoder = new TextDecoder();
	let pending = '';
	for await (const chunk of chunks) {
		pending += decoder.decode(chunk, { stream: true });
		const lines = pending.split('\n');
		pending = lines.pop()!;
		if (lines.length) yield lines;
	}
	pending += decoder.decode();
	if (pending) yield [pending];
}

/**
 * The objects of a JSONL byte stream, a chunk's at a time; a line that is not JSON stops the
 * read, naming the line. Lines `wanted` turns down are not parsed (at millions of lines, parsing
 * is most of the read).
 */
export async function* jsonlObjects(
	chunks: AsyncIterable<Uint8Array>,
	wanted: (line: string) => boolean = () => true,
): AsyncGenerator<Json[]> {
	let number = 0;
	for await (const lines of textLines(chunks)) {
		const objects: Json[] = [];
		for (const line of lines) {
			number++;
			if (line.trim() === '' || !wanted(line)) continue;
			try {
				objects.push(JSON.parse(line) as Json);
			} catch {
				throw new BulkOperationError(`Line ${number} of the bulk result is not JSON`);
			}
		}
		if (objects.length) yield objects;
	}
}

/** Runs a bulk query and streams its result's objects as they download (none when it found nothing). */
export async function* streamBulkQuery(
	client: ShopifyAdminClient,
	query: string,
	options: BulkRunOptions & { wanted?: (line: string) => boolean },
): AsyncGenerator<Json[]> {
	const started = await startBulkQuery(client, query);
	const operation = await waitForBulkOperation(client, started.id, options);
	if (!operation.url) return;
	yield* jsonlObjects(await client.downloadStream(operation.url), options.wanted);
}
