/** `npm run sandbox:probe`: runs the sandbox probes against a running sandbox (default ports, or --shopify / --erp URLs). */
import { parseArgs } from 'node:util';

import { DEFAULT_PORTS } from '../sandbox';
import { probeSandbox } from '../sandbox/probes';

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			shopify: { type: 'string', default: `http://127.0.0.1:${DEFAULT_PORTS.shopify}` },
			erp: { type: 'string', default: `http://127.0.0.1:${DEFAULT_PORTS.erp}` },
		},
	});
	const results = await probeSandbox({ shopify: values.shopify, erp: values.erp });
	for (const result of results)
		console.log(`${result.passed ? 'PASS' : 'FAIL'} ${result.name}\n     ${result.detail}`);
	const failed = results.filter((result) => !result.passed).length;
	console.log(`${results.length - failed} passed, ${failed} failed`);
	if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
