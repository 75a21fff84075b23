/**
 * Part of `npm run test:n8n`: the support desk template published in a real n8n 2.41.1, behind
 * n8n's own Webhook node with Basic Auth and answered by Respond to Webhook (so under n8n's
 * sandbox policy for such pages). A stranger is refused; support finds an order and reads its
 * story; in Chromium, signed in, a form post acknowledges an exception.
 */
import { launchChromium } from '../chromium';

export const DESK_LOGIN = { username: 'support@orderflow.dev', password: 'Desk-e2e-1' };

type Result = [string, boolean, string?];

const basic = `Basic ${Buffer.from(`${DESK_LOGIN.username}:${DESK_LOGIN.password}`).toString('base64')}`;

/** In Chromium, signed in: open the failing order's page and acknowledge its exception with the form. */
async function acknowledgeInBrowser(deskUrl: string, orderName: string): Promise<Result> {
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({ httpCredentials: DESK_LOGIN });
		const page = await context.newPage();
		await page.goto(`${deskUrl}?q=${encodeURIComponent(orderName)}`);
		const card = page.locator('article[data-exception]').first();
		await card.locator('input[name="note"]').fill('Looking into it');
		await Promise.all([page.waitForLoadState('load'), card.locator('button.acknowledge').click()]);
		const flash = (await page.locator('.flash').textContent()) ?? '';
		return [
			'in Chromium, a signed-in person acknowledges the exception with the form (under n8n’s sandbox policy)',
			/acknowledged by support@orderflow\.dev/.test(flash),
			flash,
		];
	} finally {
		await browser.close();
	}
}

export async function checkDesk(
	n8nUrl: string,
	orders: { booked: string; failed: string },
): Promise<Result[]> {
	const deskUrl = `${n8nUrl}/webhook/support-desk`;
	const results: Result[] = [];
	const stranger = await fetch(deskUrl);
	results.push([
		'the support desk refuses a request without its Basic Auth login',
		stranger.status === 401,
		`HTTP ${stranger.status}`,
	]);
	const found = await fetch(`${deskUrl}?q=${encodeURIComponent(orders.booked)}`, {
		headers: { authorization: basic },
	});
	const html = await found.text();
	const policy = found.headers.get('content-security-policy') ?? '';
	results.push([
		'the desk finds the booked order by its name and shows its story as an HTML page',
		found.status === 200 &&
			(found.headers.get('content-type') ?? '').startsWith('text/html') &&
			html.includes('data-part="mapped to"') &&
			html.includes(`Mapped to a sales order for ${orders.booked}`),
		`HTTP ${found.status} ${found.headers.get('content-type')}: ${html.slice(0, 300)}`,
	]);
	results.push([
		'n8n serves the page under its sandbox policy, and the desk’s other headers arrive',
		policy.startsWith('sandbox') &&
			found.headers.get('x-frame-options') === 'DENY' &&
			found.headers.get('cache-control') === 'no-store',
		policy,
	]);
	results.push(await acknowledgeInBrowser(deskUrl, orders.failed));
	return results;
}
