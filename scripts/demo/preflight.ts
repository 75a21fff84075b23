/**
 * Before the catalog runs against a team's staging ERP: it answers, it accepts the sign-in, and
 * its SKU master holds every SKU the demo's orders use. Anything missing stops the run before an
 * order is placed (exit 2), saying what to add or fix.
 */
import type { StagingErp } from '../../harness/staging-erp';
import { DemoUsageError } from './options';

interface SkuPage {
	items?: Array<{ sku?: string }>;
	nextCursor?: string | null;
}

async function page(erp: StagingErp, cursor: string | null): Promise<SkuPage> {
	const url = `${erp.url}/skus?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
	let response: Response;
	try {
		response = await fetch(url, {
			headers: { authorization: erp.authorization, accept: 'application/json' },
			signal: AbortSignal.timeout(15_000),
		});
	} catch (error) {
		throw new DemoUsageError(
			`The staging ERP at ${erp.url} could not be reached (${(error as Error).message}): check --erp-url and that it is up`,
		);
	}
	if (response.status === 401 || response.status === 403)
		throw new DemoUsageError(
			`The staging ERP refused the sign-in (HTTP ${response.status}): check --erp-auth`,
		);
	const text = await response.text();
	if (!response.ok)
		throw new DemoUsageError(
			`The staging ERP answered GET /skus with HTTP ${response.status}: ${text.slice(0, 200)}`,
		);
	try {
		return JSON.parse(text) as SkuPage;
	} catch {
		throw new DemoUsageError(
			`The staging ERP answered GET /skus with something that is not JSON ("${text.slice(0, 80)}"): --erp-url must point at the contract's API itself`,
		);
	}
}

export async function preflightStagingErp(erp: StagingErp, skus: string[]): Promise<void> {
	const known = new Set<string>();
	let cursor: string | null = null;
	do {
		const answer = await page(erp, cursor);
		for (const item of answer.items ?? []) if (item.sku) known.add(item.sku);
		cursor = answer.nextCursor ?? null;
	} while (cursor);
	const missing = skus.filter((sku) => !known.has(sku));
	if (missing.length > 0) {
		throw new DemoUsageError(
			`The staging ERP's SKU master lacks ${missing.join(', ')}, which the demo's orders use: add them there (any description), then run again. Nothing was placed or booked.`,
		);
	}
}
