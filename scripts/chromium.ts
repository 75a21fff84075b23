/** The headless Chromium that the screenshot scripts drive (the system's, not a Playwright download). */
import { chromium, type Browser } from 'playwright-core';

export async function launchChromium(): Promise<Browser> {
	return await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
	});
}
